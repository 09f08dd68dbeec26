import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import WebSocket from 'ws';
import { type AudioFrame, frameDurationMs, frameSampleCount } from '../../audio/frame.js';
import type {
  AgentSession,
  AgentSessionConfig,
  AgentSessionEvents,
  ProviderCapabilities,
} from '../agent-session.js';
import { ProviderConnectError } from '../connect-with-retry.js';
import { providerSocketOptions } from '../provider-socket-options.js';
import type { RealtimeAudioCodec } from './audio-codec.js';
import { GeneratedAudio } from './generated-audio.js';
import { ResponseRequests } from './response-requests.js';
import { realtimeSessionConfig, sayInstructions } from './session-config.js';
import { closeSocket, handshakeError } from './socket.js';
import {
  audioAppendEvent,
  type ClientEvent,
  parseServerEvent,
  parseToolArguments,
  type ServerEvent,
} from './wire.js';

export type OpenAIRealtimeSessionOptions = {
  apiKey: string;
  url: URL;
  config: AgentSessionConfig;
  capabilities: ProviderCapabilities;
  codec: RealtimeAudioCodec;
  transcriptionModel: string;
  /** Handshake plus `session.update` → `session.updated`. */
  connectTimeoutMs: number;
  responseCreateTimeoutMs: number;
  logger?: Logger | undefined;
};

type State =
  | { status: 'idle' }
  | { status: 'connecting'; socket: WebSocket; settle: (error?: ProviderConnectError) => void }
  | { status: 'open'; socket: WebSocket }
  | { status: 'closing'; socket: WebSocket; reason: string }
  | { status: 'closed'; reason: string };

/** Errors after which the session cannot go on (the server closes it, or every request would fail). */
const FATAL_ERROR_CODES: ReadonlySet<string> = new Set([
  'session_expired',
  'invalid_api_key',
  'insufficient_quota',
]);
/** `response.cancel` lost a race with the answer's own end: nothing to report. */
const CANCEL_NOT_ACTIVE = 'response_cancel_not_active';

