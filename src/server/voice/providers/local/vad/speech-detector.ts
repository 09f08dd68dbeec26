import { EventEmitter } from 'node:events';
import { LOCAL_INPUT_RATE, type VadStream } from '../parts.js';
import { VAD_WINDOW_SAMPLES } from './silero-vad.js';

export type SpeechDetectorOptions = {
  vad: VadStream;
  /** Probability (0–1) a window needs to count as speech; it stays speech down to threshold − 0.15. */
  threshold: number;
  /** How long the probability must hold before speech starts (filters clicks). */
  minSpeechMs?: number;
  /** Hang time: how long below the lower threshold before speech ends. */
  minSilenceMs?: number;
  /** Audio before the detected start handed over with it, so the first syllable is not clipped. */
  prefixPaddingMs?: number;
};

export type SpeechDetectorEvents = {
  /** `preRoll` is the prefix padding plus the speech heard before the start was confirmed; `startMs` is where speech began on the stream's timeline. */
  'speech.start': [{ preRoll: Int16Array; startMs: number }];
  /** Every window heard while in speech, after the pre-roll, in order. */
  audio: [Int16Array];
  /** `speechMs` runs from the start to the last speech window (the hang time excluded). */
  'speech.end': [{ speechMs: number; endMs: number }];
  error: [Error];
};

type DetectorState =
  | { phase: 'silence' }
  | { phase: 'pending'; startSample: number; windows: Int16Array[] }
  | { phase: 'speech'; startSample: number; silenceSinceSample: number | null };

const samplesOf = (ms: number) => Math.round((ms * LOCAL_INPUT_RATE) / 1000);
const msOf = (samples: number) => Math.round((samples * 1000) / LOCAL_INPUT_RATE);

/**
 * Turns 16 kHz PCM16 of any frame size into speech start / audio / end events,
 * with the hysteresis of Silero's reference get_speech_timestamps.
 */
export class SpeechDetector extends EventEmitter<SpeechDetectorEvents> {
  private readonly vad: VadStream;
  private readonly threshold: number;
  private readonly negativeThreshold: number;
  private readonly minSpeechSamples: number;
  private readonly minSilenceSamples: number;
  private readonly prefix: SampleRing;

  private partial = new Int16Array(VAD_WINDOW_SAMPLES);
  private partialLength = 0;
  private queue: Int16Array[] = [];
  private draining: Promise<void> | null = null;
  private state: DetectorState = { phase: 'silence' };
  /** Samples of the stream already judged, i.e. where the next window starts. */
  private position = 0;
  /** Bumped by reset() so a window already in the model is not judged against the new state. */
  private generation = 0;
  private closed = false;

  constructor(options: SpeechDetectorOptions) {
    super();
    if (!(options.threshold >= 0 && options.threshold <= 1)) {
      throw new RangeError(`VAD threshold must be between 0 and 1, got ${options.threshold}`);
    }
    this.vad = options.vad;
    this.threshold = options.threshold;
    this.negativeThreshold = Math.max(options.threshold - 0.15, 0.01);
    this.minSpeechSamples = samplesOf(options.minSpeechMs ?? 160);
    this.minSilenceSamples = samplesOf(options.minSilenceMs ?? 400);
    this.prefix = new SampleRing(samplesOf(options.prefixPaddingMs ?? 300));
  }

  /** Takes 16 kHz PCM16 of any length; judged later, in order. */
  push(samples: Int16Array): void {
    if (this.closed) return;
    let at = 0;
    while (at < samples.length) {
      const take = Math.min(VAD_WINDOW_SAMPLES - this.partialLength, samples.length - at);
      this.partial.set(samples.subarray(at, at + take), this.partialLength);
      this.partialLength += take;
      at += take;
      if (this.partialLength === VAD_WINDOW_SAMPLES) {
        this.queue.push(this.partial);
        this.partial = new Int16Array(VAD_WINDOW_SAMPLES);
        this.partialLength = 0;
      }
    }
    if (this.queue.length > 0 && !this.draining) {
      this.draining = this.drain();
    }
  }

