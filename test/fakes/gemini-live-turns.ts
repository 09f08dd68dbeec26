import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { Json, LiveConnectionRecord, LiveSession } from './gemini-live-protocol.js';
import type { GeminiLiveReply, GeminiLiveScript, GeminiLiveTrigger } from './gemini-live-server.js';
import { toneSamples } from './pcm-tone.js';

const OUTPUT_RATE = 24_000;
const CHUNK_MS = 40;
const DEFAULT_PIECE_MS = 200;
const DEFAULT_SILENCE_MS = 500;
const DEFAULT_GO_AWAY_CLOSE_MS = 2000;
// Gemini counts audio at 25 tokens a second.
const AUDIO_TOKENS_PER_MS = 0.025;

type Turn = { interrupted: boolean; awaitingCalls: string[] };

type Connection = {
  ws: WebSocket;
  record: LiveConnectionRecord;
  session: LiveSession;
  close: (code: number, reason: string) => void;
  turn: Turn | null;
  vad: { speechMs: number; silenceMs: number };
  outputOffset: number;
};

/** A fresh opaque handle, shaped like Google's (random, URL-safe). */
const newHandle = () => randomBytes(18).toString('base64url');
const pause = (ms: number) =>
  new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));

/** Plays scripted model turns on fake Gemini Live connections and detects caller turns. */
export class LiveTurnPlayer {
  readonly #replies: NonNullable<GeminiLiveScript['replies']>;
  readonly #unscripted: GeminiLiveTrigger[];
  readonly #speechRms: number;
  readonly #remember: (handle: string, session: LiveSession) => void;
  readonly #connections = new Map<WebSocket, Connection>();
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(options: {
    replies: NonNullable<GeminiLiveScript['replies']>;
    unscripted: GeminiLiveTrigger[];
    speechRms: number;
    remember: (handle: string, session: LiveSession) => void;
  }) {
    this.#replies = options.replies;
    this.#unscripted = options.unscripted;
    this.#speechRms = options.speechRms;
    this.#remember = options.remember;
  }

