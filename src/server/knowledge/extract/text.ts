import { UnreadableFileError } from './errors.js';
import { normalizeText } from './normalize-text.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
// Legacy text files that are not UTF-8 are almost always Windows-1252.
const windows1252 = new TextDecoder('windows-1252');

/** Decodes a text file: UTF-8 or UTF-16 by byte-order mark, else UTF-8, else Windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes.includes(0)) {
    throw new UnreadableFileError('This file does not look like text; it may be a binary file');
  }
  try {
    // TextDecoder drops a UTF-8 byte-order mark by itself.
    return utf8.decode(bytes);
  } catch {
    return windows1252.decode(bytes);
  }
}

/** A .txt file: its lines as they are, headings only where a line starts with `#`. */
export function extractPlainText(bytes: Uint8Array): string {
  return normalizeText(decodeText(bytes));
}
