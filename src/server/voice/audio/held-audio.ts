import { type AudioFrame, frameDurationMs } from './frame.js';

/**
 * Frames held back until someone can take them (the caller talks before the
 * agent has connected), at most `maxMs` of audio: past that the oldest go, so
 * a stalled start never buffers without end.
 */
export class HeldAudio {
  #frames: AudioFrame[] = [];
  #heldMs = 0;

  constructor(private readonly maxMs: number) {}

  get heldMs(): number {
    return this.#heldMs;
  }

  push(frame: AudioFrame): void {
    this.#frames.push(frame);
    this.#heldMs += frameDurationMs(frame);
    while (this.#heldMs > this.maxMs) {
      const oldest = this.#frames.shift();
      if (!oldest) break;
      this.#heldMs -= frameDurationMs(oldest);
    }
  }

  /** Everything held, oldest first; the queue is empty afterwards. */
  drain(): AudioFrame[] {
    const frames = this.#frames;
    this.#frames = [];
    this.#heldMs = 0;
    return frames;
  }
}
