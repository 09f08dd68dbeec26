import type { PhraseGrammar, RecognitionMode } from '../parts.js';

/** What a pocketsphinx worker thread is started with. */
export type PocketsphinxWorkerData = { modelDir: string; decoders: number };

/** Main thread → worker. `id` names one utterance. */
export type ToWorker =
  | { type: 'open'; id: number; mode: RecognitionMode; grammar: PhraseGrammar | null }
  | { type: 'audio'; id: number; samples: Int16Array }
  | { type: 'finish'; id: number }
  | { type: 'cancel'; id: number }
  /** Free every decoder (native memory outlives a terminated thread) and exit. */
  | { type: 'close' };

/** Worker → main thread. */
export type FromWorker =
  /** The first decoder is up: the libraries and models work. */
  | { type: 'ready' }
  | { type: 'failed'; reason: string }
  | { type: 'result'; id: number; text: string }
  | { type: 'error'; id: number; reason: string }
  | {
      type: 'grammar-loaded';
      key: string;
      phrases: number;
      droppedPhrases: number;
      compileMs: number;
    };
