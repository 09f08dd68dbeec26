import type { Logger } from 'pino';
import {
  type PhraseGrammar,
  type RecognitionMode,
  type Transcriber,
  TranscriptionError,
  type TranscriptionStream,
} from '../parts.js';
import { PocketsphinxThread } from './pocketsphinx-thread.js';

export type PocketsphinxTranscriberOptions = {
  /** Debian's layout: `en-us/` (acoustic model), `en-us.lm.bin`, `cmudict-en-us.dict`. */
  modelDir: string;
  /** Worker threads; each decodes on one core. */
  workers: number;
  /** Decoders per worker (~90 MB each, created when needed): utterances it decodes at once. */
  decodersPerWorker?: number;
  logger: Logger;
};

const DEFAULT_DECODERS_PER_WORKER = 2;

/**
 * Offline speech-to-text with pocketsphinx in worker threads, so decoding
 * never blocks the event loop. Each utterance goes to the least busy thread;
 * a thread that dies fails its utterances and is replaced.
 */
export class PocketsphinxTranscriber implements Transcriber {
  readonly engine = 'pocketsphinx';
  readonly #options: PocketsphinxTranscriberOptions;
  #threads: PocketsphinxThread[] = [];
  #closed = false;

  private constructor(options: PocketsphinxTranscriberOptions) {
    this.#options = options;
  }

  /** Starts the workers; rejects with a TranscriptionError saying what is missing when pocketsphinx cannot run. */
  static async start(options: PocketsphinxTranscriberOptions): Promise<PocketsphinxTranscriber> {
    const transcriber = new PocketsphinxTranscriber(options);
    const threads = Array.from({ length: Math.max(1, options.workers) }, () =>
      transcriber.#spawn(),
    );
    transcriber.#threads = threads;
    try {
      await Promise.all(threads.map((thread) => thread.ready));
    } catch (error) {
      await transcriber.close();
      throw error;
    }
    return transcriber;
  }

  open(options: { mode: RecognitionMode; grammar: PhraseGrammar | null }): TranscriptionStream {
    const thread = this.#threads
      .filter((candidate) => !candidate.failed)
      .reduce<PocketsphinxThread | undefined>(
        (best, candidate) => (!best || candidate.load < best.load ? candidate : best),
        undefined,
      );
    if (this.#closed || !thread) {
      return unavailableStream(new TranscriptionError('speech-to-text is not running'));
    }
    return new PocketsphinxStream(thread, thread.open(options.mode, options.grammar));
  }

  async close(): Promise<void> {
    this.#closed = true;
    const threads = this.#threads;
    this.#threads = [];
    await Promise.all(threads.map((thread) => thread.terminate()));
  }

  #spawn(): PocketsphinxThread {
    const { modelDir, decodersPerWorker, logger } = this.#options;
    return new PocketsphinxThread({
      modelDir,
      decoders: decodersPerWorker ?? DEFAULT_DECODERS_PER_WORKER,
      logger,
      onCrash: (crashed, error) => this.#replace(crashed, error),
    });
  }

  #replace(crashed: PocketsphinxThread, error: TranscriptionError): void {
    this.#threads = this.#threads.filter((thread) => thread !== crashed);
    if (this.#closed) return;
    this.#options.logger.error({ err: error }, 'speech-to-text worker crashed; starting another');
    const replacement = this.#spawn();
    this.#threads.push(replacement);
    replacement.ready.catch((error: unknown) => {
      this.#threads = this.#threads.filter((thread) => thread !== replacement);
      this.#options.logger.error(
        { err: error, workers: this.#threads.length },
        'speech-to-text worker could not be replaced',
      );
    });
  }
}

class PocketsphinxStream implements TranscriptionStream {
  readonly #thread: PocketsphinxThread;
  readonly #id: number;
  #ended = false;

  constructor(thread: PocketsphinxThread, id: number) {
    this.#thread = thread;
    this.#id = id;
  }

  write(samples: Int16Array): void {
    if (!this.#ended) this.#thread.write(this.#id, samples);
  }

  finish(): Promise<string> {
    if (this.#ended) return Promise.reject(new TranscriptionError('utterance already ended'));
    this.#ended = true;
    return this.#thread.finish(this.#id);
  }

  cancel(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#thread.cancel(this.#id);
  }
}

function unavailableStream(error: TranscriptionError): TranscriptionStream {
  return {
    write: () => {},
    finish: () => Promise.reject(error),
    cancel: () => {},
  };
}