  attach(
    ws: WebSocket,
    record: LiveConnectionRecord,
    session: LiveSession | undefined,
    close: (code: number, reason: string) => void,
  ): void {
    this.#connections.set(ws, {
      ws,
      record,
      session: session ?? { turns: 0, pendingCalls: new Map() },
      close,
      turn: null,
      vad: { speechMs: 0, silenceMs: 0 },
      outputOffset: 0,
    });
    ws.on('close', () => this.#connections.delete(ws));
  }

  onClientMessage(ws: WebSocket, message: Json): void {
    const connection = this.#connections.get(ws);
    if (!connection) return;
    const input = message.realtimeInput as Json | undefined;
    const audio = input?.audio as { data: string; mimeType: string } | undefined;
    if (audio) this.#onAudio(connection, audio);
    const content = message.clientContent as Json | undefined;
    if (content?.turnComplete === true) {
      if (connection.turn) this.#interrupt(connection);
      const turns = (content.turns ?? []) as Array<{ parts: Array<{ text?: string }> }>;
      const text = turns.flatMap((turn) => turn.parts.map((part) => part.text ?? '')).join('\n');
      void this.#play(connection, { kind: 'text', text });
    }
    const toolResponse = message.toolResponse as { functionResponses: Json[] } | undefined;
    if (toolResponse) this.#onToolResponse(connection, toolResponse.functionResponses);
  }

  stop(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    for (const connection of this.#connections.values()) {
      if (connection.turn) connection.turn.interrupted = true;
    }
    this.#connections.clear();
  }

  #onAudio(connection: Connection, audio: { data: string; mimeType: string }): void {
    const rate = Number(/rate=(\d+)/.exec(audio.mimeType)?.[1] ?? 16_000);
    const bytes = Buffer.from(audio.data, 'base64');
    const samples = Math.floor(bytes.length / 2);
    const { record, vad } = connection;
    record.audio.samples += samples;
    if (!record.audio.sampleRates.includes(rate)) record.audio.sampleRates.push(rate);
    let sumOfSquares = 0;
    for (let i = 0; i < samples; i++) sumOfSquares += bytes.readInt16LE(i * 2) ** 2;
    const loud = samples > 0 && Math.sqrt(sumOfSquares / samples) > this.#speechRms;
    const ms = (samples * 1000) / rate;
    if (loud) {
      record.audio.loudChunks++;
      if (connection.turn) this.#interrupt(connection);
      vad.speechMs += ms;
      vad.silenceMs = 0;
      return;
    }
    if (vad.speechMs === 0) return;
    vad.silenceMs += ms;
    const detection = (record.setup?.realtimeInputConfig as Json | undefined)
      ?.automaticActivityDetection as Json | undefined;
    const silenceDurationMs = Number(detection?.silenceDurationMs ?? DEFAULT_SILENCE_MS);
    if (vad.silenceMs < silenceDurationMs) return;
    const audioMs = Math.round(vad.speechMs);
    connection.vad = { speechMs: 0, silenceMs: 0 };
    void this.#play(connection, { kind: 'utterance', audioMs });
  }

  #onToolResponse(connection: Connection, responses: Json[]): void {
    const turn = connection.turn;
    for (const response of responses) {
      connection.session.pendingCalls.delete(String(response.id));
      if (turn) turn.awaitingCalls = turn.awaitingCalls.filter((id) => id !== response.id);
    }
    if (turn && turn.awaitingCalls.length === 0) {
      connection.turn = null;
      void this.#play(connection, { kind: 'toolResponse', functionResponses: responses });
    }
  }

  #interrupt(connection: Connection): void {
    const turn = connection.turn;
    if (!turn) return;
    turn.interrupted = true;
    connection.turn = null;
    this.#send(connection, { serverContent: { interrupted: true } });
    if (turn.awaitingCalls.length > 0) {
      for (const id of turn.awaitingCalls) connection.session.pendingCalls.delete(id);
      this.#send(connection, { toolCallCancellation: { ids: turn.awaitingCalls } });
    }
    this.#send(connection, { serverContent: { turnComplete: true } });
  }

  async #play(connection: Connection, trigger: GeminiLiveTrigger): Promise<void> {
    const next = this.#replies.shift();
    if (!next) {
      this.#unscripted.push(trigger);
      this.#send(connection, { serverContent: { turnComplete: true } });
      return;
    }
    const reply: GeminiLiveReply = typeof next === 'function' ? next(trigger) : next;
    const turn: Turn = { interrupted: false, awaitingCalls: [] };
    connection.turn = turn;
    for (const text of reply.callerText ?? []) {
      this.#send(connection, { serverContent: { inputTranscription: { text } } });
    }
    for (const frame of reply.rawFrames ?? []) connection.ws.send(frame);
    if (reply.toolCalls) {
      const functionCalls = reply.toolCalls.map((call) => ({
        id: `function-call-${randomBytes(6).toString('hex')}`,
        name: call.name,
        args: call.args ?? {},
      }));
      for (const call of functionCalls) connection.session.pendingCalls.set(call.id, call.name);
      turn.awaitingCalls = functionCalls.map((call) => call.id);
      this.#send(connection, { toolCall: { functionCalls } });
      return;
    }
    const pieceMs = reply.audioMsPerPiece ?? DEFAULT_PIECE_MS;
    let audioMs = 0;
    let chunks = 0;
    for (const text of reply.agentText ?? []) {
      for (let sent = 0; sent < pieceMs; sent += CHUNK_MS) {
        await pause(reply.chunkIntervalMs ?? 0);
        if (turn.interrupted || connection.record.closed) return;
        const samples = (Math.min(CHUNK_MS, pieceMs - sent) * OUTPUT_RATE) / 1000;
        const audio = toneSamples(connection.outputOffset, samples, OUTPUT_RATE);
        connection.outputOffset += samples;
        audioMs += (samples * 1000) / OUTPUT_RATE;
        const data = Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength).toString(
          'base64',
        );
        this.#send(connection, {
          serverContent: {
            modelTurn: {
              parts: [{ inlineData: { mimeType: `audio/pcm;rate=${OUTPUT_RATE}`, data } }],
            },
            // Gemini 3.x puts the words into the same message as the audio they go with.
            ...(sent === 0 ? { outputTranscription: { text } } : {}),
          },
        });
        if (reply.closeMidTurn) {
          return connection.close(reply.closeMidTurn.code, reply.closeMidTurn.reason);
        }
        chunks++;
        if (reply.goAway?.midTurn && chunks === 1) {
          this.#goAway(connection, reply.goAway);
        }
      }
    }
    if (turn.interrupted) return;
    connection.turn = null;
    connection.session.turns++;
    this.#send(connection, { serverContent: { generationComplete: true } });
    const responseTokenCount =
      reply.usage?.responseTokenCount ?? Math.round(audioMs * AUDIO_TOKENS_PER_MS);
    const promptTokenCount = reply.usage?.promptTokenCount ?? 300 + 120 * connection.session.turns;
    this.#send(connection, {
      serverContent: { turnComplete: true },
      usageMetadata: {
        promptTokenCount,
        responseTokenCount,
        totalTokenCount: promptTokenCount + responseTokenCount,
        promptTokensDetails: [{ modality: 'AUDIO', tokenCount: promptTokenCount }],
        responseTokensDetails: [{ modality: 'AUDIO', tokenCount: responseTokenCount }],
      },
    });
    if (connection.record.setup?.sessionResumption) {
      const handle = newHandle();
      this.#remember(handle, connection.session);
      this.#send(connection, { sessionResumptionUpdate: { newHandle: handle, resumable: true } });
    }
    if (reply.goAway && !reply.goAway.midTurn) this.#goAway(connection, reply.goAway);
  }

  #goAway(connection: Connection, goAway: NonNullable<GeminiLiveReply['goAway']>): void {
    this.#send(connection, { goAway: { timeLeft: goAway.timeLeft ?? '50s' } });
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!connection.record.closed) {
        connection.close(1011, 'Deadline expired before operation could complete.');
      }
    }, goAway.closeAfterMs ?? DEFAULT_GO_AWAY_CLOSE_MS);
    this.#timers.add(timer);
  }

  #send(connection: Connection, message: Json): void {
    if (connection.record.closed) return;
    connection.record.sent.push(message);
    connection.ws.send(JSON.stringify(message));
  }
}
