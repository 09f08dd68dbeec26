/**
 * Counts a client's invalid frames in a sliding window, so a buggy widget gets
 * error events while a client that keeps sending garbage is disconnected.
 */
export class BadFrameLimiter {
  readonly #at: number[] = [];

  constructor(
    private readonly options: { maxBadFrames: number; windowMs: number; now?: () => number },
  ) {}

  /** Records one bad frame; true once `maxBadFrames` fell inside the window. */
  record(): boolean {
    const now = (this.options.now ?? Date.now)();
    this.#at.push(now);
    while (this.#at.length > 0 && (this.#at[0] ?? now) <= now - this.options.windowMs) {
      this.#at.shift();
    }
    return this.#at.length >= this.options.maxBadFrames;
  }
}
