import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';

/** `X-Hub-Signature-256`: `sha256=` and the hex HMAC-SHA256 of the raw body, keyed with the app secret. */
export function isSignedByMeta(appSecret: string, signature: string, rawBody: Buffer): boolean {
  if (!signature.startsWith(PREFIX)) return false;
  const given = Buffer.from(signature.slice(PREFIX.length), 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const metaSignatureOf = (appSecret: string, rawBody: Buffer | string) =>
  `${PREFIX}${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
