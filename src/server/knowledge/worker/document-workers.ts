import type { Logger } from 'pino';
import type { ChunkerOptions, TextChunk } from '../chunker.js';
import { UnreadableFileError } from '../extract/errors.js';
import type { ExtractedFile } from '../extract/extract-text.js';
import { MAX_TEXT_CHARS } from '../extract/limits.js';
import type { DocumentJob, JobResult } from './document-jobs.js';
import { DocumentLimitError, type DocumentLimits, DocumentThread } from './document-thread.js';

export type DocumentWorkersOptions = DocumentLimits & {
  logger: Logger;
  /** Characters of text a file may hold (default 10 million). */
  maxChars?: number;
};

type Waiting = {
  job: DocumentJob;
  resolve(result: unknown): void;
  reject(error: Error): void;
};

/**
 * Extraction and chunking of documents on one worker thread, off the event
 * loop that serves calls. Jobs wait in one queue per company and are taken in
 * turn, so one company's heavy uploads delay its own documents, not everyone's.
 */
export class DocumentWorkers {
  readonly #options: DocumentWorkersOptions;
  readonly #queues = new Map<string, Waiting[]>();
  /** The company whose job was taken last; it lines up again behind the others. */
  #served: { companyId: string; queue: Waiting[] } | undefined;
  #thread: DocumentThread | undefined;
  #busy = false;
  #closed = false;

  constructor(options: DocumentWorkersOptions) {
    this.#options = options;
  }

  /** The file's text; UnreadableFileError (message for the user) when it cannot or may not be read. */
  extract(companyId: string, fileName: string, bytes: Uint8Array): Promise<ExtractedFile> {
    const maxChars = this.#options.maxChars ?? MAX_TEXT_CHARS;
    // The copy is handed over to the worker, not shared.
    const job = { type: 'extract', fileName, bytes: new Uint8Array(bytes), maxChars } as const;
    return this.#enqueue(companyId, job);
  }

  chunk(
    companyId: string,
    text: string,
    chunker: Partial<ChunkerOptions> | undefined,
  ): Promise<TextChunk[]> {
    return this.#enqueue(companyId, { type: 'chunk', text, chunker });
  }

  /** Fails what waits and stops the thread. */
  async close(): Promise<void> {
    this.#closed = true;
    const queues = [...this.#queues.values(), this.#served?.queue ?? []];
    for (const waiting of queues.flat()) waiting.reject(new Error('Document workers closed'));
    this.#queues.clear();
    this.#served = undefined;
    await this.#thread?.terminate();
  }

  #enqueue<J extends DocumentJob>(companyId: string, job: J): Promise<JobResult<J>> {
    if (this.#closed) return Promise.reject(new Error('Document workers closed'));
    return new Promise<JobResult<J>>((resolve, reject) => {
      const waiting = { job, resolve: resolve as (result: unknown) => void, reject };
      if (this.#served?.companyId === companyId) this.#served.queue.push(waiting);
      else this.#queues.set(companyId, [...(this.#queues.get(companyId) ?? []), waiting]);
      void this.#pump();
    });
  }

  /** The oldest job of the company first in line; companies that arrived meanwhile go before its next one. */
  #take(): Waiting | undefined {
    if (this.#served && this.#served.queue.length > 0) {
      this.#queues.set(this.#served.companyId, this.#served.queue);
    }
    this.#served = undefined;
    const first = this.#queues.entries().next();
    if (first.done) return undefined;
    const [companyId, queue] = first.value;
    this.#queues.delete(companyId);
    this.#served = { companyId, queue };
    return queue.shift();
  }

  async #pump(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      for (let waiting = this.#take(); waiting && !this.#closed; waiting = this.#take()) {
        await this.#run(waiting);
      }
    } finally {
      this.#busy = false;
    }
  }

  async #run({ job, resolve, reject }: Waiting): Promise<void> {
    if (!this.#thread?.alive) this.#thread = new DocumentThread(this.#options);
    try {
      const outcome = await this.#thread.run(job);
      if (outcome.ok) resolve(outcome.result);
      else if (outcome.unreadable) reject(new UnreadableFileError(outcome.message));
      else reject(new Error(outcome.message));
    } catch (error) {
      if (error instanceof DocumentLimitError) {
        this.#options.logger.warn(
          { job: job.type, limit: error.limit },
          'document worker stopped; starting a new one',
        );
      }
      reject(error as Error);
    }
  }
}
