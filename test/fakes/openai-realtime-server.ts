/**
 * A fake OpenAI Realtime API (GA interface) on a local port, speaking the
 * real WebSocket protocol: `ws://127.0.0.1:<port>/v1/realtime?model=<model>`
 * with `Authorization: Bearer <key>`. The product reaches it through
 * OPENAI_BASE_URL = `fake.url` (`http://127.0.0.1:<port>/v1`).
 *
 * What it does, like the real API:
 * - Handshake: 404 off `/v1/realtime`, 401 (`invalid_api_key`) on a wrong key,
 *   an `error` event (`model_not_found`) and close 1008 on another model.
 * - Sends `session.created` on connect and `session.updated` for every valid
 *   `session.update`. (Stricter than the API on purpose: any other event before
 *   the first `session.update` is refused with `session_not_configured`.)
 * - Validates every client event against the SDK's types and answers a bad
 *   one with an `error` event of type `invalid_request_error`
 *   (unknown_parameter, missing_required_parameter, invalid_value, invalid_json).
 * - One response at a time (`conversation_already_has_active_response`);
 *   `response.cancel` without one → `response_cancel_not_active`; a truncate
 *   past the audio generated for the item → error, else
 *   `conversation.item.truncated`; a `function_call_output` for an unknown
 *   call id → error.
 *
 * Script (all optional; the arrays may be pushed to while a test runs):
 * - `apiKey` (default FAKE_OPENAI_KEY), `model` (default `gpt-realtime`).
 * - `refuse`: HTTP statuses for the next handshakes, consumed in order
 *   (`[500, 500]` → two refusals, then accepted).
 * - `answerSessionUpdate: false`: never confirm the session (setup timeout).
 * - `turns`: caller utterances. Each time the client has appended
 *   `turnAfterAudioMs` (default 300) of audio since the last turn, the next
 *   turn runs: speech_started (cancelling an active response when
 *   interrupt_response is on: barge-in), speech_stopped, committed, the user
 *   item, input transcription deltas + completed (only when the session
 *   enabled transcription and the turn has `transcript`), then `reply`.
 *   `fake.callerTurn()` runs the next turn at once without audio.
 * - `replies`: answers to the client's `response.create`, in order. When
 *   empty, the fake obeys "say exactly" instructions: it speaks the text
 *   between the first and last double quote of `response.instructions`, or
 *   "Okay." without one.
 * - A reply is `{ say, audioMs? }` (a 440 Hz tone, see pcm-tone.ts, with
 *   `say` as transcript deltas spread over the chunks), `{ toolCall: { name,
 *   arguments } }` (raw JSON text) or `{ fail: { type, code } }`.
 * - `pacing`: `immediate` (default; one tick between chunks) or `realtime`
 *   (one `chunkMs` chunk, default 100 ms, per `chunkMs`).
 *
 * Failure helpers on the handle: `sendError`, `sendRaw` (e.g. broken JSON),
 * `expireSession` (the 60-minute `session_expired` error, then close 1001),
 * `dropConnections` (close mid-session).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RealtimeErrorBody } from './openai-realtime-client-events.js';
import {
  type FakeCallerTurn,
  type FakeConnectionContext,
  FakeRealtimeConnection,
  type FakeReply,
  type ServerEvent,
} from './openai-realtime-connection.js';

export type { FakeCallerTurn, FakeReply } from './openai-realtime-connection.js';

export const FAKE_OPENAI_KEY = 'sk-test-realtime-0123456789';

export type FakeOpenAIRealtimeScript = {
  apiKey?: string;
  model?: string;
  refuse?: number[];
  answerSessionUpdate?: boolean;
  turnAfterAudioMs?: number;
  turns?: FakeCallerTurn[];
  replies?: FakeReply[];
  pacing?: 'realtime' | 'immediate';
  chunkMs?: number;
};

export type FakeHandshake = {
  path: string;
  model: string | null;
  authorization: string | undefined;
  /** Sec-WebSocket-Extensions the client offered (permessage-deflate would compress base64 audio for nothing). */
  extensions: string | undefined;
  openaiBeta: string | undefined;
  status: number;
};

export type FakeOpenAIRealtime = {
  /** OPENAI_BASE_URL for the product: `http://127.0.0.1:<port>/v1`. */
  url: string;
  /** Every upgrade request, refused ones included. */
  handshakes: FakeHandshake[];
  /** Every client event on every connection, parsed (the raw text when it was not JSON). */
  events: unknown[];
  /** Every event the fake sent. */
  sent: ServerEvent[];
  connections: FakeRealtimeConnection[];
  /** Client events of one type, typed loosely for assertions. */
  eventsOf(type: string): Array<Record<string, unknown>>;
  sentOf(type: string): Array<Record<string, unknown>>;
  /** All caller audio appended on the latest connection, as samples. */
  callerAudio(): Int16Array;
  /** Runs the next scripted turn (or `turn`) now on the latest connection. */
  callerTurn(turn?: FakeCallerTurn): Promise<void>;
  sendError(error: Partial<RealtimeErrorBody> & { message: string }): void;
  sendRaw(text: string): void;
  expireSession(): void;
  dropConnections(code?: number): void;
  close(): Promise<void>;
};

