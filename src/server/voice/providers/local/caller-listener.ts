import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { PhraseGrammar, RecognitionMode, Transcriber, TranscriptionStream } from './parts.js';
import type { SpeechDetector } from './vad/speech-detector.js';

export type CallerListenerEvents = {
  'speech.started': [];
  'speech.stopped': [];
  /** The caller's words, in the order they were spoken; never empty. */
  utterance: [string];
  /** The caller spoke for a while but nothing was recognised. */
  unclear: [];
};

// Shorter sounds that yield no words are coughs and clicks, not questions worth a reply.
const UNCLEAR_AFTER_SPEECH_MS = 600;

/**
 * Hears the caller: the voice activity detector marks each utterance, whose
 * audio streams into speech-to-text while it is spoken, so only the last
 * words remain to decode once the caller stops.
 */
export class CallerListener extends EventEmitter<CallerListenerEvents> {
  readonly #detector: SpeechDetector;
  readonly #transcriber: Transcriber;
  readonly #recognition: { mode: RecognitionMode; grammar: PhraseGrammar | null };
  readonly #log: Logger;
  readonly #openAnswer: () => boolean;
  #stream: TranscriptionStream | null = null;
  // Utterances finish decoding in the order they were spoken.
  #results: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: {
    detector: SpeechDetector;
    transcriber: Transcriber;
    recognition: { mode: RecognitionMode; grammar: PhraseGrammar | null };
    logger: Logger;
    /** Whether the next utterance is an open answer, heard without the grammar. */
    openAnswer?: () => boolean;
  }) {
    super();
    this.#detector = options.detector;
    this.#transcriber = options.transcriber;
    this.#recognition = options.recognition;
    this.#log = options.logger;
    this.#openAnswer = options.openAnswer ?? (() => false);
    this.#detector.on('speech.start', ({ preRoll }) => this.#onStart(preRoll));
    this.#detector.on('audio', (samples) => this.#stream?.write(samples));
    this.#detector.on('speech.end', ({ speechMs }) => this.#onEnd(speechMs));
    this.#detector.on('error', (err) =>
      this.#log.error(
        { err: { name: err.name, message: err.message } },
        'voice activity detection failed',
      ),
    );
  }

  /** 16 kHz caller audio. */
  push(samples: Int16Array): void {
    if (!this.#closed) this.#detector.push(samples);
  }

  close(): void {
    this.#closed = true;
    this.#stream?.cancel();
    this.#stream = null;
    this.#detector.close();
  }

  #onStart(preRoll: Int16Array): void {
    if (this.#closed) return;
    this.#stream?.cancel();
    const open = this.#recognition.mode === 'grammar' && this.#openAnswer();
    this.#stream = this.#transcriber.open(
      open ? { mode: 'general', grammar: null } : this.#recognition,
    );
    this.#stream.write(preRoll);
    this.emit('speech.started');
  }

  #onEnd(speechMs: number): void {
    const stream = this.#stream;
    this.#stream = null;
    if (!stream || this.#closed) return;
    this.emit('speech.stopped');
    const text = stream.finish();
    this.#results = this.#results.then(async () => {
      try {
        const words = (await text).trim();
        if (this.#closed) return;
        if (words) this.emit('utterance', words);
        else if (speechMs >= UNCLEAR_AFTER_SPEECH_MS) this.emit('unclear');
      } catch (err) {
        this.#log.warn(
          {
            engine: this.#transcriber.engine,
            err: { name: (err as Error).name, message: (err as Error).message },
          },
          'local engine speech recognition failed',
        );
      }
    });
  }
}
