import { type DocumentFormat, detectFormat, MIME_TYPE } from './detect-format.js';
import { UnreadableFileError } from './errors.js';
import { htmlToPlainText } from './html.js';
import { describeCount, MAX_TEXT_CHARS } from './limits.js';
import { markdownToText } from './markdown.js';
import { extractPdf } from './pdf.js';
import { decodeText, extractPlainText } from './text.js';

export type ExtractedFile = { text: string; format: DocumentFormat; mimeType: string };

function extract(format: DocumentFormat, bytes: Uint8Array, maxChars: number) {
  switch (format) {
    case 'pdf':
      return extractPdf(bytes, maxChars);
    case 'html':
      return htmlToPlainText(decodeText(bytes));
    case 'markdown':
      return markdownToText(decodeText(bytes));
    case 'text':
      return extractPlainText(bytes);
  }
}

/**
 * The plain text of an uploaded file (headings kept as `#` lines). Throws
 * UnreadableFileError, with a message for the user, for anything we cannot
 * read or that holds more than `maxChars` characters. CPU-heavy: run it in
 * the document worker, not on the thread that serves requests.
 */
export async function extractFileText(
  fileName: string,
  bytes: Uint8Array,
  maxChars = MAX_TEXT_CHARS,
): Promise<ExtractedFile> {
  if (bytes.length === 0) throw new UnreadableFileError('The file is empty');
  const format = detectFormat(fileName, bytes);
  const text = await extract(format, bytes, maxChars);
  if (!text.trim()) throw new UnreadableFileError('The file contains no readable text');
  if (text.length > maxChars) {
    throw new UnreadableFileError(
      `The file holds more than ${describeCount(maxChars)} characters of text; split it up`,
    );
  }
  return { text, format, mimeType: MIME_TYPE[format] };
}
