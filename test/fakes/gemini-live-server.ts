/**
 * A Gemini Live (BidiGenerateContent) server on 127.0.0.1, port 0, speaking
 * the Developer API wire protocol (PROTOCOLS.md §2): the real path
 * `/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent`
 * (the `//ws/…` form `@google/genai` sends is accepted, as Google does), the
 * key as `?key=` (what the SDK sends) or `x-goog-api-key`, `setup` first and
 * answered with `setupComplete`, JSON text frames, close codes with Google's
 * wording for refusals (1007 bad key, 1008 no key or unknown model).
 * Pass its `url` as GEMINI_BASE_URL.
 *
 * Script (`startFakeGeminiLive(script)`):
 * - `replies`: consumed in order, one per trigger. A trigger is
 *   - `utterance`: caller audio louder than `speechRms` followed by
 *     `silenceDurationMs` (from the client's setup) of quieter audio — the
 *     fake counts samples, so tests can send audio faster than real time;
 *   - `text`: a clientContent with turnComplete (what say() sends);
 *   - `toolResponse`: the answer to the reply's toolCalls.
 *   A reply (or a function of the trigger returning one) may have:
 *   - `callerText`: inputTranscription pieces, sent first;
 *   - `rawFrames`: frames sent verbatim (malformed-frame tests);
 *   - `toolCalls`: a toolCall message; the fake then waits for the toolResponse;
 *   - `agentText`: the spoken answer, one outputTranscription piece each with
 *     `audioMsPerPiece` (default 200) of a 440 Hz tone at 24 kHz, in 40 ms
 *     chunks `chunkIntervalMs` apart (default 0; raise it to barge in);
 *     then generationComplete, turnComplete + usageMetadata, and a
 *     sessionResumptionUpdate with a fresh resumable handle;
 *   - `closeMidTurn`: close the socket with this code after the first chunk;
 *   - `goAway`: after the turn (or after its first chunk with `midTurn`), send
 *     goAway; the server closes the connection `closeAfterMs` later (default
 *     2000, with 1011 "Deadline expired…") unless the client left first.
 *   With no reply left the fake ends the turn silently and records the trigger
 *   in `unscripted`.
 * - Caller speech during an answer interrupts it like automatic activity
 *   detection does: `interrupted`, toolCallCancellation for pending calls,
 *   then turnComplete. A `text` trigger during an answer interrupts it too
 *   (3.x models). A setup with `sessionResumption.handle` resumes that session.
 * - `refuseConnections`: refusals for the next connection attempts, in order
 *   (an HTTP status at the upgrade, or a close right after it).
 * - `setupCompleteDelayMs`: holds setupComplete back; `speechRms`: the
 *   loudness (RMS in sample units, default 500) that counts as speech.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  type Json,
  type LiveConnectionRecord,
  type LiveSession,
  validateClientMessage,
  validateSetup,
} from './gemini-live-protocol.js';
import { LiveTurnPlayer } from './gemini-live-turns.js';

export const FAKE_GEMINI_KEY = 'test-gemini-key';
const LIVE_PATH = '/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent';

export type GeminiLiveTrigger =
  | { kind: 'utterance'; audioMs: number }
  | { kind: 'text'; text: string }
  | { kind: 'toolResponse'; functionResponses: Json[] };

export type GeminiLiveReply = {
  callerText?: string[];
  rawFrames?: string[];
  toolCalls?: Array<{ name: string; args?: Record<string, unknown> }>;
  agentText?: string[];
  audioMsPerPiece?: number;
  chunkIntervalMs?: number;
  usage?: { promptTokenCount: number; responseTokenCount: number };
  closeMidTurn?: { code: number; reason: string };
  goAway?: { timeLeft?: string; closeAfterMs?: number; midTurn?: boolean };
};

export type GeminiLiveScript = {
  apiKey?: string;
  models?: string[];
  replies?: Array<GeminiLiveReply | ((trigger: GeminiLiveTrigger) => GeminiLiveReply)>;
  refuseConnections?: Array<{ httpStatus: number } | { closeCode: number; reason: string }>;
  /** RMS (in sample units) above which caller audio counts as speech; default 500. */
  speechRms?: number;
  /** Holds setupComplete back this long (to see that connect() waits for it). */
  setupCompleteDelayMs?: number;
};

