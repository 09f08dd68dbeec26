import { CallAudio } from './audio/call-audio';
import type { CallEvent, CallSession } from './call-protocol';
import {
  cancelCallSession,
  LINES_BUSY,
  rateCall,
  requestCallSession,
  UNABLE_TO_CONNECT,
} from './call-session';
import { CallSocket } from './call-socket';
import type {
  CallController,
  CallControllerEvents,
  CallControllerOptions,
  CallState,
} from './call-types';
import { Emitter } from './emitter';
import { openMicrophone, releaseMicrophone } from './microphone';
import { TranscriptBuilder } from './transcript-builder';
import { transcriptText } from './transcript-text';
import { WhoSpeaks } from './who-speaks';

/** A session token must open the socket within 60 s; a slow permission prompt gets a fresh one. */
const SESSION_FRESH_MS = 50_000;
const LEVELS_INTERVAL_MS = 33;

const isOver = (state: CallState) =>
  state.status === 'ended' ||
  state.status === 'failed' ||
  state.status === 'unavailable' ||
  state.status === 'microphone-denied';

/**
 * One call attempt from a browser: asks the server for a session and the
 * visitor for the microphone, carries the call over the session's
 * WebSocket, and reports state, transcript and levels to the UI.
 */
export class BrowserCallController implements CallController {
  readonly #options: CallControllerOptions;
  readonly #events = new Emitter<CallControllerEvents>();
  readonly #transcript = new TranscriptBuilder();
  #state: CallState = { status: 'idle' };
  #session: CallSession | null = null;
  #callId: string | null = null;
  #startedAt: number | null = null;
  #endingMessage: string | null = null;
  #muted = false;
  readonly #whoSpeaks = new WhoSpeaks();
  #microphone: MediaStream | null = null;
  #audio: CallAudio | null = null;
  #socket: CallSocket | null = null;
  #levelsTimer: ReturnType<typeof setInterval> | undefined;
  #reportedPlayedMs = -1;
  #disposed = false;

  constructor(options: CallControllerOptions) {
    this.#options = options;
  }

  get state(): CallState {
    return this.#state;
  }

  get transcript() {
    return this.#transcript.lines;
  }

  on<K extends keyof CallControllerEvents>(
    event: K,
    listener: (value: CallControllerEvents[K]) => void,
  ): () => void {
    return this.#events.on(event, listener);
  }

