import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { EventStreams, HEARTBEAT_MS } from '../../src/server/conversations/event-streams.js';
import { parseSseBlock } from '../helpers/sse.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A bare Fastify server with one event stream route, and what its streams reported. */
async function serve(streams: EventStreams) {
  const closed: string[] = [];
  // fetch may open a spare connection that would hold close() until its headers timeout.
  app = Fastify({ forceCloseConnections: true });
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('x-from-hook', 'kept');
  });
  app.get('/events', async (_request, reply) => {
    const stream = streams.open(reply);
    stream.onClose(() => closed.push('closed'));
    stream.send('greeting', { text: 'hello\nworld' });
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `${url}/events`, closed };
}

type Reader = ReadableStreamDefaultReader<Uint8Array>;

const readerOf = (response: Response): Reader =>
  (response.body as ReadableStream<Uint8Array>).getReader();

/** Reads until the text matches, or to the end of the body (returns what was read). */
async function readUntil(reader: Reader, pattern: RegExp): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  while (!pattern.test(text)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

describe('EventStreams', () => {
  it('beats every 15 seconds by default', () => {
    expect(HEARTBEAT_MS).toBe(15_000);
  });

  it('writes SSE headers, events and heartbeat comments, keeping headers set by hooks', async () => {
    const { url } = await serve(new EventStreams({ heartbeatMs: 50 }));
    const abort = new AbortController();
    const response = await fetch(url, { signal: abort.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('x-from-hook')).toBe('kept');
    const text = await readUntil(readerOf(response), /: heartbeat\n\n/);
    const block = text.split('\n\n').find((b) => b.startsWith('event: greeting'));
    expect(parseSseBlock(block ?? '')).toEqual({
      event: 'greeting',
      data: { text: 'hello\nworld' },
    });
    abort.abort();
  });

  it('runs close listeners when the client leaves', async () => {
    const { url, closed } = await serve(new EventStreams());
    const abort = new AbortController();
    const response = await fetch(url, { signal: abort.signal });
    await readUntil(readerOf(response), /greeting/);
    abort.abort();
    const deadline = Date.now() + 3000;
    while (closed.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(closed).toEqual(['closed']);
  });

  it('ends every open stream on closeAll', async () => {
    const streams = new EventStreams();
    const { url, closed } = await serve(streams);
    const reader = readerOf(await fetch(url));
    await readUntil(reader, /greeting/);
    streams.closeAll();
    // The body ends instead of hanging.
    await readUntil(reader, /(?!)/);
    expect(closed).toEqual(['closed']);
  });
});
