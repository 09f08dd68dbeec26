import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyReply } from 'fastify';

// Proxies and load balancers drop connections that stay silent for long.
export const HEARTBEAT_MS = 15_000;

export type EventStream = {
  send(event: string, data: unknown): void;
  /** Runs once when the client goes away or the server shuts down. */
  onClose(listener: () => void): void;
};

/**
 * Server-sent event streams on the raw response, tracked so that shutting
 * the server down ends them instead of waiting for clients to leave.
 */
export class EventStreams {
  readonly #open = new Set<() => void>();

  constructor(private readonly options: { heartbeatMs: number } = { heartbeatMs: HEARTBEAT_MS }) {}

  open(reply: FastifyReply): EventStream {
    reply.hijack();
    const raw = reply.raw;
    // Headers set by hooks (CORS) are on the reply, which a hijacked response never sends.
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) headers[name] = value;
    }
    raw.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    raw.write(': connected\n\n');

    const closeListeners: Array<() => void> = [];
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), this.options.heartbeatMs);
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      this.#open.delete(close);
      for (const listener of closeListeners) listener();
      if (!raw.writableEnded) raw.end();
    };
    this.#open.add(close);
    // The response's `close` (not the request's) is what fires when the client disconnects.
    raw.on('close', close);
    raw.on('error', close);

    return {
      send(event, data) {
        if (closed) return;
        raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      },
      onClose(listener) {
        if (closed) listener();
        else closeListeners.push(listener);
      },
    };
  }

  closeAll(): void {
    for (const close of [...this.#open]) close();
  }
}
