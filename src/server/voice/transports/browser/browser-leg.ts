import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import { withBindingsOf } from '../../../logger.js';
import type { AudioFrame } from '../../audio/frame.js';
import { pcm16ToBytes } from '../../audio/pcm.js';
import { BadFrameLimiter } from '../bad-frame-limiter.js';
import type { CallerLeg, CallerLegEvents, CallNotice } from '../caller-leg.js';
import { AudioOutbox, type OutboxLimits } from './audio-outbox.js';
import {
  bytesOf,
  type ClientControl,
  type ClientFrame,
  parseAudioFrame,
  parseControlFrame,
} from './client-frames.js';

export type BrowserLegOptions = {
  socket: WebSocket;
  inputSampleRate: number;
  outputSampleRate: number;
  logger: Logger;
  outbox?: OutboxLimits;
  badFrames?: { maxBadFrames: number; windowMs: number };
};

/** Close code for a client that broke the protocol (RFC 6455 "policy violation"). */
const POLICY_VIOLATION = 1008;
const NORMAL_CLOSURE = 1000;
/** A close reason must fit a control frame (123 bytes). */
const MAX_CLOSE_REASON_BYTES = 123;

const DEFAULT_OUTBOX: OutboxLimits = { maxInFlightBytes: 256 * 1024, maxQueuedBytes: 512 * 1024 };
const DEFAULT_BAD_FRAMES = { maxBadFrames: 20, windowMs: 10_000 };

type HangupReason = CallerLegEvents['hangup'][0]['reason'];

type LegState =
  | { status: 'open' }
  | { status: 'hung-up'; reason: HangupReason }
  | { status: 'closed'; reason: string };

/**
 * A caller in a browser tab on one WebSocket: binary frames are PCM16 LE mono
 * (caller audio in at `inputSampleRate`, agent audio out at
 * `outputSampleRate`), text frames are JSON control messages and events.
 */
export class BrowserLeg extends EventEmitter<CallerLegEvents> implements CallerLeg {
  readonly inputSampleRate: number;
  readonly outputSampleRate: number;
  readonly #socket: WebSocket;
  #log: Logger;
  readonly #outbox: AudioOutbox;
  readonly #badFrames: BadFrameLimiter;
  readonly #maxAudioBytes: number;
  #state: LegState = { status: 'open' };
  #muted = false;
  /** Where the current answer starts in the stream of agent audio the client receives. */
  #responseStartBytes = 0;
  /** The client's last report: agent audio received and played (or discarded on clear), in ms. */
  #clientPlayedMs = 0;
  #warnedSlowReader = false;

