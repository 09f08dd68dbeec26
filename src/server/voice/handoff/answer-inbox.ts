import type { BusEvents } from '../../bus/event-bus.js';

export type OfferAnswer = BusEvents['call.offer.answer'];

/** Answers to one offer as they arrive, taken one at a time until a deadline or the caller leaves. */
export class AnswerInbox {
  readonly #queue: OfferAnswer[] = [];
  #wake: (() => void) | undefined;

  push(answer: OfferAnswer): void {
    this.#queue.push(answer);
    this.#wake?.();
  }

  async next(
    deadlineMs: number,
    signal: AbortSignal,
  ): Promise<OfferAnswer | 'timeout' | 'aborted'> {
    for (;;) {
      if (signal.aborted) return 'aborted';
      const answer = this.#queue.shift();
      if (answer) return answer;
      const remainingMs = deadlineMs - Date.now();
      if (remainingMs <= 0) return 'timeout';
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          this.#wake = undefined;
          resolve();
        };
        const timer = setTimeout(done, remainingMs);
        signal.addEventListener('abort', done, { once: true });
        this.#wake = done;
      });
    }
  }
}
