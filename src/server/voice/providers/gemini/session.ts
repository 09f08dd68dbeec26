import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { type AudioFrame, frameDurationMs } from '../../audio/frame.js';
import { pcm16ToBase64 } from '../../audio/pcm.js';
import type {
  AgentSession,
  AgentSessionConfig,
  AgentSessionEvents,
  ProviderCapabilities,
} from '../agent-session.js';
import { connectWithRetry, ProviderConnectError } from '../connect-with-retry.js';
import { LiveConnection, liveUrl } from './live-connection.js';
import { ResumeOutbox } from './resume-outbox.js';
import { buildSetup, sayInstruction } from './setup.js';
import { TurnMapper } from './turn-mapper.js';
import { type ClientMessage, pcmMimeType, type ServerMessage } from './wire.js';

export type GeminiLiveSessionOptions = {
  apiKey: string;
  /** REST base URL (GEMINI_BASE_URL); the Live socket URL is derived from it. */
  baseUrl: string;
  model: string;
  config: AgentSessionConfig;
  capabilities: ProviderCapabilities;
  logger: Logger;
  /** How long the socket may take to open and answer the setup. */
  connectTimeoutMs?: number;
};

type State =
  | { status: 'idle' }
  | { status: 'connecting' }
  | { status: 'open'; connection: LiveConnection }
  /** After goAway: the old connection still talks while a new one resumes the session. */
  | { status: 'resuming'; connection: LiveConnection; outbox: ResumeOutbox }
  | { status: 'closed' };

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * One Gemini Live conversation. Gemini ends every WebSocket after about ten
 * minutes, announcing it with goAway; the session then reconnects with the
 * latest resumption handle while buffering what the caller says, so the call
 * runner never notices.
 */
export class GeminiLiveSession extends EventEmitter<AgentSessionEvents> implements AgentSession {
  readonly capabilities: ProviderCapabilities;
  readonly #options: GeminiLiveSessionOptions;
  readonly #log: Logger;
  readonly #mapper: TurnMapper;
  #state: State = { status: 'idle' };
  /** Latest handle Gemini declared resumable; a later non-resumable update makes it stale. */
  #handle: { value: string; fresh: boolean } | null = null;
  #goAwayReceived = false;

  constructor(options: GeminiLiveSessionOptions) {
    super();
    this.#options = options;
    this.capabilities = options.capabilities;
    this.#log = options.logger.child({ provider: 'gemini' });
    this.#mapper = new TurnMapper(this);
  }

  async connect(): Promise<void> {
    if (this.#state.status !== 'idle') {
      throw new ProviderConnectError('invalid_state', `connect() while ${this.#state.status}`);
    }
    this.#state = { status: 'connecting' };
    try {
      const connection = await this.#open(null);
      if (this.#state.status !== 'connecting') {
        connection.close();
        throw new ProviderConnectError('invalid_state', 'The session was closed while connecting');
      }
      this.#activate(connection);
    } catch (error) {
      if (this.#state.status === 'connecting') this.#state = { status: 'idle' };
      throw error;
    }
  }

  /**
   * Frames should come at the advertised 16 kHz; the mimeType states the
   * frame's actual rate, so another rate still reaches Gemini correctly.
   */
  sendAudio(frame: AudioFrame): void {
    if (frame.samples.length === 0) return;
    this.#mapper.countInput(frame.samples.length, frame.sampleRate);
    this.#send(
      {
        realtimeInput: {
          audio: { data: pcm16ToBase64(frame.samples), mimeType: pcmMimeType(frame.sampleRate) },
        },
      },
      frameDurationMs(frame),
    );
  }

  /** Gemini has no cancel: we stop forwarding this answer, the server keeps all of it in its history. */
  cancelResponse(): void {
    this.#mapper.cancelResponse();
  }

  /** No-op (capabilities.truncation is false): on a barge-in Gemini drops what it had not sent yet. */
  truncate(): void {}

