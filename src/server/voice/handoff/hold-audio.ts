import type { AudioFrame } from '../audio/frame.js';

export type HoldAudioKind = 'tone' | 'music';

const AMPLITUDE = 2400;

/** A soft beep every four seconds: the caller knows the line is alive without being nagged. */
const TONE = { periodMs: 4000, notes: [{ hz: 660, startMs: 0, lengthMs: 350 }] };

/** A slow, quiet arpeggio (C major, then A minor) that loops every four seconds. */
const MUSIC = {
  periodMs: 4000,
  notes: [523.25, 659.25, 783.99, 659.25, 440, 523.25, 659.25, 523.25].map((hz, i) => ({
    hz,
    startMs: i * 500,
    lengthMs: 480,
  })),
};

/**
 * What a caller hears while waiting for a person or while a person holds
 * the call: a generated loop, one frame at a time, each as long as the
 * caller frame it answers, so the caller's own audio clock paces it and no
 * timer runs per held call.
 */
export class HoldAudio {
  readonly #pattern: typeof TONE;
  readonly #sampleRate: number;
  #position = 0;

  constructor(kind: HoldAudioKind, sampleRate: number) {
    this.#pattern = kind === 'music' ? MUSIC : TONE;
    this.#sampleRate = sampleRate;
  }

  /** The next `durationMs` of hold audio. */
  next(durationMs: number): AudioFrame {
    const rate = this.#sampleRate;
    const count = Math.round((durationMs * rate) / 1000);
    const samples = new Int16Array(count);
    const periodSamples = (this.#pattern.periodMs * rate) / 1000;
    for (let i = 0; i < count; i++) {
      const inPeriodMs = (((this.#position + i) % periodSamples) * 1000) / rate;
      samples[i] = this.#sampleAt(inPeriodMs);
    }
    this.#position = (this.#position + count) % periodSamples;
    return { samples, sampleRate: rate };
  }

  #sampleAt(ms: number): number {
    for (const note of this.#pattern.notes) {
      const into = ms - note.startMs;
      if (into < 0 || into >= note.lengthMs) continue;
      // A short fade at each end keeps the note from clicking.
      const fade = Math.min(1, into / 20, (note.lengthMs - into) / 40);
      return Math.round(AMPLITUDE * fade * Math.sin((2 * Math.PI * note.hz * into) / 1000));
    }
    return 0;
  }
}
