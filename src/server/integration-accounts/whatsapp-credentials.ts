import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../crypto/secret-box.js';
import { authTokenHint } from './account-view.js';

/** What Buzzi needs from Meta to answer calls on a number: both stay sealed at rest. */
export type WhatsAppCredentials = { accessToken: string; appSecret: string };

/** The account's non-secret settings, kept in `config`; the verify token is shown to the admin. */
export type WhatsAppConfig = {
  businessAccountId: string;
  phoneNumberId: string;
  /** E.164. */
  phoneNumber: string;
  verifyToken: string;
};

/** The credential columns of a WhatsApp account; the phone number id is its external id. */
export function sealWhatsAppCredentials(
  secretBox: SecretBox,
  credentials: WhatsAppCredentials,
  phoneNumberId: string,
) {
  return {
    credentialsEncrypted: secretBox.sealJson({
      accessToken: credentials.accessToken,
      appSecret: credentials.appSecret,
    }),
    externalAccountId: phoneNumberId,
    credentialsHint: authTokenHint(credentials.accessToken),
  };
}

export function openWhatsAppCredentials(secretBox: SecretBox, sealed: string): WhatsAppCredentials {
  return secretBox.openJson<WhatsAppCredentials>(sealed);
}

/** A verify token for Meta's webhook handshake, when the admin leaves it to us. */
export const newVerifyToken = () => randomBytes(24).toString('base64url');