  async start(): Promise<void> {
    if (this.#state.status !== 'idle' || this.#disposed) return;
    try {
      // Before any await: the browser lets audio play only from the click that started the call.
      this.#audio = new CallAudio();
      this.#setState({ status: 'requesting-microphone' });
      await this.#connect();
    } catch {
      if (!isOver(this.#state)) {
        this.#finish({ status: 'failed', code: 'setup_failed', message: UNABLE_TO_CONNECT });
      }
    }
  }

  setMuted(muted: boolean): void {
    if (muted === this.#muted || isOver(this.#state)) return;
    this.#muted = muted;
    this.#socket?.send({ type: muted ? 'mute' : 'unmute' });
    if (this.#state.status === 'active') this.#setState({ ...this.#state, muted });
  }

  end(): void {
    if (this.#state.status === 'idle' || isOver(this.#state)) return;
    if (this.#socket?.isOpen) this.#socket.send({ type: 'end' });
    else if (this.#session) cancelCallSession(this.#options.apiBase, this.#session);
    this.#finish({
      status: 'ended',
      reason: 'caller_ended',
      durationMs: this.#startedAt === null ? 0 : Date.now() - this.#startedAt,
      message: null,
      callId: this.#callId,
    });
  }

  async rate(stars: number): Promise<void> {
    if (!Number.isInteger(stars) || stars < 1 || stars > 5) {
      throw new Error('A rating is 1 to 5 stars.');
    }
    if (this.#state.status !== 'ended' || !this.#session || !this.#callId) {
      throw new Error('Only a call that took place can be rated.');
    }
    await rateCall(this.#options.apiBase, this.#session, stars);
  }

  transcriptText(): string {
    const state = this.#state;
    const durationMs =
      state.status === 'ended'
        ? state.durationMs
        : this.#startedAt === null
          ? null
          : Date.now() - this.#startedAt;
    return transcriptText(this.#transcript.lines, { startedAt: this.#startedAt, durationMs });
  }

  dispose(): void {
    if (this.#disposed) return;
    this.end();
    this.#teardown();
    this.#disposed = true;
    this.#events.clear();
  }

  async #connect(): Promise<void> {
    const { apiBase, chatbotId } = this.#options;
    const first = await requestCallSession(apiBase, chatbotId);
    if (isOver(this.#state)) {
      if (first.ok) cancelCallSession(apiBase, first.session);
      return;
    }
    if (!first.ok) return this.#finish(first.state);
    this.#session = first.session;

    const microphone = await openMicrophone(first.session.settings);
    if (isOver(this.#state)) {
      if (microphone.ok) releaseMicrophone(microphone.stream);
      return;
    }
    if (!microphone.ok) {
      cancelCallSession(apiBase, first.session);
      return this.#finish({ status: 'microphone-denied', message: microphone.message });
    }
    this.#microphone = microphone.stream;
    this.#setState({ status: 'connecting' });

    if (Date.now() - first.issuedAt > SESSION_FRESH_MS) {
      cancelCallSession(apiBase, first.session);
      const again = await requestCallSession(apiBase, chatbotId);
      if (isOver(this.#state)) {
        if (again.ok) cancelCallSession(apiBase, again.session);
        return;
      }
      if (!again.ok) return this.#finish(again.state);
      this.#session = again.session;
    }
    const session = this.#session;

    try {
      await this.#audio?.start(microphone.stream, session, {
        onCapture: (samples) => this.#onCapture(samples),
        onPlayback: (playedMs, cleared) => this.#onPlayback(playedMs, cleared),
      });
    } catch {
      if (isOver(this.#state)) return;
      cancelCallSession(apiBase, session);
      return this.#finish({
        status: 'failed',
        code: 'audio_unavailable',
        message: 'Call audio could not start in this browser.',
      });
    }
    if (isOver(this.#state)) return;

    this.#socket = new CallSocket(`${session.wsUrl}?token=${encodeURIComponent(session.token)}`, {
      onOpen: () => {
        if (this.#muted) this.#socket?.send({ type: 'mute' });
      },
      onEvent: (event) => this.#onEvent(event),
      onAudio: (samples) => this.#audio?.play(samples),
      onClose: () => this.#onSocketClosed(),
    });
    this.#levelsTimer = setInterval(() => this.#emitLevels(), LEVELS_INTERVAL_MS);
  }

  #onEvent(event: CallEvent): void {
    switch (event.type) {
      case 'call.started':
        this.#callId = event.callId;
        this.#startedAt = Date.now();
        this.#setState({
          status: 'active',
          startedAt: this.#startedAt,
          muted: this.#muted,
          speaking: this.#whoSpeaks.now,
        });
        break;
      case 'agent.speaking':
        this.#setSpeaking('agent', event.speaking);
        break;
      case 'user.speaking':
        this.#setSpeaking('caller', event.speaking);
        break;
      case 'transcript.delta':
        this.#transcript.delta(event.speaker, event.text);
        this.#emitTranscript();
        break;
      case 'transcript.final':
        this.#transcript.final(event.speaker, event.text);
        this.#emitTranscript();
        break;
      case 'playback.clear':
        this.#audio?.clear();
        this.#transcript.agentInterrupted();
        this.#emitTranscript();
        break;
      case 'call.ending':
        this.#endingMessage = event.message ?? null;
        break;
      case 'call.ended':
        this.#finish({
          status: 'ended',
          reason: event.reason,
          durationMs: event.durationMs,
          message: this.#endingMessage,
          callId: this.#callId,
        });
        break;
      case 'error':
        // Later errors are about single frames; the call goes on or ends with `call.ended`.
        if (this.#state.status !== 'connecting') break;
        this.#finish(
          event.code === 'call_limit_reached'
            ? { status: 'unavailable', message: LINES_BUSY }
            : { status: 'failed', code: event.code, message: UNABLE_TO_CONNECT },
        );
        break;
    }
  }

  #onSocketClosed(): void {
    const status = this.#state.status;
    if (status === 'active') {
      this.#finish({
        status: 'failed',
        code: 'connection_lost',
        message: 'The call was disconnected.',
      });
    } else if (status === 'connecting') {
      this.#finish({ status: 'failed', code: 'connection_failed', message: UNABLE_TO_CONNECT });
    }
  }

  #onCapture(samples: Int16Array): void {
    // Muted audio never leaves the page; silence keeps the server's audio clock running.
    this.#socket?.sendAudio(this.#muted ? new Int16Array(samples.length) : samples);
  }

  #onPlayback(playedMs: number, cleared: boolean): void {
    // Never report more than was received: round down.
    const reported = Math.floor(playedMs);
    if (reported === this.#reportedPlayedMs && !cleared) return;
    this.#reportedPlayedMs = reported;
    this.#socket?.send({ type: 'playback', playedMs: reported });
  }

  #setSpeaking(who: 'agent' | 'caller', speaking: boolean): void {
    const now = this.#whoSpeaks.update(who, speaking);
    const state = this.#state;
    if (state.status === 'active' && state.speaking !== now) {
      this.#setState({ ...state, speaking: now });
    }
  }

  #emitLevels(): void {
    const levels = this.#audio?.levels() ?? { caller: 0, agent: 0 };
    this.#events.emit('levels', { caller: this.#muted ? 0 : levels.caller, agent: levels.agent });
  }

  #emitTranscript(): void {
    this.#events.emit('transcript', this.#transcript.lines);
  }

  #setState(state: CallState): void {
    this.#state = state;
    this.#events.emit('state', state);
  }

  #finish(state: CallState): void {
    this.#setState(state);
    this.#teardown();
  }

  /** Releases the socket, the microphone and the audio graph; the session stays for `rate`. */
  #teardown(): void {
    const hadAudio = this.#audio !== null;
    clearInterval(this.#levelsTimer);
    this.#socket?.close();
    this.#socket = null;
    releaseMicrophone(this.#microphone);
    this.#microphone = null;
    this.#audio?.close();
    this.#audio = null;
    if (hadAudio) this.#events.emit('levels', { caller: 0, agent: 0 });
  }
}
