import path from 'node:path';
import { UnreadableFileError } from './errors.js';

export type DocumentFormat = 'text' | 'markdown' | 'html' | 'pdf';

const FORMAT_BY_EXTENSION: Record<string, DocumentFormat> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
};

export const MIME_TYPE: Record<DocumentFormat, string> = {
  text: 'text/plain',
  markdown: 'text/markdown',
  html: 'text/html',
  pdf: 'application/pdf',
};

export const SUPPORTED_FILE_TYPES = '.txt, .md, .html, .htm or .pdf';

const PDF_MAGIC = '%PDF-';
// Formats people upload by mistake under a text name: ZIP (and so .docx/.xlsx),
// Windows executables, PNG, JPEG, GIF.
const BINARY_MAGIC = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x4d, 0x5a],
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
];

const startsWith = (bytes: Uint8Array, magic: number[]) =>
  magic.every((byte, index) => bytes[index] === byte);

/**
 * The format of an upload from its name and its first bytes: the extension
 * must be a supported one, and the content must agree with it (a PDF starts
 * with `%PDF-`; a text format is not a known binary format).
 */
export function detectFormat(fileName: string, bytes: Uint8Array): DocumentFormat {
  const extension = path.extname(fileName).toLowerCase();
  const named = FORMAT_BY_EXTENSION[extension];
  if (!named) {
    const what = extension ? `"${extension}" files are` : 'Files without an extension are';
    throw new UnreadableFileError(`${what} not supported. Upload a ${SUPPORTED_FILE_TYPES} file`);
  }
  const isPdf = startsWith(
    bytes,
    [...PDF_MAGIC].map((c) => c.charCodeAt(0)),
  );
  if (named === 'pdf') {
    if (!isPdf) throw new UnreadableFileError('This file is named .pdf but is not a PDF');
    return 'pdf';
  }
  // A real PDF under another name is still read as the PDF it is.
  if (isPdf) return 'pdf';
  if (BINARY_MAGIC.some((magic) => startsWith(bytes, magic))) {
    throw new UnreadableFileError(
      `This file is named ${extension} but is not a text file. Upload a ${SUPPORTED_FILE_TYPES} file`,
    );
  }
  return named;
}
