/** One server-sent event; `data` is parsed JSON. */
export type SseEvent = { event: string; data: unknown };

type Waiter = {
  matches: (event: SseEvent) => boolean;
  resolve: (event: SseEvent) => void;
};

/** Splits an event stream into events as a browser's EventSource would (comments dropped). */
export function parseSseBlock(block: string): SseEvent | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':') || line === '') continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  return { event, data: JSON.parse(data.join('\n')) };
}

/**
 * A real event-stream reader over fetch. Events are kept in arrival order;
 * `next` hands out each matching event once, so a test can walk a sequence.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly #taken = new Set<SseEvent>();
  readonly #waiters = new Set<Waiter>();
  readonly #abort: AbortController;
  readonly response: Response;

  private constructor(response: Response, abort: AbortController) {
    this.response = response;
    this.#abort = abort;
    void this.#read();
  }

  /** Opens the stream; throws with the body when the server answers anything but an event stream. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const abort = new AbortController();
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...headers },
      signal: abort.signal,
    });
    if (
      response.status !== 200 ||
      !response.headers.get('content-type')?.startsWith('text/event-stream')
    ) {
      const body = await response.text();
      abort.abort();
      throw new Error(`Not an event stream: ${response.status} ${body}`);
    }
    return new SseClient(response, abort);
  }

  /** The first not yet taken event of `type` that matches, waiting for it up to `timeoutMs`. */
  next<T = Record<string, unknown>>(
    type: string,
    predicate: (data: T) => boolean = () => true,
    timeoutMs = 8000,
  ): Promise<T> {
    const matches = (e: SseEvent) =>
      e.event === type && !this.#taken.has(e) && predicate(e.data as T);
    const found = this.events.find(matches);
    if (found) {
      this.#taken.add(found);
      return Promise.resolve(found.data as T);
    }
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        matches,
        resolve: (event) => {
          clearTimeout(timer);
          this.#waiters.delete(waiter);
          this.#taken.add(event);
          resolve(event.data as T);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        const seen = this.events.map((e) => `${e.event} ${JSON.stringify(e.data)}`).join('\n');
        reject(new Error(`No "${type}" event matched within ${timeoutMs} ms. Received:\n${seen}`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  /** Every event of `type` received so far, taken or not. */
  all<T = Record<string, unknown>>(type: string): T[] {
    return this.events.filter((e) => e.event === type).map((e) => e.data as T);
  }

  close(): void {
    this.#abort.abort();
  }

  async #read(): Promise<void> {
    const body = this.response.body;
    if (!body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.search(/\r?\n\r?\n/);
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
          const event = parseSseBlock(block);
          if (event) this.#deliver(event);
          end = buffer.search(/\r?\n\r?\n/);
        }
      }
    } catch {
      // Aborted by close(), or the server ended the stream.
    }
  }

  #deliver(event: SseEvent): void {
    this.events.push(event);
    for (const waiter of this.#waiters) {
      if (waiter.matches(event)) {
        waiter.resolve(event);
        return;
      }
    }
  }
}
