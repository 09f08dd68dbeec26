import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';

// OpenAI Realtime and Gemini Live as the call-path benchmark needs them, in a
// process of their own so their CPU is not the server's: the real URLs, the
// real JSON events, base64 audio, and every caller frame answered at once by
// one audio chunk with the same samples. Lean on purpose (no validation): the
// test fakes under test/fakes check the protocol; this one only has to be
// cheap enough never to be the bottleneck.

export const ECHO_PROVIDERS_ENV = 'BUZZI_BENCH_ECHO_PROVIDERS';
const OPENAI_PATH = '/v1/realtime';
const GEMINI_PATH = '/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent';

export type EchoProvidersReady = { type: 'ready'; port: number };
export type EchoProvidersStats = {
  type: 'stats';
  /** speech_started sent → response.cancel received, per barge-in (OpenAI only). */
  bargeInCancelMs: number[];
};
export type EchoProvidersCommand =
  | { type: 'barge-in'; afterFrames: number | null }
  | { type: 'stats' };

const APPEND = 'input_audio_buffer.append';
const APPEND_PREFIX = `{"type":"${APPEND}","audio":"`;

let bargeInAfterFrames: number | null = null;
let bargeInCancelMs: number[] = [];
let eventCounter = 0;
const eventId = () => `event_${++eventCounter}`;

function openAIConnection(socket: WebSocket): void {
  let responses = 0;
  let response: { id: string; itemId: string; frames: number } | null = null;
  let speechStartedAt = 0;
  const send = (event: Record<string, unknown>) => socket.send(JSON.stringify(event));
  send({ type: 'session.created', event_id: eventId(), session: { type: 'realtime' } });
  socket.on('message', (data: RawData) => {
    const text = String(data);
    // Appends are nearly all the traffic: read them without a JSON parse, so the fake stays cheap.
    const audio = text.startsWith(APPEND_PREFIX) ? text.slice(APPEND_PREFIX.length, -2) : undefined;
    const event = (audio !== undefined ? { type: APPEND, audio } : JSON.parse(text)) as {
      type: string;
      audio?: string;
      session?: unknown;
    };
    switch (event.type) {
      case 'session.update':
        send({ type: 'session.updated', event_id: eventId(), session: event.session });
        return;
      case 'input_audio_buffer.append': {
        if (!response) {
          responses++;
          response = { id: `resp_${responses}`, itemId: `item_${responses}`, frames: 0 };
          send({
            type: 'response.created',
            event_id: eventId(),
            response: { id: response.id, object: 'realtime.response', status: 'in_progress' },
          });
        }
        socket.send(
          `{"type":"response.output_audio.delta","event_id":"${eventId()}","response_id":"${response.id}","item_id":"${response.itemId}","output_index":0,"content_index":0,"delta":"${event.audio}"}`,
        );
        if (bargeInAfterFrames !== null && ++response.frames === bargeInAfterFrames) {
          speechStartedAt = performance.now();
          send({
            type: 'input_audio_buffer.speech_started',
            event_id: eventId(),
            audio_start_ms: 0,
            item_id: `caller_${responses}`,
          });
        }
        return;
      }
      case 'response.cancel':
        if (speechStartedAt > 0) {
          bargeInCancelMs.push(performance.now() - speechStartedAt);
          speechStartedAt = 0;
        }
        if (response) {
          send({
            type: 'response.done',
            event_id: eventId(),
            response: { id: response.id, object: 'realtime.response', status: 'cancelled' },
          });
          response = null;
        }
        return;
      case 'response.create': {
        responses++;
        const id = `resp_${responses}`;
        send({
          type: 'response.created',
          event_id: eventId(),
          response: { id, status: 'in_progress' },
        });
        send({ type: 'response.done', event_id: eventId(), response: { id, status: 'completed' } });
        return;
      }
    }
  });
}

function geminiConnection(socket: WebSocket): void {
  // Gemini Live sends its JSON in binary frames.
  const send = (message: Record<string, unknown>) =>
    socket.send(Buffer.from(JSON.stringify(message)));
  socket.on('message', (data: RawData) => {
    const message = JSON.parse(String(data)) as {
      setup?: unknown;
      realtimeInput?: { audio?: { data: string } };
    };
    if (message.setup) {
      send({ setupComplete: {} });
      return;
    }
    const audio = message.realtimeInput?.audio?.data;
    if (audio === undefined) return;
    socket.send(
      Buffer.from(
        `{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm;rate=24000","data":"${audio}"}}]}}}`,
      ),
    );
  });
}

function serve(): void {
  const server = createServer((_request, response) => response.writeHead(404).end());
  const sockets = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  server.on('upgrade', (request: IncomingMessage, stream, head) => {
    const path = new URL(request.url ?? '/', 'http://bench').pathname;
    const handler =
      path === OPENAI_PATH ? openAIConnection : path === GEMINI_PATH ? geminiConnection : null;
    if (!handler) {
      stream.destroy();
      return;
    }
    sockets.handleUpgrade(request, stream, head, (socket) => handler(socket));
  });
  process.on('message', (command: EchoProvidersCommand) => {
    if (command.type === 'barge-in') {
      bargeInAfterFrames = command.afterFrames;
      bargeInCancelMs = [];
      return;
    }
    process.send?.({ type: 'stats', bargeInCancelMs } satisfies EchoProvidersStats);
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.send?.({ type: 'ready', port } satisfies EchoProvidersReady);
  });
}

if (process.env[ECHO_PROVIDERS_ENV] === '1') serve();
