import { type AudioFrame, FRAME_MS } from './frame.js';

/**
 * Cuts a stream of arbitrary-length chunks (provider audio deltas, WebSocket
 * messages, decoded telephony payloads) into frames of exactly `frameMs`,
 * keeping the remainder for the next chunk. `flush` hands out what is left at
 * the end of a stream; `clear` drops it (barge-in).
 */
export class Framer {
  readonly sampleRate: number;
  readonly frameSamples: number;
  private pending: Int16Array;
  private pendingLength = 0;

  constructor(sampleRate: number, frameMs: number = FRAME_MS) {
    const frameSamples = (sampleRate * frameMs) / 1000;
    if (!Number.isInteger(frameSamples) || frameSamples <= 0) {
      throw new RangeError(`${frameMs} ms at ${sampleRate} Hz is not a whole number of samples`);
    }
    this.sampleRate = sampleRate;
    this.frameSamples = frameSamples;
    this.pending = new Int16Array(frameSamples);
  }

  /** Samples held back because they do not yet fill a frame. */
  get bufferedSamples(): number {
    return this.pendingLength;
  }

  /** Appends a chunk and returns every frame it completes (possibly none). Frames own their memory. */
  push(chunk: Int16Array): AudioFrame[] {
    const frames: AudioFrame[] = [];
    const size = this.frameSamples;
    let offset = 0;
    if (this.pendingLength > 0) {
      const needed = Math.min(size - this.pendingLength, chunk.length);
      this.pending.set(chunk.subarray(0, needed), this.pendingLength);
      this.pendingLength += needed;
      offset = needed;
      if (this.pendingLength < size) return frames;
      frames.push({ samples: this.pending, sampleRate: this.sampleRate });
      this.pending = new Int16Array(size);
      this.pendingLength = 0;
    }
    for (; offset + size <= chunk.length; offset += size) {
      frames.push({ samples: chunk.slice(offset, offset + size), sampleRate: this.sampleRate });
    }
    this.pending.set(chunk.subarray(offset), 0);
    this.pendingLength = chunk.length - offset;
    return frames;
  }

  /**
   * Ends the stream: returns the held-back samples as a last, short frame
   * (or zero-padded to a full frame with `padWithSilence`), or null when
   * nothing is held back.
   */
  flush(options: { padWithSilence?: boolean } = {}): AudioFrame | null {
    if (this.pendingLength === 0) return null;
    const samples = options.padWithSilence
      ? this.pending
      : this.pending.slice(0, this.pendingLength);
    this.pending = new Int16Array(this.frameSamples);
    this.pendingLength = 0;
    return { samples, sampleRate: this.sampleRate };
  }

  /** Drops the held-back samples. */
  clear(): void {
    this.pending.fill(0);
    this.pendingLength = 0;
  }
}