export async function startFakeOpenAIRealtime(
  script: FakeOpenAIRealtimeScript = {},
): Promise<FakeOpenAIRealtime> {
  const apiKey = script.apiKey ?? FAKE_OPENAI_KEY;
  const model = script.model ?? 'gpt-realtime';
  const handshakes: FakeHandshake[] = [];
  const events: unknown[] = [];
  const sent: ServerEvent[] = [];
  const connections: FakeRealtimeConnection[] = [];
  let counter = 0;

  const context: FakeConnectionContext = {
    model,
    answerSessionUpdate: script.answerSessionUpdate ?? true,
    turnAfterAudioMs: script.turnAfterAudioMs ?? 300,
    pacing: script.pacing ?? 'immediate',
    chunkMs: script.chunkMs ?? 100,
    nextTurn: () => script.turns?.shift(),
    nextReply: (instructions) => script.replies?.shift() ?? obey(instructions),
    id: (prefix) => `${prefix}_fake${++counter}`,
    recordClientEvent: (event) => events.push(event),
    recordServerEvent: (event) => sent.push(event),
  };

  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((_request, response) => {
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { message: 'fake OpenAI Realtime: WebSocket only' } }));
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const handshake: FakeHandshake = {
      path: url.pathname,
      model: url.searchParams.get('model'),
      authorization: request.headers.authorization,
      openaiBeta: request.headers['openai-beta'] as string | undefined,
      extensions: request.headers['sec-websocket-extensions'],
      status: 101,
    };
    handshakes.push(handshake);
    const refusal = refusalFor(handshake, apiKey, script.refuse?.shift());
    if (refusal) {
      handshake.status = refusal.status;
      socket.end(httpResponse(refusal.status, refusal.body));
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      if (handshake.model !== model) {
        const connection = new FakeRealtimeConnection(ws, context);
        connection.sendError({
          type: 'invalid_request_error',
          code: 'model_not_found',
          message: `The model '${handshake.model}' does not exist or you do not have access to it.`,
          param: null,
          event_id: null,
        });
        ws.close(1008, 'model_not_found');
        return;
      }
      connections.push(new FakeRealtimeConnection(ws, context));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const latest = () => {
    const connection = connections.at(-1);
    if (!connection) throw new Error('fake OpenAI Realtime: no connection yet');
    return connection;
  };

  return {
    url: `http://127.0.0.1:${port}/v1`,
    handshakes,
    events,
    sent,
    connections,
    eventsOf: (type) =>
      events.filter(
        (event): event is Record<string, unknown> =>
          typeof event === 'object' &&
          event !== null &&
          (event as { type?: unknown }).type === type,
      ),
    sentOf: (type) => sent.filter((event) => event.type === type),
    callerAudio: () => {
      const bytes = Buffer.concat(latest().callerAudio);
      const samples = new Int16Array(bytes.length >> 1);
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2);
      return samples;
    },
    callerTurn: (turn) => latest().callerTurn(turn ?? script.turns?.shift() ?? {}),
    sendError: (error) =>
      latest().sendError({
        type: error.type ?? 'invalid_request_error',
        code: error.code ?? null,
        message: error.message,
        param: error.param ?? null,
        event_id: error.event_id ?? null,
      }),
    sendRaw: (text) => latest().socket.send(text),
    expireSession: () => {
      const connection = latest();
      connection.sendError({
        type: 'invalid_request_error',
        code: 'session_expired',
        message: 'Your session hit the maximum duration of 60 minutes.',
        param: null,
        event_id: null,
      });
      connection.socket.close(1001, 'session_expired');
    },
    dropConnections: (code = 1011) => {
      for (const connection of connections) connection.socket.close(code);
    },
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What a model told to "say exactly" a quoted text would say. */
function obey(instructions: string | undefined): FakeReply {
  const first = instructions?.indexOf('"') ?? -1;
  const last = instructions?.lastIndexOf('"') ?? -1;
  if (instructions && first >= 0 && last > first) {
    return { say: instructions.slice(first + 1, last) };
  }
  return { say: 'Okay.' };
}

function refusalFor(
  handshake: FakeHandshake,
  apiKey: string,
  scripted: number | undefined,
): { status: number; body: unknown } | undefined {
  if (handshake.path !== '/v1/realtime') {
    return {
      status: 404,
      body: { error: { message: 'Not found', type: 'invalid_request_error' } },
    };
  }
  if (scripted !== undefined) {
    return {
      status: scripted,
      body: {
        error: {
          message: 'The server had an error while processing your request.',
          type: 'server_error',
        },
      },
    };
  }
  if (handshake.authorization !== `Bearer ${apiKey}`) {
    return {
      status: 401,
      body: {
        error: {
          message: 'Incorrect API key provided: sk-wr****key.',
          type: 'invalid_request_error',
          code: 'invalid_api_key',
          param: null,
        },
      },
    };
  }
  if (!handshake.model) {
    return {
      status: 400,
      body: {
        error: {
          message: "Missing required parameter: 'model'.",
          type: 'invalid_request_error',
          code: 'missing_required_parameter',
          param: 'model',
        },
      },
    };
  }
  return undefined;
}

function httpResponse(status: number, body: unknown): string {
  const text = JSON.stringify(body);
  const reason = {
    400: 'Bad Request',
    401: 'Unauthorized',
    404: 'Not Found',
    429: 'Too Many Requests',
  }[status];
  return [
    `HTTP/1.1 ${status} ${reason ?? 'Error'}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(text)}`,
    'Connection: close',
    '',
    text,
  ].join('\r\n');
}
