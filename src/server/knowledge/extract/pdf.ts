import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import * as pdfWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import type { TextContent } from 'pdfjs-dist/types/src/display/api.js';
import { UnreadableFileError } from './errors.js';
import { describeCount } from './limits.js';
import { normalizeText } from './normalize-text.js';

// pdf.js's fake worker would otherwise import this module on the first
// document, inside that document's time limit.
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfWorker;

function reason(error: unknown): string {
  if (error instanceof Error && error.name === 'PasswordException')
    return 'it is password-protected';
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\.$/, '') || 'unknown error';
}

class TooMuchText extends UnreadableFileError {}

/**
 * The text of every page, pages separated by a blank line. Runs pdf.js (its
 * fake worker, on the calling thread) without canvas, fonts or eval. Text is
 * read page by page as pdf.js streams it, counting characters as they come:
 * past `maxChars` reading stops, so one page whose content stream inflates to
 * gigabytes, or many pages sharing one big stream, end at the cap.
 */
export async function extractPdf(bytes: Uint8Array, maxChars: number): Promise<string> {
  // pdf.js takes ownership of the buffer it is given.
  const loadingTask = getDocument({
    data: new Uint8Array(bytes),
    useWorkerFetch: false,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: VerbosityLevel.ERRORS,
  });
  let pdf: Awaited<typeof loadingTask.promise>;
  try {
    pdf = await loadingTask.promise;
  } catch (error) {
    await loadingTask.destroy();
    throw new UnreadableFileError(`Could not read this PDF: ${reason(error)}`);
  }
  const budget = { left: maxChars };
  try {
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      pages.push(normalizeText(await pageText(page.streamTextContent(), budget, maxChars)));
      page.cleanup();
    }
    return pages.filter(Boolean).join('\n\n');
  } catch (error) {
    if (error instanceof TooMuchText) throw error;
    throw new UnreadableFileError(`Could not read this PDF: ${reason(error)}`);
  } finally {
    await pdf.destroy();
  }
}

async function pageText(
  stream: ReadableStream<TextContent>,
  budget: { left: number },
  maxChars: number,
): Promise<string> {
  const reader = stream.getReader();
  const parts: string[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return parts.join('');
    for (const item of value.items) {
      if (!('str' in item)) continue;
      const text = item.hasEOL ? `${item.str}\n` : item.str;
      budget.left -= text.length;
      parts.push(text);
    }
    if (budget.left < 0) {
      // Not reader.cancel(): pdf.js then enqueues into the closed stream and
      // throws where nothing can catch it. pdf.destroy() stops the page's work.
      throw new TooMuchText(
        `PDF is too large to extract: more than ${describeCount(maxChars)} characters`,
      );
    }
  }
}
