import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/** A new signing secret: shown to the admin once, then only its hint. */
export const newSigningSecret = () => SECRET_PREFIX + randomBytes(24).toString('base64url');

/** What the API shows of a secret: the prefix and its last four characters. */
export const secretHint = (secret: string) => `${SECRET_PREFIX}…${secret.slice(-4)}`;

/**
 * The `Buzzi-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`,
 * keyed by the whole secret string. The timestamp lets receivers refuse replays.
 */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${digest}`;
}
