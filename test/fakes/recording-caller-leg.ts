import { EventEmitter } from 'node:events';
import { type AudioFrame, FRAME_MS, frameDurationMs } from '../../src/server/voice/audio/frame.js';
import { Framer } from '../../src/server/voice/audio/framer.js';
import type {
  CallerLeg,
  CallerLegEvents,
  CallNotice,
} from '../../src/server/voice/transports/caller-leg.js';

/**
 * A CallerLeg of our own interface for runner tests: it records what the
 * runner plays, clears and notifies (clear into a log shared with the agent
 * session), and lets the test speak and hang up as the caller.
 */
export class RecordingCallerLeg extends EventEmitter<CallerLegEvents> implements CallerLeg {
  readonly played: AudioFrame[] = [];
  readonly notices: CallNotice[] = [];
  /** `performance.now()` of every clear(). */
  readonly clearedAt: number[] = [];
  /** How many frames had been played at every clear(). */
  readonly clearedAfterFrames: number[] = [];
  /**
   * How much of each answer the caller has heard; null means all of it as
   * soon as it is queued (a fast listener).
   */
  hearingLimitMs: number | null = null;
  closedWith: string | null = null;
  #answerMs = 0;
  readonly #noticeWaiters = new Set<() => void>();

  constructor(
    readonly inputSampleRate = 24000,
    readonly outputSampleRate = 24000,
    readonly log: string[] = [],
  ) {
    super();
  }

  play(frame: AudioFrame): void {
    this.played.push(frame);
    this.#answerMs += frameDurationMs(frame);
  }

  clear(): void {
    this.clearedAt.push(performance.now());
    this.clearedAfterFrames.push(this.played.length);
    this.log.push('leg.clear');
  }

  playedMs(): number {
    return this.hearingLimitMs === null
      ? this.#answerMs
      : Math.min(this.#answerMs, this.hearingLimitMs);
  }

  startResponse(): void {
    this.#answerMs = 0;
  }

  notify(notice: CallNotice): void {
    this.notices.push(notice);
    for (const waiter of this.#noticeWaiters) waiter();
  }

  /** The first notice of `type`, already received or still to come. */
  async noticeOf<T extends CallNotice['type']>(type: T): Promise<Extract<CallNotice, { type: T }>> {
    for (;;) {
      const [notice] = this.noticesOf(type);
      if (notice) return notice;
      await new Promise<void>((resolve) => {
        const waiter = () => {
          this.#noticeWaiters.delete(waiter);
          resolve();
        };
        this.#noticeWaiters.add(waiter);
      });
    }
  }

  close(reason: string): void {
    this.closedWith = reason;
  }

  /** `durationMs` of caller audio in 20 ms frames of a 440 Hz tone at the leg's rate. */
  speak(durationMs: number): void {
    const frameSamples = (this.inputSampleRate * 20) / 1000;
    for (let ms = 0, offset = 0; ms < durationMs; ms += 20, offset += frameSamples) {
      const samples = new Int16Array(frameSamples);
      for (let i = 0; i < frameSamples; i++) {
        samples[i] = Math.round(
          6000 * Math.sin((2 * Math.PI * 440 * (offset + i)) / this.inputSampleRate),
        );
      }
      this.emit('audio', { samples, sampleRate: this.inputSampleRate });
    }
  }

  /** Recorded caller audio at the leg's rate, in 20 ms frames; returns its duration in ms. */
  sayAudio(audio: AudioFrame): number {
    if (audio.sampleRate !== this.inputSampleRate) throw new Error('sayAudio: wrong sample rate');
    const framer = new Framer(this.inputSampleRate);
    const frames = framer.push(audio.samples).concat(framer.flush({ padWithSilence: true }) ?? []);
    for (const frame of frames) this.emit('audio', frame);
    return frames.length * FRAME_MS;
  }

  /** `durationMs` of silence from the caller, in 20 ms frames. */
  silence(durationMs: number): void {
    const frameSamples = (this.inputSampleRate * 20) / 1000;
    for (let ms = 0; ms < durationMs; ms += 20) {
      this.emit('audio', {
        samples: new Int16Array(frameSamples),
        sampleRate: this.inputSampleRate,
      });
    }
  }

  hangUp(): void {
    this.emit('hangup', { reason: 'caller_hangup' });
  }

  noticesOf<T extends CallNotice['type']>(type: T): Array<Extract<CallNotice, { type: T }>> {
    return this.notices.filter((n): n is Extract<CallNotice, { type: T }> => n.type === type);
  }
}
