import { type ChunkerOptions, chunkText, type TextChunk } from '../chunker.js';
import { UnreadableFileError } from '../extract/errors.js';
import { type ExtractedFile, extractFileText } from '../extract/extract-text.js';

/** Main thread → document worker: one job at a time. */
export type DocumentJob =
  | { type: 'extract'; fileName: string; bytes: Uint8Array; maxChars: number }
  | { type: 'chunk'; text: string; chunker: Partial<ChunkerOptions> | undefined };

export type JobResult<J extends DocumentJob> = J extends { type: 'extract' }
  ? ExtractedFile
  : TextChunk[];

/** Document worker → main thread: the job's result, or why it failed. */
export type JobOutcome =
  | { ok: true; result: ExtractedFile | TextChunk[] }
  /** `unreadable`: the message is for the user (UnreadableFileError). */
  | { ok: false; unreadable: boolean; message: string };

/** Document worker → main thread. */
export type FromWorker = { type: 'ready' } | { type: 'outcome'; outcome: JobOutcome };

/** Runs a job; called inside the worker thread. */
export async function runJob(job: DocumentJob): Promise<JobOutcome> {
  try {
    const result =
      job.type === 'extract'
        ? await extractFileText(job.fileName, job.bytes, job.maxChars)
        : chunkText(job.text, job.chunker);
    return { ok: true, result };
  } catch (error) {
    const unreadable = error instanceof UnreadableFileError;
    return {
      ok: false,
      unreadable,
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