  /** Resolves once every complete window pushed so far has been judged (a trailing partial window waits for more audio). */
  flush(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  /** Forgets all audio and any speech in progress, without events; the timeline restarts at 0. */
  reset(): void {
    this.generation += 1;
    this.queue = [];
    this.partialLength = 0;
    this.state = { phase: 'silence' };
    this.position = 0;
    this.prefix.clear();
    this.vad.reset();
  }

  /** Stops judging; later pushes are ignored. */
  close(): void {
    this.reset();
    this.closed = true;
  }

  private async drain(): Promise<void> {
    try {
      for (let window = this.queue.shift(); window; window = this.queue.shift()) {
        const generation = this.generation;
        let probability: number;
        try {
          probability = await this.vad.speechProbability(window);
        } catch (error) {
          if (generation !== this.generation) continue;
          // The stream goes on: the window counts as silence so the timeline and audio stay whole.
          probability = 0;
          this.emit('error', error instanceof Error ? error : new Error(String(error)));
        }
        if (generation === this.generation) this.judge(window, probability);
      }
    } finally {
      this.draining = null;
    }
  }

  private judge(window: Int16Array, probability: number): void {
    const windowStart = this.position;
    this.position += window.length;
    const state = this.state;

    if (state.phase === 'silence') {
      if (probability >= this.threshold) {
        this.state = { phase: 'pending', startSample: windowStart, windows: [window] };
        this.confirmIfLongEnough();
      } else {
        this.prefix.write(window);
      }
      return;
    }

    if (state.phase === 'pending') {
      if (probability < this.negativeThreshold) {
        for (const held of state.windows) this.prefix.write(held);
        this.prefix.write(window);
        this.state = { phase: 'silence' };
        return;
      }
      state.windows.push(window);
      this.confirmIfLongEnough();
      return;
    }

    this.prefix.write(window);
    this.emit('audio', window);
    if (probability >= this.threshold) {
      state.silenceSinceSample = null;
    } else if (probability < this.negativeThreshold) {
      state.silenceSinceSample ??= windowStart;
      if (this.position - state.silenceSinceSample >= this.minSilenceSamples) {
        this.state = { phase: 'silence' };
        this.emit('speech.end', {
          speechMs: msOf(state.silenceSinceSample - state.startSample),
          endMs: msOf(state.silenceSinceSample),
        });
      }
    }
  }

  private confirmIfLongEnough(): void {
    const state = this.state;
    if (state.phase !== 'pending' || this.position - state.startSample < this.minSpeechSamples) {
      return;
    }
    const before = this.prefix.read();
    const heard = state.windows.length * VAD_WINDOW_SAMPLES;
    const preRoll = new Int16Array(before.length + heard);
    preRoll.set(before, 0);
    state.windows.forEach((held, i) => {
      preRoll.set(held, before.length + i * VAD_WINDOW_SAMPLES);
    });
    for (const held of state.windows) this.prefix.write(held);
    this.state = { phase: 'speech', startSample: state.startSample, silenceSinceSample: null };
    this.emit('speech.start', { preRoll, startMs: msOf(state.startSample) });
  }
}

/** The last `capacity` samples heard, for the prefix padding. */
class SampleRing {
  private readonly buffer: Int16Array;
  private end = 0;
  private filled = 0;

  constructor(private readonly capacity: number) {
    this.buffer = new Int16Array(capacity);
  }

  write(samples: Int16Array): void {
    if (this.capacity === 0) return;
    const tail = samples.length > this.capacity ? samples.subarray(-this.capacity) : samples;
    const first = Math.min(tail.length, this.capacity - this.end);
    this.buffer.set(tail.subarray(0, first), this.end);
    this.buffer.set(tail.subarray(first), 0);
    this.end = (this.end + tail.length) % this.capacity;
    this.filled = Math.min(this.filled + tail.length, this.capacity);
  }

  read(): Int16Array {
    const out = new Int16Array(this.filled);
    if (this.filled === 0) return out;
    const start = (this.end - this.filled + this.capacity) % this.capacity;
    const first = Math.min(this.filled, this.capacity - start);
    out.set(this.buffer.subarray(start, start + first), 0);
    out.set(this.buffer.subarray(0, this.filled - first), first);
    return out;
  }

  clear(): void {
    this.end = 0;
    this.filled = 0;
  }
}
