import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { startSiblingWorker } from '../../../../worker-module.js';
import { type PhraseGrammar, type RecognitionMode, TranscriptionError } from '../parts.js';
import type { FromWorker, PocketsphinxWorkerData, ToWorker } from './pocketsphinx-messages.js';

/** How long a worker may take to free its decoders (a decoding in progress finishes first). */
const CLOSE_TIMEOUT_MS = 2000;

type Pending = { resolve(text: string): void; reject(error: TranscriptionError): void };

/** An utterance neither finished nor cancelled: waiting for finish(), or for its result. */
type OpenUtterance = {
  pending: Pending | null;
  /** The worker gave up on it before finish() was called. */
  error: TranscriptionError | null;
};

function startWorker(workerData: PocketsphinxWorkerData) {
  return startSiblingWorker(import.meta.url, 'pocketsphinx-worker', { workerData });
}

/**
 * One pocketsphinx worker thread seen from the main thread: utterances by id,
 * their pending results, and what happens when the thread dies.
 */
export class PocketsphinxThread {
  /** Resolves once the worker has a decoder; rejects with the reason it cannot. */
  readonly ready: Promise<void>;
  readonly #worker: Worker;
  readonly #logger: Logger;
  readonly #utterances = new Map<number, OpenUtterance>();
  #nextId = 1;
  #wasReady = false;
  #failure: TranscriptionError | null = null;
  #terminating = false;

  constructor(options: {
    modelDir: string;
    decoders: number;
    logger: Logger;
    /** The thread died after it had been ready (not when terminated). */
    onCrash: (thread: PocketsphinxThread, error: TranscriptionError) => void;
  }) {
    this.#logger = options.logger;
    this.#worker = startWorker({ modelDir: options.modelDir, decoders: options.decoders });
    this.ready = new Promise<void>((resolve, reject) => {
      const fail = (error: TranscriptionError) => {
        const crashed = this.#wasReady && !this.#terminating && !this.#failure;
        this.#failAll(error);
        if (!this.#wasReady) reject(error);
        if (crashed) options.onCrash(this, error);
      };
      this.#worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          this.#wasReady = true;
          resolve();
        } else if (message.type === 'failed') {
          fail(new TranscriptionError(message.reason));
          void this.#worker.terminate();
        } else {
          this.#receive(message);
        }
      });
      this.#worker.on('error', (error) =>
        fail(new TranscriptionError(`speech-to-text worker crashed: ${error.message}`)),
      );
      this.#worker.on('exit', (code) =>
        fail(
          new TranscriptionError(
            this.#terminating
              ? 'speech-to-text was closed'
              : `speech-to-text worker exited with code ${code}`,
          ),
        ),
      );
    });
  }

  /** Utterances in progress on this thread, to balance the pool. */
  get load(): number {
    return this.#utterances.size;
  }

  get failed(): boolean {
    return this.#failure !== null;
  }

  open(mode: RecognitionMode, grammar: PhraseGrammar | null): number {
    const id = this.#nextId++;
    this.#utterances.set(id, { pending: null, error: null });
    this.#post({ type: 'open', id, mode, grammar });
    return id;
  }

  write(id: number, samples: Int16Array): void {
    if (!this.#utterances.has(id)) return;
    // A copy, because callers reuse their frames; the copy's buffer moves to the worker.
    const copy = samples.slice();
    this.#post({ type: 'audio', id, samples: copy }, [copy.buffer]);
  }

  finish(id: number): Promise<string> {
    const utterance = this.#utterances.get(id);
    if (this.#failure) return Promise.reject(this.#failure);
    if (!utterance) return Promise.reject(new TranscriptionError('utterance already ended'));
    if (utterance.error) {
      this.#utterances.delete(id);
      return Promise.reject(utterance.error);
    }
    return new Promise<string>((resolve, reject) => {
      utterance.pending = { resolve, reject };
      this.#post({ type: 'finish', id });
    });
  }

  cancel(id: number): void {
    if (!this.#utterances.delete(id)) return;
    this.#post({ type: 'cancel', id });
  }

  /** Lets the worker free its decoders and exit; terminates it if that takes too long. */
  async terminate(): Promise<void> {
    if (this.#terminating) return;
    this.#terminating = true;
    if (this.#failure) return;
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    this.#worker.postMessage({ type: 'close' } satisfies ToWorker);
    const timer = setTimeout(() => void this.#worker.terminate(), CLOSE_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  #post(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    if (!this.#failure) this.#worker.postMessage(message, transfer);
  }

  #receive(message: Exclude<FromWorker, { type: 'ready' | 'failed' }>): void {
    if (message.type === 'grammar-loaded') {
      const { key, phrases, droppedPhrases, compileMs } = message;
      this.#logger.debug(
        { grammarKey: key, phrases, droppedPhrases, compileMs },
        'speech grammar compiled',
      );
      return;
    }
    const utterance = this.#utterances.get(message.id);
    if (!utterance) return;
    const pending = utterance.pending;
    if (message.type === 'result') {
      this.#utterances.delete(message.id);
      pending?.resolve(message.text);
    } else if (pending) {
      this.#utterances.delete(message.id);
      pending.reject(new TranscriptionError(message.reason));
    } else {
      utterance.error = new TranscriptionError(message.reason);
    }
  }

  #failAll(error: TranscriptionError): void {
    if (this.#failure) return;
    this.#failure = error;
    for (const utterance of this.#utterances.values()) utterance.pending?.reject(error);
    this.#utterances.clear();
  }
}