  constructor(options: BrowserLegOptions) {
    super();
    this.inputSampleRate = options.inputSampleRate;
    this.outputSampleRate = options.outputSampleRate;
    this.#socket = options.socket;
    this.#log = options.logger;
    // One second of caller audio is the largest frame a client may send.
    this.#maxAudioBytes = options.inputSampleRate * 2;
    this.#badFrames = new BadFrameLimiter(options.badFrames ?? DEFAULT_BAD_FRAMES);
    this.#outbox = new AudioOutbox(this.#socket, options.outbox ?? DEFAULT_OUTBOX, (dropped) =>
      this.#onAudioDropped(dropped),
    );
    this.#socket.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    this.#socket.on('close', () => this.#onSocketClosed());
    this.#socket.on('error', () => {
      this.#log.warn('browser call socket failed');
      this.#hangUp('transport_error');
    });
  }

  get isOpen(): boolean {
    return this.#state.status === 'open';
  }

  /** Why the caller's side ended, once it has (also when nobody listened yet). */
  get hangupReason(): HangupReason | null {
    return this.#state.status === 'hung-up' ? this.#state.reason : null;
  }

  play(frame: AudioFrame): void {
    if (this.#state.status !== 'open' || frame.samples.length === 0) return;
    if (frame.sampleRate !== this.outputSampleRate) {
      // The runner resamples to outputSampleRate; a throw here would escape a socket listener.
      this.#log.error(
        { sampleRate: frame.sampleRate },
        'browser leg dropped audio at a wrong rate',
      );
      return;
    }
    this.#outbox.push(pcm16ToBytes(frame.samples));
  }

  clear(): void {
    this.#outbox.clear();
    this.#responseStartBytes = Math.min(this.#responseStartBytes, this.#outbox.sentBytes);
    this.#sendJson({ type: 'playback.clear' });
  }

  playedMs(): number {
    const startMs = this.#bytesToMs(this.#responseStartBytes);
    const sentMs = this.#bytesToMs(this.#outbox.sentBytes) - startMs;
    return Math.round(Math.max(0, Math.min(this.#clientPlayedMs - startMs, sentMs)));
  }

  startResponse(): void {
    this.#responseStartBytes = this.#outbox.sentBytes + this.#outbox.queuedBytes;
  }

  notify(notice: CallNotice): void {
    this.#sendJson(notice);
  }

  logWith(logger: Logger): void {
    this.#log = withBindingsOf(logger, this.#log);
  }

  close(reason: string): void {
    this.#closeSocket(NORMAL_CLOSURE, reason);
    if (this.#state.status === 'open') this.#state = { status: 'closed', reason };
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    if (this.#state.status !== 'open') return;
    const bytes = bytesOf(data);
    const frame: ClientFrame = isBinary
      ? parseAudioFrame(bytes, this.#maxAudioBytes)
      : parseControlFrame(bytes.toString('utf8'));
    if (frame.kind === 'audio') {
      // Muted means the agent hears nothing, whatever the page still sends; silence keeps time.
      const samples = this.#muted ? new Int16Array(frame.samples.length) : frame.samples;
      this.emit('audio', { samples, sampleRate: this.inputSampleRate });
    } else if (frame.kind === 'control') {
      this.#onControl(frame.control);
    } else {
      this.emit('dropped', { direction: 'caller', reason: 'invalid', frames: 1 });
      this.#sendJson({ type: 'error', code: frame.problem, message: frame.message });
      if (this.#badFrames.record()) this.#disconnectAbuser();
    }
  }

  #onControl(control: ClientControl): void {
    switch (control.type) {
      case 'playback':
        this.#clientPlayedMs = control.playedMs;
        return;
      case 'mute':
      case 'unmute':
        this.#muted = control.type === 'mute';
        this.emit('mute', this.#muted);
        return;
      case 'end':
        this.#hangUp('caller_ended');
        return;
    }
  }

  #disconnectAbuser(): void {
    this.#log.warn('browser call socket closed after repeated invalid frames');
    this.#closeSocket(POLICY_VIOLATION, 'Too many invalid frames');
    this.#hangUp('transport_error');
  }

  #onSocketClosed(): void {
    this.#outbox.clear();
    this.#hangUp('caller_hangup');
  }

  /** Reports the end of the caller's side once, whatever ended it first. */
  #hangUp(reason: HangupReason): void {
    if (this.#state.status !== 'open') return;
    this.#state = { status: 'hung-up', reason };
    this.emit('hangup', { reason });
  }

  #onAudioDropped(droppedBytes: number): void {
    const frames = Math.max(1, Math.round(droppedBytes / this.#bytesPerFrame));
    this.emit('dropped', { direction: 'agent', reason: 'overflow', frames });
    // The dropped bytes were the oldest queued ones, so only the part of them
    // that preceded the current answer moves its start.
    const queuedBefore = this.#responseStartBytes - this.#outbox.sentBytes;
    if (queuedBefore > 0) this.#responseStartBytes -= Math.min(droppedBytes, queuedBefore);
    if (!this.#warnedSlowReader) {
      this.#warnedSlowReader = true;
      this.#log.warn('browser caller is not reading; dropping the oldest agent audio');
    }
  }

  #sendJson(message: CallNotice | { type: 'playback.clear' }): void {
    if (this.#socket.readyState !== this.#socket.OPEN) return;
    this.#socket.send(JSON.stringify(message));
  }

  #closeSocket(code: number, reason: string): void {
    if (this.#socket.readyState === this.#socket.CLOSED) return;
    // Reasons are ASCII codes (end reasons, error codes); a close frame holds 123 bytes of it.
    this.#socket.close(code, reason.slice(0, MAX_CLOSE_REASON_BYTES));
  }

  /** 20 ms of agent audio, the size frames are counted in. */
  get #bytesPerFrame(): number {
    return (this.outputSampleRate * 2) / 50;
  }

  #bytesToMs(bytes: number): number {
    return (bytes / 2 / this.outputSampleRate) * 1000;
  }
}
