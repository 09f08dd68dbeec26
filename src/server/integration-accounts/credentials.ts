import type { SecretBox } from '../crypto/secret-box.js';
import { authTokenHint } from './account-view.js';
import type { TwilioCredentials } from './twilio-client.js';

/** The credential columns of a Twilio account: sealed, plus what may be shown of them. */
export function sealTwilioCredentials(secretBox: SecretBox, credentials: TwilioCredentials) {
  return {
    credentialsEncrypted: secretBox.sealJson({
      accountSid: credentials.accountSid,
      authToken: credentials.authToken,
    }),
    externalAccountId: credentials.accountSid,
    credentialsHint: authTokenHint(credentials.authToken),
  };
}

export function openTwilioCredentials(secretBox: SecretBox, sealed: string): TwilioCredentials {
  return secretBox.openJson<TwilioCredentials>(sealed);
}
