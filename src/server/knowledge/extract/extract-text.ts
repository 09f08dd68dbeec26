import { type DocumentFormat, detectFormat, MIME_TYPE } from './detect-format.js';
import { UnreadableFileError } from './errors.js';
import { htmlToPlainText } from './html.js';
import { markdownToText } from './markdown.js';
import { extractPdf } from './pdf.js';
import { decodeText, extractPlainText } from './text.js';

// Compressed PDFs can hold far more text than their size suggests.
const MAX_TEXT_CHARS = 10_000_000;

export type ExtractedFile = { text: string; format: DocumentFormat; mimeType: string };

function extract(format: DocumentFormat, bytes: Uint8Array): Promise<string> | string {
  switch (format) {
    case 'pdf':
      return extractPdf(bytes);
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
 * UnreadableFileError, with a message for the user, for anything we cannot read.
 */
export async function extractFileText(fileName: string, bytes: Uint8Array): Promise<ExtractedFile> {
  if (bytes.length === 0) throw new UnreadableFileError('The file is empty');
  const format = detectFormat(fileName, bytes);
  const text = await extract(format, bytes);
  if (!text.trim()) throw new UnreadableFileError('The file contains no readable text');
  if (text.length > MAX_TEXT_CHARS) {
    throw new UnreadableFileError(
      'The file holds more than 10 million characters of text; split it up',
    );
  }
  return { text, format, mimeType: MIME_TYPE[format] };
}
