// Audio messages as JSON text on the wire (Twilio's media, OpenAI Realtime's
// audio events): fifty a second per call each way, so they are read and
// built with string operations instead of a JSON round trip, and their
// base64 audio is passed on as the text it came in.

/** Padded standard base64: it can go inside JSON we build as it is (it needs no escaping). */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && BASE64.test(text);
}

/** Bytes that base64 text (padded, checked with isBase64) decodes to. */
export function base64ByteLength(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** Whether `text` holds no escape, so that every quote in it delimits a string. */
export const hasNoEscape = (text: string): boolean => !text.includes('\\');

/**
 * The value of `"key":"…"` in JSON text that hasNoEscape (there each
 * `"key"` followed by a colon is that key): undefined when the key is
 * absent, null when it is there in another form (spaced, not a string, a
 * value), for the caller to parse the whole text instead.
 */
export function stringField(text: string, key: string): string | null | undefined {
  const quotedKey = `"${key}"`;
  const at = text.indexOf(quotedKey);
  if (at < 0) return undefined;
  const colon = at + quotedKey.length;
  if (text[colon] !== ':' || text[colon + 1] !== '"') return null;
  const end = text.indexOf('"', colon + 2);
  return end < 0 ? null : text.slice(colon + 2, end);
}
