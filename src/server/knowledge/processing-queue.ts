export type QueueWorker = (key: string, signal: AbortSignal) => Promise<void>;

/**
 * Runs a worker for queued keys, at most `concurrency` at once and never two
 * for the same key: a key queued while it runs runs again afterwards, a key
 * queued twice while waiting runs once.
 */
export class ProcessingQueue {
  readonly #worker: QueueWorker;
  readonly #concurrency: number;
  readonly #onError: (key: string, error: unknown) => void;
  #pending: string[] = [];
  readonly #running = new Map<string, Promise<void>>();
  readonly #abort = new AbortController();
  #idleWaiters: Array<() => void> = [];

  constructor(options: {
    worker: QueueWorker;
    concurrency: number;
    onError: (key: string, error: unknown) => void;
  }) {
    this.#worker = options.worker;
    this.#concurrency = Math.max(1, options.concurrency);
    this.#onError = options.onError;
  }

  push(key: string): void {
    if (this.#abort.signal.aborted) return;
    if (!this.#pending.includes(key)) this.#pending.push(key);
    this.#drain();
  }

  /** Resolves once nothing is running or waiting. */
  idle(): Promise<void> {
    if (this.#running.size === 0 && this.#pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Drops what waits, tells running workers to stop, and waits for them. */
  async close(): Promise<void> {
    this.#abort.abort();
    this.#pending = [];
    await Promise.all(this.#running.values());
  }

  #drain(): void {
    while (this.#running.size < this.#concurrency) {
      const index = this.#pending.findIndex((key) => !this.#running.has(key));
      if (index < 0) break;
      const [key] = this.#pending.splice(index, 1);
      if (key === undefined) break;
      const run = this.#worker(key, this.#abort.signal)
        .catch((error: unknown) => this.#onError(key, error))
        .finally(() => {
          this.#running.delete(key);
          this.#drain();
        });
      this.#running.set(key, run);
    }
    if (this.#running.size === 0 && this.#pending.length === 0) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