/** One call's conversation with OpenAI Realtime (GA interface) over a WebSocket. */
export class OpenAIRealtimeSession
  extends EventEmitter<AgentSessionEvents>
  implements AgentSession
{
  readonly capabilities: ProviderCapabilities;
  #state: State = { status: 'idle' };
  readonly #audio = new GeneratedAudio();
  readonly #requests: ResponseRequests;
  readonly #log: Logger | undefined;

  constructor(private readonly options: OpenAIRealtimeSessionOptions) {
    super();
    this.capabilities = options.capabilities;
    this.#log = options.logger?.child({ provider: 'openai' });
    this.#requests = new ResponseRequests({
      send: (event) => this.#send(event),
      timeoutMs: options.responseCreateTimeoutMs,
      onTimeout: () =>
        this.#reportError('response_create_timeout', 'OpenAI Realtime did not start an answer'),
    });
  }

  /** One attempt; rejects with a ProviderConnectError (connectWithRetry retries the retryable ones). */
  connect(): Promise<void> {
    if (this.#state.status !== 'idle') {
      return Promise.reject(
        new ProviderConnectError('invalid_state', `Session is ${this.#state.status}`),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(this.options.url, {
        ...providerSocketOptions,
        headers: { Authorization: `Bearer ${this.options.apiKey}` },
      });
      const timer = setTimeout(
        () => settle(new ProviderConnectError('timeout', 'OpenAI Realtime did not set up in time')),
        this.options.connectTimeoutMs,
      );
      const settle = (error?: ProviderConnectError) => {
        if (this.#state.status !== 'connecting' || this.#state.socket !== socket) return;
        clearTimeout(timer);
        if (!error) {
          this.#state = { status: 'open', socket };
          this.#log?.info('openai realtime session ready');
          resolve();
          return;
        }
        this.#state = { status: 'idle' };
        socket.removeAllListeners();
        socket.on('error', () => {});
        socket.terminate();
        reject(error);
      };
      this.#state = { status: 'connecting', socket, settle };
      socket.on('unexpected-response', (_request, response) => {
        void handshakeError(response).then(settle);
      });
      socket.on('open', () => {
        const session = realtimeSessionConfig(this.options);
        socket.send(JSON.stringify({ type: 'session.update', session } satisfies ClientEvent));
      });
      socket.on('message', (data) => this.#onMessage(socket, String(data)));
      socket.on('error', (error) => this.#onSocketError(socket, error));
      socket.on('close', (code) => this.#onSocketClose(socket, code));
    });
  }

  sendAudio(frame: AudioFrame): void {
    if (frameSampleCount(frame) === 0) return;
    const audio = this.options.codec.encode(frame);
    if (this.#state.status === 'open') this.#state.socket.send(audioAppendEvent(audio));
  }

  cancelResponse(): void {
    this.#requests.cancel();
  }

  truncate(responseId: string, playedMs: number): void {
    const point = this.#audio.truncationPoint(responseId, playedMs);
    if (!point) return;
    this.#send({
      type: 'conversation.item.truncate',
      item_id: point.itemId,
      content_index: 0,
      audio_end_ms: point.audioEndMs,
    });
  }

  // In the default conversation, so the model remembers what it said and the
  // caller can interrupt it like any answer.
  say(text: string): void {
    this.#requests.request(sayInstructions(text));
  }

  remember(text: string): void {
    this.#send({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
    });
  }

  sendToolResult(callId: string, output: string): void {
    this.#send({
      type: 'conversation.item.create',
      item: { type: 'function_call_output', call_id: callId, output },
    });
    this.#requests.request(undefined, { coalesce: true });
  }

  async close(): Promise<void> {
    const state = this.#state;
    if (state.status === 'closed') return;
    if (state.status === 'idle') {
      this.#state = { status: 'closed', reason: 'client_closed' };
      return;
    }
    if (state.status === 'connecting') {
      state.settle(new ProviderConnectError('closed', 'Session closed while connecting'));
      this.#state = { status: 'closed', reason: 'client_closed' };
      return;
    }
    if (state.status === 'open') {
      this.#state = { status: 'closing', socket: state.socket, reason: 'client_closed' };
    }
    await closeSocket(state.socket);
  }

  #send(event: ClientEvent): void {
    if (this.#state.status !== 'open') return;
    this.#state.socket.send(JSON.stringify(event));
  }

  #onMessage(socket: WebSocket, text: string): void {
    const state = this.#state;
    if (state.status === 'idle' || state.status === 'closed' || state.socket !== socket) return;
    const parsed = parseServerEvent(text);
    if (state.status === 'connecting') {
      if (parsed.kind !== 'event') return;
      if (parsed.event.type === 'session.updated') state.settle();
      if (parsed.event.type === 'error') {
        const { message } = parsed.event.error;
        state.settle(
          new ProviderConnectError('rejected', `OpenAI Realtime refused the session: ${message}`),
        );
      }
      return;
    }
    if (parsed.kind === 'malformed') {
      this.#reportError(
        'malformed_server_event',
        `OpenAI Realtime sent an unreadable event (${parsed.reason})`,
      );
      return;
    }
    if (parsed.kind === 'audio') this.#onAudio(parsed.responseId, parsed.itemId, parsed.audio);
    if (parsed.kind === 'event') this.#handle(parsed.event);
  }

  #onAudio(responseId: string, itemId: string, audio: string): void {
    const frame = this.options.codec.decode(audio);
    this.#audio.add(responseId, itemId, frameDurationMs(frame));
    this.emit('audio', { responseId, frame });
  }

  #handle(event: ServerEvent): void {
    switch (event.type) {
      case 'input_audio_buffer.speech_started':
        this.emit('speech.started');
        return;
      case 'input_audio_buffer.speech_stopped':
        this.emit('speech.stopped');
        return;
      case 'response.created':
        this.#requests.created(event.response.id, event.response.metadata);
        this.emit('response.started', { responseId: event.response.id });
        return;
      case 'response.output_audio_transcript.delta':
        if (event.delta) this.emit('transcript.delta', { speaker: 'agent', text: event.delta });
        return;
      case 'response.output_audio_transcript.done':
        this.emit('transcript.final', { speaker: 'agent', text: event.transcript });
        return;
      case 'conversation.item.input_audio_transcription.delta':
        if (event.delta) this.emit('transcript.delta', { speaker: 'caller', text: event.delta });
        return;
      case 'conversation.item.input_audio_transcription.completed':
        this.emit('transcript.final', { speaker: 'caller', text: event.transcript });
        return;
      case 'response.function_call_arguments.done':
        this.#onToolCall(event.call_id, event.name, event.arguments);
        return;
      case 'response.done':
        this.#onResponseDone(event.response);
        return;
      case 'error':
        this.#onServerError(event.error);
        return;
      case 'session.created':
      case 'session.updated':
        return;
    }
  }

  #onToolCall(callId: string, name: string, rawArguments: string): void {
    const args = parseToolArguments(rawArguments);
    if (!args) {
      this.#reportError(
        'invalid_tool_arguments',
        `OpenAI Realtime called tool ${name} with arguments that are not a JSON object`,
      );
      return;
    }
    this.emit('tool.call', { callId, name, arguments: args });
  }

  #onResponseDone(response: Extract<ServerEvent, { type: 'response.done' }>['response']): void {
    this.#requests.done(response.id);
    // `incomplete` (token limit, content filter) still ended with what was said.
    const status =
      response.status === 'cancelled' || response.status === 'failed'
        ? response.status
        : 'completed';
    this.emit('response.done', { responseId: response.id, status });
    if (response.usage) {
      this.emit('usage', {
        inputTokens: response.usage.input_tokens ?? 0,
        outputTokens: response.usage.output_tokens ?? 0,
        outputAudioMs: Math.round(this.#audio.totalMs(response.id)),
      });
    }
  }

  #onServerError(error: Extract<ServerEvent, { type: 'error' }>['error']): void {
    if (this.#requests.refused(error.event_id, error.code)) return;
    if (error.code === CANCEL_NOT_ACTIVE) return;
    const code = error.code ?? error.type;
    const fatal = FATAL_ERROR_CODES.has(code);
    this.#log?.warn({ code, type: error.type, fatal }, 'openai realtime error event');
    this.#reportError(code, error.message, fatal);
    if (fatal && this.#state.status === 'open') {
      const { socket } = this.#state;
      this.#state = { status: 'closing', socket, reason: code };
      void closeSocket(socket);
    }
  }

  #onSocketError(socket: WebSocket, error: Error): void {
    const state = this.#state;
    if (state.status === 'connecting' && state.socket === socket) {
      state.settle(
        new ProviderConnectError('unreachable', `OpenAI Realtime unreachable: ${error.message}`),
      );
      return;
    }
    // A 'close' always follows and ends the session.
    this.#log?.warn(
      { err: { code: (error as NodeJS.ErrnoException).code } },
      'openai realtime socket error',
    );
  }

  #onSocketClose(socket: WebSocket, code: number): void {
    const state = this.#state;
    if (state.status === 'connecting' && state.socket === socket) {
      state.settle(
        new ProviderConnectError('closed', `OpenAI Realtime closed during setup (code ${code})`),
      );
      return;
    }
    if ((state.status !== 'open' && state.status !== 'closing') || state.socket !== socket) return;
    const reason = state.status === 'closing' ? state.reason : 'server_closed';
    this.#state = { status: 'closed', reason };
    this.#requests.dispose();
    this.#log?.info({ code, reason }, 'openai realtime session closed');
    this.emit('closed', { reason });
  }

  /** Without a listener an 'error' emit would throw inside the socket handler. */
  #reportError(code: string, message: string, fatal = false): void {
    if (this.listenerCount('error') > 0) this.emit('error', { code, message, fatal });
    else this.#log?.warn({ code, fatal }, 'openai realtime error without listener');
  }
}
