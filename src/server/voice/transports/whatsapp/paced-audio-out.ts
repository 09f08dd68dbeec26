/** libwebrtc's audio sources take exactly 10 ms per call. */
export const WEBRTC_FRAME_MS = 10;
/** Past this many frames behind (the event loop stalled), the pacer skips ahead instead of bursting. */
const MAX_CATCH_UP_FRAMES = 5;

/**
 * Agent audio for a WebRTC audio source, paced in real time: one 10 ms frame
 * per tick, silence when nothing is queued (the track never stalls), so what
 * has been sent is what the caller has had the chance to hear.
 */
export class PacedAudioOut {
  readonly #sampleRate: number;
  readonly #frameSamples: number;
  readonly #silence: Int16Array;
  #queue: Int16Array[] = [];
  #queueOffset = 0;
  #queuedSamples = 0;
  #playedSamples = 0;
  #timer: NodeJS.Timeout | null = null;
  #startedAt = 0;
  #framesSent = 0;

  constructor(sampleRate: number) {
    this.#sampleRate = sampleRate;
    this.#frameSamples = (sampleRate * WEBRTC_FRAME_MS) / 1000;
    this.#silence = new Int16Array(this.#frameSamples);
  }

  get queuedMs(): number {
    return (this.#queuedSamples * 1000) / this.#sampleRate;
  }

  push(samples: Int16Array): void {
    if (samples.length === 0) return;
    this.#queue.push(samples);
    this.#queuedSamples += samples.length;
  }

  /** Drops what has not been sent (barge-in). */
  clear(): void {
    this.#queue = [];
    this.#queueOffset = 0;
    this.#queuedSamples = 0;
  }

  /** Agent audio sent since the last `startResponse`, in ms. */
  playedMs(): number {
    return Math.round((this.#playedSamples * 1000) / this.#sampleRate);
  }

  startResponse(): void {
    this.#playedSamples = 0;
  }

  /** Starts sending: `send` gets one frame every 10 ms until `stop`. */
  start(send: (samples: Int16Array) => void): void {
    if (this.#timer) return;
    this.#startedAt = performance.now();
    this.#framesSent = 0;
    this.#timer = setInterval(() => this.#tick(send), WEBRTC_FRAME_MS);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.clear();
  }

  #tick(send: (samples: Int16Array) => void): void {
    const due = Math.floor((performance.now() - this.#startedAt) / WEBRTC_FRAME_MS);
    if (due - this.#framesSent > MAX_CATCH_UP_FRAMES) this.#framesSent = due - 1;
    while (this.#framesSent < due) {
      send(this.#nextFrame());
      this.#framesSent++;
    }
  }

  #nextFrame(): Int16Array {
    if (this.#queuedSamples === 0) return this.#silence;
    const frame = new Int16Array(this.#frameSamples);
    let filled = 0;
    while (filled < frame.length && this.#queue.length > 0) {
      const head = this.#queue[0] as Int16Array;
      const take = Math.min(frame.length - filled, head.length - this.#queueOffset);
      frame.set(head.subarray(this.#queueOffset, this.#queueOffset + take), filled);
      filled += take;
      this.#queueOffset += take;
      if (this.#queueOffset >= head.length) {
        this.#queue.shift();
        this.#queueOffset = 0;
      }
    }
    this.#queuedSamples -= filled;
    this.#playedSamples += filled;
    return frame;
  }
}
