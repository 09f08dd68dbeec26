// What one simulated caller of the call-path benchmarks measures. The fake
// providers echo every caller frame as one audio message, in order, so the
// n-th audio message a caller receives is the echo of its n-th frame.

export const FRAME_MS = 20;

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export const wallMs = () => performance.timeOrigin + performance.now();

/** A call's figures, over the current window and over the whole call. */
export class CallerFigures {
  /** When each frame still waiting for its echo was sent, oldest first. */
  readonly #sentAt: number[] = [];
  #windowStart = 0;
  /** Frame sent → its echo received, for frames sent in the window. */
  roundTripMs: number[] = [];
  framesSent = 0;
  framesEchoed = 0;
  /** From the call's first frame on, never reset: frames lost at any point show here. */
  callFramesSent = 0;
  callFramesEchoed = 0;
  /** Agent audio bytes received over the call. */
  receivedBytes = 0;
  lastAudioAt = 0;
  /** Longest silence between two agent audio messages in the window. */
  maxGapMs = 0;

  frameSent(): void {
    this.#sentAt.push(wallMs());
    this.framesSent++;
    this.callFramesSent++;
  }

  /** One agent audio message arrived: the echo of the oldest frame not yet echoed. */
  audioReceived(bytes: number): void {
    const now = wallMs();
    this.receivedBytes += bytes;
    if (this.lastAudioAt > 0) this.maxGapMs = Math.max(this.maxGapMs, now - this.lastAudioAt);
    this.lastAudioAt = now;
    const sentAt = this.#sentAt.shift();
    if (sentAt === undefined) return;
    this.callFramesEchoed++;
    if (sentAt < this.#windowStart) return;
    this.framesEchoed++;
    this.roundTripMs.push(now - sentAt);
  }

  /** Frames sent and not echoed yet. */
  get awaitingEcho(): number {
    return this.#sentAt.length;
  }

  /** Starts a new window; frames already in flight belong to the old one. */
  resetWindow(): void {
    this.#windowStart = wallMs();
    this.roundTripMs = [];
    this.framesSent = 0;
    this.framesEchoed = 0;
    this.lastAudioAt = this.#windowStart;
    this.maxGapMs = 0;
  }
}

/**
 * Calls `tick` every 20 ms from now on a clock that does not drift (each
 * tick is due at start + n × 20 ms), until `tick` returns false or the clock
 * is stopped.
 */
export function startFrameClock(tick: (n: number) => boolean): { stop(): void } {
  const start = wallMs();
  let n = 0;
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    if (!tick(n)) return;
    n++;
    timer = setTimeout(run, Math.max(0, start + n * FRAME_MS - wallMs()));
  };
  run();
  return { stop: () => clearTimeout(timer) };
}

/** Waits until every frame sent has its echo, or `timeoutMs` has passed. */
export async function echoesDrained(figures: CallerFigures, timeoutMs: number): Promise<void> {
  const deadline = wallMs() + timeoutMs;
  while (figures.awaitingEcho > 0 && wallMs() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, FRAME_MS));
  }
}
