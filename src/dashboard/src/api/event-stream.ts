// Plain TypeScript (no React) so the embeddable widget can reuse it.

export type StreamState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export type EventStreamOptions = {
  url: string | (() => string);
  /** Sends cookies to another origin; same-origin requests always send them. */
  withCredentials?: boolean;
  /** One handler per SSE event name; the data arrives parsed from JSON. */
  handlers: Record<string, (data: unknown) => void>;
  /** Called on every (re)connection, so a client can fetch what it missed while away. */
  onOpen?: (reconnected: boolean) => void;
  onStateChange?: (state: StreamState) => void;
  initialDelayMs?: number;
  maxDelayMs?: number;
};

export type EventStream = { close(): void };

const INITIAL_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * An EventSource that reconnects with exponential backoff (and jitter) after any
 * failure, including the HTTP errors after which the browser's own retry gives up.
 */
export function openEventStream(options: EventStreamOptions): EventStream {
  const initialDelayMs = options.initialDelayMs ?? INITIAL_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? MAX_DELAY_MS;
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let delayMs = initialDelayMs;
  let connectedBefore = false;
  let closed = false;

  const setState = (state: StreamState) => options.onStateChange?.(state);

  const connect = () => {
    timer = null;
    const url = typeof options.url === 'function' ? options.url() : options.url;
    const current = new EventSource(url, { withCredentials: options.withCredentials ?? false });
    source = current;
    current.onopen = () => {
      delayMs = initialDelayMs;
      setState('open');
      options.onOpen?.(connectedBefore);
      connectedBefore = true;
    };
    current.onerror = (event) => {
      // A server event named `error` arrives here too, as a MessageEvent with data.
      if (event instanceof MessageEvent) return;
      current.close();
      if (closed || source !== current) return;
      source = null;
      setState('reconnecting');
      const jitter = 0.8 + Math.random() * 0.4;
      timer = setTimeout(connect, delayMs * jitter);
      delayMs = Math.min(delayMs * 2, maxDelayMs);
    };
    for (const [name, handler] of Object.entries(options.handlers)) {
      current.addEventListener(name, (event) => {
        if (!(event instanceof MessageEvent) || typeof event.data !== 'string') return;
        const data = parse(event.data);
        if (data !== undefined) handler(data);
      });
    }
  };

  setState('connecting');
  connect();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      source?.close();
      source = null;
      setState('closed');
    },
  };
}
