import type { Logger } from 'pino';
import { type AudioFrame, FRAME_MS } from '../../audio/frame.js';
import { Framer } from '../../audio/framer.js';
import type { SpeechSynthesizer } from './parts.js';
import { SentenceSplitter } from './text/sentence-splitter.js';
import { spokenForm } from './text/spoken-form.js';

export type ResponseSpeakerOptions = {
  synthesizer: SpeechSynthesizer;
  voice: string;
  speed: number;
  signal: AbortSignal;
  /** One 20 ms frame of the answer's audio. */
  onAudio(frame: AudioFrame): void;
  /** A sentence, told when its audio is out. */
  onSentence(text: string): void;
  logger: Logger;
  callId: string;
};

/**
 * Speaks one answer while it is still being written: text goes in as it
 * streams, each finished sentence is synthesized in order, so the caller
 * hears the first sentence while the rest is being composed. The caller
 * hears each sentence's spoken form; the transcript keeps what was written.
 */
export class ResponseSpeaker {
  readonly #o: ResponseSpeakerOptions;
  readonly #splitter = new SentenceSplitter();
  #queue: Promise<void> = Promise.resolve();
  #spoken = '';
  #audioMs = 0;

  constructor(options: ResponseSpeakerOptions) {
    this.#o = options;
  }

  /** What was synthesized and sent so far. */
  get spokenText(): string {
    return this.#spoken.trim();
  }

  get audioMs(): number {
    return this.#audioMs;
  }

  push(delta: string): void {
    for (const sentence of this.#splitter.push(delta)) this.#enqueue(sentence);
  }

  /** The text is complete: resolves once every sentence has been spoken (or the answer was cancelled). */
  async end(): Promise<void> {
    const rest = this.#splitter.flush();
    if (rest) this.#enqueue(rest);
    await this.#queue;
  }

  #enqueue(sentence: string): void {
    this.#queue = this.#queue.then(() => this.#speak(sentence));
  }

  async #speak(sentence: string): Promise<void> {
    const { signal } = this.#o;
    const speakable = spokenForm(sentence);
    if (signal.aborted || !speakable) return;
    let samples: Int16Array;
    try {
      samples = await this.#o.synthesizer.synthesize(speakable, {
        voice: this.#o.voice,
        speed: this.#o.speed,
        signal,
      });
    } catch (err) {
      if (!signal.aborted) {
        this.#o.logger.warn(
          {
            callId: this.#o.callId,
            engine: this.#o.synthesizer.engine,
            err: { name: (err as Error).name, message: (err as Error).message },
          },
          'local engine speech synthesis failed',
        );
      }
      return;
    }
    if (signal.aborted) return;
    const text = sentence.trim();
    this.#o.onSentence(this.#spoken ? ` ${text}` : text);
    this.#spoken += this.#spoken ? ` ${text}` : text;
    // Each sentence ends on a whole frame: its tail is padded with silence.
    const framer = new Framer(this.#o.synthesizer.sampleRate);
    const frames = framer.push(samples).concat(framer.flush({ padWithSilence: true }) ?? []);
    for (const frame of frames) {
      this.#audioMs += FRAME_MS;
      this.#o.onAudio(frame);
    }
  }
}