  say(text: string): void {
    this.#mapper.beforeSay();
    this.#send({
      clientContent: {
        turns: [{ role: 'user', parts: [{ text: sayInstruction(text) }] }],
        turnComplete: true,
      },
    });
  }

  remember(text: string): void {
    this.#send({
      clientContent: { turns: [{ role: 'user', parts: [{ text }] }], turnComplete: false },
    });
  }

  sendToolResult(callId: string, output: string): void {
    const name = this.#mapper.takeToolCall(callId);
    // Gemini cancels pending calls on a barge-in and would reject an answer to one.
    if (!name) {
      this.#log.debug('gemini tool result dropped: call not pending');
      return;
    }
    this.#send({
      toolResponse: { functionResponses: [{ id: callId, name, response: { output } }] },
    });
  }

  async close(): Promise<void> {
    const state = this.#state;
    if (state.status === 'closed') return;
    this.#state = { status: 'closed' };
    if (state.status === 'open' || state.status === 'resuming') state.connection.close();
    this.#mapper.finish('cancelled');
    this.emit('closed', { reason: 'closed_by_client' });
  }

  #send(message: ClientMessage, audioMs = 0): void {
    const state = this.#state;
    if (state.status === 'open') state.connection.send(message);
    else if (state.status === 'resuming') state.outbox.push(message, audioMs);
  }

  #open(handle: string | null): Promise<LiveConnection> {
    const { apiKey, baseUrl, model, config } = this.#options;
    return LiveConnection.open({
      url: liveUrl(baseUrl, apiKey),
      setup: buildSetup(model, config, handle),
      timeoutMs: this.#options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    });
  }

  #activate(connection: LiveConnection): void {
    this.#state = { status: 'open', connection };
    connection.attach({
      message: (message) => this.#onMessage(connection, message),
      malformed: (problem) =>
        this.emit('error', {
          code: 'malformed_frame',
          message: `Ignored a frame from Gemini Live: ${problem}`,
          fatal: false,
        }),
      closed: (error) => this.#onClosed(connection, error),
    });
  }

  #onMessage(from: LiveConnection, message: ServerMessage): void {
    const update = message.sessionResumptionUpdate;
    if (update?.resumable && update.newHandle)
      this.#handle = { value: update.newHandle, fresh: true };
    else if (update?.resumable === false && this.#handle) this.#handle.fresh = false;
    if (message.goAway) {
      this.#goAwayReceived = true;
      this.#log.info({ timeLeft: message.goAway.timeLeft }, 'gemini live goAway received');
    }
    try {
      this.#mapper.handle(message);
    } catch {
      this.emit('error', {
        code: 'malformed_frame',
        message: 'Ignored undecodable audio from Gemini Live',
        fatal: false,
      });
    }
    // Move between turns: the handle covers only what was said before it.
    const resumable = this.#handle?.fresh && !this.#mapper.answering;
    if (this.#goAwayReceived && resumable && this.#isActive(from)) void this.#resume(from);
  }

  #onClosed(from: LiveConnection, error: ProviderConnectError): void {
    if (!this.#isActive(from)) return;
    // The announced end came before a resumable moment: resume from the last good handle.
    if (this.#state.status === 'open' && this.#goAwayReceived && this.#handle) {
      this.#mapper.endResponse('cancelled');
      void this.#resume(from);
      return;
    }
    if (this.#state.status === 'resuming') return;
    this.#fail(error.code, error.message);
  }

  #isActive(connection: LiveConnection): boolean {
    return (
      (this.#state.status === 'open' || this.#state.status === 'resuming') &&
      this.#state.connection === connection
    );
  }

  async #resume(old: LiveConnection): Promise<void> {
    if (this.#state.status !== 'open' || !this.#handle) return;
    const handle = this.#handle.value;
    const outbox = new ResumeOutbox();
    this.#state = { status: 'resuming', connection: old, outbox };
    this.#log.info('gemini live resuming session');
    const attempt = {
      connection: null as LiveConnection | null,
      connect: async () => {
        attempt.connection = await this.#open(handle);
      },
    };
    try {
      await connectWithRetry(attempt, { attempts: 3, baseDelayMs: 250 });
    } catch (error) {
      const code = error instanceof ProviderConnectError ? error.code : 'closed';
      return this.#fail('resume_failed', `Could not resume the Gemini Live session (${code})`);
    }
    const resumed = attempt.connection;
    if (!resumed || this.#state.status !== 'resuming') {
      resumed?.close();
      return;
    }
    this.#goAwayReceived = false;
    old.close();
    this.#activate(resumed);
    for (const message of outbox.drain()) resumed.send(message);
    this.#log.info('gemini live session resumed');
  }

  #fail(code: string, message: string): void {
    const state = this.#state;
    if (state.status === 'closed') return;
    this.#state = { status: 'closed' };
    if (state.status === 'open' || state.status === 'resuming') state.connection.close();
    this.#log.warn({ code }, 'gemini live session failed');
    this.#mapper.finish('failed');
    this.emit('error', { code, message, fatal: true });
    this.emit('closed', { reason: code });
  }
}
