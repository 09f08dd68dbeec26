import type { ClientMessage } from './wire.js';

/** Enough to carry a caller through a slow reconnect; older audio is stale by then. */
const MAX_AUDIO_MS = 10_000;

/**
 * What the session sends while it resumes on a new connection, replayed in
 * order once the new one is set up. Audio beyond the last ten seconds is
 * dropped oldest first; say() and tool results are always kept.
 */
export class ResumeOutbox {
  readonly #entries: Array<{ message: ClientMessage; audioMs: number }> = [];
  #audioMs = 0;

  push(message: ClientMessage, audioMs = 0): void {
    this.#entries.push({ message, audioMs });
    this.#audioMs += audioMs;
    while (this.#audioMs > MAX_AUDIO_MS) {
      const oldest = this.#entries.findIndex((entry) => entry.audioMs > 0);
      const [dropped] = this.#entries.splice(oldest, 1);
      this.#audioMs -= dropped?.audioMs ?? 0;
    }
  }

  drain(): ClientMessage[] {
    this.#audioMs = 0;
    return this.#entries.splice(0).map((entry) => entry.message);
  }
}
