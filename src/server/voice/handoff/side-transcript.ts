import type { Logger } from 'pino';
import type { AudioFrame } from '../audio/frame.js';
import { AudioBridge } from '../runner/audio-bridge.js';
import { safeError } from '../runner/log-safe.js';
import {
  SPEECH_LISTENER_RATE,
  type SpeechListener,
  type SpeechListenerFactory,
} from './speech-listeners.js';

type Span = { startMs: number; endMs: number };

/**
 * One side of a call a person has taken over, transcribed as it is spoken:
 * each utterance with where it started and stopped in the call.
 */
export class SideTranscript {
  readonly #bridge = new AudioBridge({
    providerInputRate: SPEECH_LISTENER_RATE,
    callerOutputRate: SPEECH_LISTENER_RATE,
  });
  readonly #spans: Span[] = [];
  #listener: SpeechListener | null = null;
  #closed = false;

  constructor(
    private readonly options: {
      listeners: SpeechListenerFactory;
      /** Milliseconds since the call started. */
      offsetNow(): number;
      onUtterance(text: string, span: Span): void;
      logger: Logger;
    },
  ) {
    options
      .listeners()
      .then((listener) => this.#attach(listener))
      .catch((err: unknown) =>
        options.logger.warn({ err: safeError(err) }, 'taken-over call is not transcribed'),
      );
  }

  push(frame: AudioFrame): void {
    if (!this.#listener) return;
    this.#listener.push(this.#bridge.toProvider(frame).samples);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#listener?.close();
    this.#listener = null;
    this.#bridge.close();
  }

  #attach(listener: SpeechListener): void {
    if (this.#closed) {
      listener.close();
      return;
    }
    const { offsetNow, onUtterance } = this.options;
    listener.on('speech.started', () => this.#spans.push({ startMs: offsetNow(), endMs: -1 }));
    listener.on('speech.stopped', () => {
      const open = this.#spans.findLast((span) => span.endMs < 0);
      if (open) open.endMs = offsetNow();
    });
    listener.on('utterance', (text) => {
      const now = offsetNow();
      const span = this.#spans.shift() ?? { startMs: now, endMs: now };
      onUtterance(text, { startMs: span.startMs, endMs: span.endMs < 0 ? now : span.endMs });
    });
    this.#listener = listener;
  }
}
