import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { UnreadableFileError } from './errors.js';
import { normalizeText } from './normalize-text.js';

function reason(error: unknown): string {
  if (error instanceof Error && error.name === 'PasswordException')
    return 'it is password-protected';
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\.$/, '') || 'unknown error';
}

/**
 * The text of every page, pages separated by a blank line. Runs pdf.js in
 * this process (its fake worker), without canvas, fonts or eval.
 */
export async function extractPdf(bytes: Uint8Array): Promise<string> {
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
  try {
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const text = content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join('');
      pages.push(normalizeText(text));
      page.cleanup();
      // pdf.js runs on this thread: let other requests through between pages.
      await yieldToEventLoop();
    }
    return pages.filter(Boolean).join('\n\n');
  } catch (error) {
    throw new UnreadableFileError(`Could not read this PDF: ${reason(error)}`);
  } finally {
    await pdf.destroy();
  }
}
