import type { Clock, Timer } from '../../src/server/voice/runner/clock.js';

type Pending = { at: number; seq: number; fn: () => void; cancelled: boolean };

/** Lets I/O callbacks and promise chains (database writes) run between timers. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A Clock the test moves by hand: minutes of call policy (silence timeout,
 * max duration) run in a moment, timers firing in order with pending work
 * settled between them.
 */
export class ManualClock implements Clock {
  #now = 0;
  #seq = 0;
  #pending: Pending[] = [];

  now(): number {
    return this.#now;
  }

  after(delayMs: number, fn: () => void): Timer {
    const entry: Pending = { at: this.#now + delayMs, seq: ++this.#seq, fn, cancelled: false };
    this.#pending.push(entry);
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await settle();
    for (;;) {
      this.#pending = this.#pending.filter((p) => !p.cancelled);
      const next = this.#pending
        .filter((p) => p.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.#pending.splice(this.#pending.indexOf(next), 1);
      this.#now = next.at;
      next.fn();
      await settle();
    }
    this.#now = target;
    await settle();
  }
}
