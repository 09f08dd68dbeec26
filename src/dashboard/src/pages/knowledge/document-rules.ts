import type { KnowledgeDocument } from '../../api/types';
import { formatBytes } from '../../lib/format';

// The limits of docs/API.md, checked before sending so a too-large file fails at once.
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;

const fileTypes = {
  txt: 'Text',
  md: 'Markdown',
  html: 'HTML',
  htm: 'HTML',
  pdf: 'PDF',
} as const;

export const acceptedExtensions = Object.keys(fileTypes).map((ext) => `.${ext}`);
export const acceptAttribute = [
  ...acceptedExtensions,
  'text/plain',
  'text/markdown',
  'text/html',
  'application/pdf',
].join(',');

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Why a file cannot be uploaded, or null when it can. */
export function fileProblem(file: File): string | null {
  if (!(extensionOf(file.name) in fileTypes)) {
    return `${file.name} is not a supported file. Use ${acceptedExtensions.join(', ')}.`;
  }
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > MAX_FILE_BYTES) {
    return `${file.name} is ${formatBytes(file.size)}; files can be at most ${formatBytes(MAX_FILE_BYTES)}.`;
  }
  return null;
}

export const textBytes = (text: string) => new TextEncoder().encode(text).length;

/** "PDF", "Markdown", … or "Text" for pasted text. */
export function documentTypeLabel(document: KnowledgeDocument): string {
  if (document.sourceType === 'text') return 'Pasted text';
  const ext = extensionOf(document.fileName ?? '');
  if (ext in fileTypes) return fileTypes[ext as keyof typeof fileTypes];
  if (document.mimeType === 'application/pdf') return 'PDF';
  return 'File';
}
