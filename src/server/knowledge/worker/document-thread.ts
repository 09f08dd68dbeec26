import type { Worker } from 'node:worker_threads';
import { startSiblingWorker } from '../../worker-module.js';
import { UnreadableFileError } from '../extract/errors.js';
import type { DocumentJob, FromWorker, JobOutcome } from './document-jobs.js';

export type DocumentLimits = {
  /** Heap of the worker, and growth of the process's resident memory while a job runs. */
  memoryMb: number;
  /** Wall-clock time one job may take. */
  timeoutMs: number;
};

/** A job stopped by a limit or by the worker dying; the message is for the user. */
export class DocumentLimitError extends UnreadableFileError {
  constructor(
    message: string,
    readonly limit: 'time' | 'memory' | 'crash',
  ) {
    super(message);
  }
}

// pdf.js keeps inflated streams in ArrayBuffers, which the worker's heap limit
// does not count: the process's resident memory is watched too.
const MEMORY_SAMPLE_MS = 50;
const MB = 1024 * 1024;

const LABEL: Record<DocumentJob['type'], string> = {
  extract: 'Extraction',
  chunk: 'Splitting the text into chunks',
};

function startWorker(limits: DocumentLimits) {
  const resourceLimits = { maxOldGenerationSizeMb: limits.memoryMb, stackSizeMb: 4 };
  return startSiblingWorker(import.meta.url, 'document-worker', { resourceLimits });
}

type Running = {
  label: string;
  resolve(outcome: JobOutcome): void;
  reject(error: DocumentLimitError): void;
  timer: NodeJS.Timeout;
  watchdog: NodeJS.Timeout;
};

/**
 * One document worker thread, one job at a time. A job over its time or
 * memory limit is failed and the thread terminated; a dead thread is not
 * reused (`alive` turns false) and the owner starts a new one.
 */
export class DocumentThread {
  readonly #worker: Worker;
  readonly #limits: DocumentLimits;
  readonly #ready: Promise<void>;
  #markReady: () => void = () => {};
  #running: Running | undefined;
  #alive = true;

  constructor(limits: DocumentLimits) {
    this.#limits = limits;
    this.#worker = startWorker(limits);
    this.#worker.unref();
    this.#ready = new Promise((resolve) => {
      this.#markReady = resolve;
    });
    this.#worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') this.#markReady();
      else this.#finish()?.resolve(message.outcome);
    });
    this.#worker.on('error', (error: Error & { code?: string }) => {
      this.#alive = false;
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.#fail('memory');
      else this.#fail('crash');
    });
    this.#worker.on('exit', () => {
      this.#alive = false;
      this.#markReady();
      this.#fail('crash');
    });
  }

  get alive(): boolean {
    return this.#alive;
  }

  async run(job: DocumentJob): Promise<JobOutcome> {
    if (this.#running) throw new Error('DocumentThread runs one job at a time');
    await this.#ready;
    if (!this.#alive)
      throw new DocumentLimitError(this.#message(LABEL[job.type], 'crash'), 'crash');
    const baselineRss = process.memoryUsage.rss();
    const maxGrowth = this.#limits.memoryMb * MB;
    return new Promise<JobOutcome>((resolve, reject) => {
      this.#running = {
        label: LABEL[job.type],
        resolve,
        reject,
        timer: setTimeout(() => this.#fail('time'), this.#limits.timeoutMs),
        watchdog: setInterval(() => {
          if (process.memoryUsage.rss() - baselineRss > maxGrowth) this.#fail('memory');
        }, MEMORY_SAMPLE_MS),
      };
      const transfer = job.type === 'extract' ? [job.bytes.buffer as ArrayBuffer] : [];
      this.#worker.postMessage(job, transfer);
    });
  }

  async terminate(): Promise<void> {
    this.#alive = false;
    this.#fail('crash');
    await this.#worker.terminate();
  }

  #finish(): Running | undefined {
    const running = this.#running;
    if (!running) return undefined;
    this.#running = undefined;
    clearTimeout(running.timer);
    clearInterval(running.watchdog);
    return running;
  }

  #fail(limit: DocumentLimitError['limit']): void {
    const running = this.#finish();
    if (!running) return;
    running.reject(new DocumentLimitError(this.#message(running.label, limit), limit));
    if (limit !== 'crash') {
      this.#alive = false;
      void this.#worker.terminate();
    }
  }

  #message(label: string, limit: DocumentLimitError['limit']): string {
    switch (limit) {
      case 'time':
        return `${label} took longer than ${Math.round(this.#limits.timeoutMs / 100) / 10} s`;
      case 'memory':
        return `${label} ran out of memory`;
      case 'crash':
        return `${label} failed unexpectedly`;
    }
  }
}