export type FakeGeminiLive = {
  /** The base URL to configure (GEMINI_BASE_URL). */
  url: string;
  apiKey: string;
  /** Every accepted WebSocket, in order, with what the client sent on it. */
  connections: LiveConnectionRecord[];
  unscripted: GeminiLiveTrigger[];
  /** Resolves once `predicate` holds, checking after every client message and close. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

export async function startFakeGeminiLive(script: GeminiLiveScript = {}): Promise<FakeGeminiLive> {
  const apiKey = script.apiKey ?? FAKE_GEMINI_KEY;
  const models = script.models ?? ['gemini-3.8-live'];
  const refusals = [...(script.refuseConnections ?? [])];
  const connections: LiveConnectionRecord[] = [];
  const unscripted: GeminiLiveTrigger[] = [];
  const sessions = new Map<string, LiveSession>();
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const check of [...waiters]) check();
  };
  const player = new LiveTurnPlayer({
    replies: [...(script.replies ?? [])],
    unscripted,
    speechRms: script.speechRms ?? 500,
    remember: (handle, session) => sessions.set(handle, session),
  });

  const http = createServer((_request, response) => {
    response.writeHead(404).end();
  });
  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (request: IncomingMessage, socket, head) => {
    // Not `new URL(…)`: it would read the SDK's `//ws/…` as a host name.
    const [path = '/', search = ''] = (request.url ?? '/').split('?');
    const query = new URLSearchParams(search);
    if (path.replace(/\/{2,}/g, '/') !== LIVE_PATH) return refuseUpgrade(socket, 404);
    const refusal = refusals.shift();
    if (refusal && 'httpStatus' in refusal) return refuseUpgrade(socket, refusal.httpStatus);
    wss.handleUpgrade(request, socket, head, (ws) => {
      const record: LiveConnectionRecord = {
        path,
        query,
        headers: request.headers,
        setup: null,
        messages: [],
        sent: [],
        audio: { samples: 0, sampleRates: [], loudChunks: 0 },
        closed: null,
      };
      connections.push(record);
      ws.on('close', (code, reason) => {
        record.closed ??= { code, reason: reason.toString(), by: 'client' };
        notify();
      });
      if (refusal) return serverClose(ws, record, refusal.closeCode, refusal.reason);
      const key = query.get('key') ?? request.headers['x-goog-api-key'];
      if (!key) {
        return serverClose(
          ws,
          record,
          1008,
          "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        );
      }
      if (key !== apiKey) {
        return serverClose(ws, record, 1007, 'API key not valid. Please pass a valid API key.');
      }
      ws.on('message', (data) => {
        handleClientFrame(ws, record, data.toString());
        notify();
      });
    });
  });

  function handleClientFrame(ws: WebSocket, record: LiveConnectionRecord, text: string) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return serverClose(ws, record, 1007, 'Invalid JSON payload received.');
    }
    const message = parsed as Json;
    record.messages.push(message);
    const problem = validateClientMessage(message, record.setup !== null);
    if (problem) return serverClose(ws, record, 1007, problem);
    if (record.setup === null) {
      const setup = message.setup as Json;
      const setupProblem = validateSetup(setup, models);
      if (setupProblem) return serverClose(ws, record, setupProblem.code, setupProblem.reason);
      record.setup = setup;
      const handle = (setup.sessionResumption as Json | undefined)?.handle;
      if (typeof handle === 'string' && !sessions.has(handle)) {
        return serverClose(ws, record, 1007, 'Invalid session resumption handle.');
      }
      const session = typeof handle === 'string' ? sessions.get(handle) : undefined;
      player.attach(ws, record, session, (code, reason) => serverClose(ws, record, code, reason));
      const complete = () => {
        if (record.closed) return;
        record.sent.push({ setupComplete: {} });
        ws.send(JSON.stringify({ setupComplete: {} }));
      };
      if (script.setupCompleteDelayMs) setTimeout(complete, script.setupCompleteDelayMs);
      else complete();
      return;
    }
    player.onClientMessage(ws, message);
  }

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    connections,
    unscripted,
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!predicate()) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('fake Gemini Live: condition not met in time'));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: async () => {
      player.stop();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function serverClose(ws: WebSocket, record: LiveConnectionRecord, code: number, reason: string) {
  record.closed ??= { code, reason, by: 'server' };
  // Close reasons are limited to 123 bytes by the WebSocket protocol.
  ws.close(code, Buffer.from(reason).subarray(0, 123).toString());
}

function refuseUpgrade(socket: Duplex, status: number) {
  socket.end(`HTTP/1.1 ${status} Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
}
