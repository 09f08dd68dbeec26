/** A cancellable timer; `cancel` is safe to call after it fired. */
export type Timer = { cancel(): void };

/**
 * Time as the runner sees it. Tests drive a manual clock so a 3-minute
 * silence timeout runs in microseconds; production uses the system clock.
 */
export interface Clock {
  /** Milliseconds on a monotonic scale; only differences mean anything. */
  now(): number;
  after(delayMs: number, fn: () => void): Timer;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  after(delayMs, fn) {
    const handle = setTimeout(fn, delayMs);
    return { cancel: () => clearTimeout(handle) };
  },
};

export function sleep(clock: Clock, delayMs: number): Promise<void> {
  return new Promise((resolve) => clock.after(delayMs, resolve));
}
