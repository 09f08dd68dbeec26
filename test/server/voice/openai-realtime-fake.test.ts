import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import {
  FAKE_OPENAI_KEY,
  type FakeOpenAIRealtime,
  startFakeOpenAIRealtime,
} from '../../fakes/openai-realtime-server.js';

// The fake stands in for the API in every provider and runner test, so it
// must refuse what the API refuses; otherwise a broken client would pass.

let fake: FakeOpenAIRealtime | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function rawClient(server: FakeOpenAIRealtime) {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/realtime?model=gpt-realtime`, {
    headers: { Authorization: `Bearer ${FAKE_OPENAI_KEY}` },
  });
  const received: Array<{ type: string; error?: { type: string; code: string; param: string } }> =
    [];
  socket.on('message', (data) => received.push(JSON.parse(String(data))));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const errorsAfter = async (text: string) => {
    const before = received.length;
    socket.send(text);
    await vi.waitFor(() => expect(received.length).toBeGreaterThan(before));
    return received.slice(before).filter((event) => event.type === 'error');
  };
  return { socket, received, errorsAfter };
}

describe('fake OpenAI Realtime server', () => {
  it('refuses malformed client events with invalid_request_error, as the API does', async () => {
    fake = await startFakeOpenAIRealtime();
    const { socket, errorsAfter } = await rawClient(fake);
    const codeOf = async (text: string) => {
      const [error] = await errorsAfter(text);
      return [error?.error?.type, error?.error?.code, error?.error?.param];
    };

    expect(await codeOf('{"type":')).toEqual(['invalid_request_error', 'invalid_json', null]);
    expect(await codeOf(JSON.stringify({ type: 'session.update', session: {} }))).toEqual([
      'invalid_request_error',
      'missing_required_parameter',
      'session.type',
    ]);
    expect(
      await codeOf(
        JSON.stringify({ type: 'session.update', session: { type: 'realtime', voice: 'marin' } }),
      ),
    ).toEqual(['invalid_request_error', 'unknown_parameter', 'session.voice']);
    expect(
      await codeOf(
        JSON.stringify({
          type: 'session.update',
          session: { type: 'realtime', audio: { output: { speed: 2 } } },
        }),
      ),
    ).toEqual(['invalid_request_error', 'invalid_value', 'session.audio.output.speed']);
    expect(await codeOf(JSON.stringify({ type: 'response.create' }))).toEqual([
      'invalid_request_error',
      'session_not_configured',
      null,
    ]);
    expect(await codeOf(JSON.stringify({ type: 'response.speak' }))).toEqual([
      'invalid_request_error',
      'invalid_value',
      'type',
    ]);
    expect(
      await errorsAfter(JSON.stringify({ type: 'session.update', session: { type: 'realtime' } })),
    ).toEqual([]);
    expect(fake.sentOf('session.updated')).toHaveLength(1);
    socket.close();
  });

  it('refuses a wrong key with HTTP 401 before the upgrade', async () => {
    fake = await startFakeOpenAIRealtime();
    const socket = new WebSocket(`${fake.url.replace('http', 'ws')}/realtime?model=gpt-realtime`, {
      headers: { Authorization: 'Bearer sk-wrong' },
    });
    const status = await new Promise<number | undefined>((resolve) => {
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode));
      socket.on('error', () => resolve(undefined));
    });
    socket.terminate();
    expect(status).toBe(401);
  });
});
