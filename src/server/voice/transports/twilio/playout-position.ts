/** μ-law at 8 kHz: one byte a sample, eight a millisecond. */
const BYTES_PER_MS = 8;

/**
 * How much of the agent's audio the caller has heard, from Twilio's mark
 * echoes: each chunk sent is followed by a mark named after the bytes sent
 * so far, and Twilio echoes a mark once the audio before it has played.
 */
export class PlayoutPosition {
  #sentBytes = 0;
  #playedBytes = 0;
  /** Audio up to here was dropped by a clear: echoes of marks within it report nothing heard. */
  #clearedThrough = 0;
  #responseStart = 0;

  get sentBytes(): number {
    return this.#sentBytes;
  }

  /** Counts a chunk sent; returns the name of the mark to send after it. */
  sent(bytes: number): string {
    this.#sentBytes += bytes;
    return String(this.#sentBytes);
  }

  /** A mark came back; false when it is none we sent. */
  echoed(name: string): boolean {
    const position = Number(name);
    if (!Number.isSafeInteger(position) || position <= 0 || position > this.#sentBytes) {
      return false;
    }
    // Twilio echoes the pending marks at once on clear; their audio was not heard.
    if (position > this.#clearedThrough) {
      this.#playedBytes = Math.max(this.#playedBytes, position);
    }
    return true;
  }

  cleared(): void {
    this.#clearedThrough = this.#sentBytes;
  }

  /** The next answer starts after everything sent so far. */
  startResponse(): void {
    this.#responseStart = this.#sentBytes;
  }

  /** What the caller heard of the current answer, in whole ms (never more than was heard). */
  playedMs(): number {
    return Math.floor(Math.max(0, this.#playedBytes - this.#responseStart) / BYTES_PER_MS);
  }
}
