import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import { withBindingsOf } from '../../../logger.js';
import { type AudioFrame, FRAME_MS, frameSampleCount } from '../../audio/frame.js';
import { HeldAudio } from '../../audio/held-audio.js';
import {
  MULAW_SAMPLE_RATE,
  MulawFrame,
  mulawBase64Of,
  mulawBytesOf,
} from '../../audio/mulaw-frame.js';
import { BadFrameLimiter } from '../bad-frame-limiter.js';
import type { CallerLeg, CallerLegEvents } from '../caller-leg.js';
import { parseTwilioMessage, StreamMessages } from './media-messages.js';
import { PlayoutPosition } from './playout-position.js';

/** The connection a WebSocket writes to; corked, several messages leave in one write. */
export type StreamTransport = Pick<Duplex, 'cork' | 'uncork'>;

export type TwilioLegOptions = {
  socket: WebSocket;
  /**
   * The connection under `socket`: a provider chunk of agent audio, its
   * media messages and their marks, is written to it in one go (one system
   * call instead of two or more, fifty times a second per call).
   */
  transport?: StreamTransport | undefined;
  streamSid: string;
  logger: Logger;
  badMessages?: { maxBadFrames: number; windowMs: number };
};

const NORMAL_CLOSURE = 1000;
const POLICY_VIOLATION = 1008;
const MAX_CLOSE_REASON_BYTES = 123;
const DEFAULT_BAD_MESSAGES = { maxBadFrames: 20, windowMs: 10_000 };
/**
 * Agent audio goes out in pieces of at most 20 ms (160 bytes), each with its
 * mark, so what the caller heard is known to 20 ms however large a provider's
 * chunks are; a piece that fits goes out as the base64 it came in.
 */
const MAX_CHUNK_BYTES = (MULAW_SAMPLE_RATE * FRAME_MS) / 1000;
/** Caller audio kept until the call's runner listens (it is being set up). */
const MAX_HELD_MS = 10_000;
/** Agent audio the socket has not written yet; past it Twilio is not reading, and audio is dropped. */
const MAX_UNSENT_BYTES = 512 * 1024;

type HangupReason = CallerLegEvents['hangup'][0]['reason'];

type LegState =
  | { status: 'open' }
  | { status: 'hung-up'; reason: HangupReason }
  | { status: 'closed'; reason: string };

/**
 * A phone caller on one Twilio Media Stream (after its `start` message):
 * caller audio arrives as μ-law `media` and leaves as μ-law `media`, each
 * 20 ms followed by a mark whose echo says it was heard; `clear` empties
 * Twilio's playback buffer; `stop` or the socket closing is the hang-up.
 * Frames carry their μ-law bytes, so a μ-law provider gets them untouched.
 */
export class TwilioLeg extends EventEmitter<CallerLegEvents> implements CallerLeg {
  readonly inputSampleRate = MULAW_SAMPLE_RATE;
  readonly outputSampleRate = MULAW_SAMPLE_RATE;
  readonly codec = 'mulaw' as const;
  readonly #socket: WebSocket;
  readonly #transport: StreamTransport | undefined;
  #log: Logger;
  readonly #messages: StreamMessages;
  readonly #playout = new PlayoutPosition();
  readonly #badMessages: BadFrameLimiter;
  #held: HeldAudio | null = new HeldAudio(MAX_HELD_MS);
  #state: LegState = { status: 'open' };
  #warnedSlowReader = false;

  constructor(options: TwilioLegOptions) {
    super();
    this.#socket = options.socket;
    this.#transport = options.transport;
    this.#log = options.logger;
    this.#messages = new StreamMessages(options.streamSid);
    this.#badMessages = new BadFrameLimiter(options.badMessages ?? DEFAULT_BAD_MESSAGES);
    this.#socket.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    this.#socket.on('close', () => this.#hangUp('caller_hangup'));
    this.#socket.on('error', () => {
      this.#log.warn('twilio media stream socket failed');
      this.#hangUp('transport_error');
    });
  }

  /** Why the caller's side ended, once it has (also when nobody listened yet). */
  get hangupReason(): HangupReason | null {
    return this.#state.status === 'hung-up' ? this.#state.reason : null;
  }

  /**
   * Until this is called, caller audio is held (the call is being set up and
   * nobody listens yet); then it is delivered, oldest first, and from then on
   * as it arrives.
   */
  deliverHeldAudio(): void {
    const held = this.#held;
    this.#held = null;
    for (const frame of held?.drain() ?? []) this.emit('audio', frame);
  }

  play(frame: AudioFrame): void {
    const sampleCount = frameSampleCount(frame);
    if (this.#state.status !== 'open' || sampleCount === 0) return;
    if (frame.sampleRate !== MULAW_SAMPLE_RATE) {
      // The runner resamples to outputSampleRate; a throw here would escape a provider's listener.
      this.#log.error({ sampleRate: frame.sampleRate }, 'twilio leg dropped audio at a wrong rate');
      return;
    }
    if (this.#socket.bufferedAmount > MAX_UNSENT_BYTES) {
      const frames = Math.max(1, Math.round(sampleCount / MAX_CHUNK_BYTES));
      this.emit('dropped', { direction: 'agent', reason: 'overflow', frames });
      this.#warnSlowReader();
      return;
    }
    this.#transport?.cork();
    try {
      if (sampleCount <= MAX_CHUNK_BYTES) {
        this.#sendAudio(mulawBase64Of(frame), sampleCount);
        return;
      }
      const bytes = mulawBytesOf(frame);
      for (let at = 0; at < bytes.byteLength; at += MAX_CHUNK_BYTES) {
        const chunk = bytes.subarray(at, at + MAX_CHUNK_BYTES);
        const payload = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        this.#sendAudio(payload.toString('base64'), chunk.byteLength);
      }
    } finally {
      this.#transport?.uncork();
    }
  }

  clear(): void {
    this.#playout.cleared();
    this.#send(this.#messages.clear());
  }

  playedMs(): number {
    return this.#playout.playedMs();
  }

  startResponse(): void {
    this.#playout.startResponse();
  }

  /** A phone has no screen: the caller hears what happens, and the end is the socket closing. */
  notify(): void {}

  logWith(logger: Logger): void {
    this.#log = withBindingsOf(logger, this.#log);
  }

  close(reason: string): void {
    this.#closeSocket(NORMAL_CLOSURE, reason);
    if (this.#state.status === 'open') this.#state = { status: 'closed', reason };
  }

  /** Ends the stream because it broke the protocol; nothing of it was trusted. */
  refuse(reason: string): void {
    this.#closeSocket(POLICY_VIOLATION, reason);
    if (this.#state.status === 'open') this.#state = { status: 'closed', reason };
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    if (this.#state.status !== 'open') return;
    if (isBinary) {
      this.#badMessage('binary_message');
      return;
    }
    const message = parseTwilioMessage(data.toString());
    switch (message.kind) {
      case 'media':
        this.#onCallerAudio(new MulawFrame({ base64: message.payload }));
        return;
      case 'mark':
        if (!this.#playout.echoed(message.name)) this.#badMessage('unknown_mark');
        return;
      case 'dtmf':
        this.emit('dtmf', message.digit);
        return;
      case 'stop':
        this.#hangUp('caller_hangup');
        return;
      case 'other-track':
        return;
      case 'connected':
      case 'start':
        this.#badMessage(`repeated_${message.kind}`);
        return;
      case 'invalid':
        this.#badMessage(message.problem);
        return;
    }
  }

  #onCallerAudio(frame: MulawFrame): void {
    if (this.#held) this.#held.push(frame);
    else this.emit('audio', frame);
  }

  #badMessage(problem: string): void {
    this.emit('dropped', { direction: 'caller', reason: 'invalid', frames: 1 });
    this.#log.debug({ problem }, 'twilio media stream sent an unusable message');
    if (!this.#badMessages.record()) return;
    this.#log.warn('twilio media stream closed after repeated unusable messages');
    this.#closeSocket(POLICY_VIOLATION, 'Too many invalid messages');
    this.#hangUp('transport_error');
  }

  /** Reports the end of the caller's side once, whatever ended it first. */
  #hangUp(reason: HangupReason): void {
    if (this.#state.status !== 'open') return;
    this.#state = { status: 'hung-up', reason };
    this.#held = null;
    this.emit('hangup', { reason });
  }

  #warnSlowReader(): void {
    if (this.#warnedSlowReader) return;
    this.#warnedSlowReader = true;
    this.#log.warn('twilio is not reading the media stream; dropping agent audio');
  }

  /** One piece of agent audio, and the mark whose echo says it was heard. */
  #sendAudio(base64: string, bytes: number): void {
    this.#send(this.#messages.media(base64));
    this.#send(this.#messages.mark(this.#playout.sent(bytes)));
  }

  #send(message: string): void {
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(message);
  }

  #closeSocket(code: number, reason: string): void {
    if (this.#socket.readyState === this.#socket.CLOSED) return;
    // Reasons are ASCII codes (end reasons, error codes); a close frame holds 123 bytes of it.
    this.#socket.close(code, reason.slice(0, MAX_CLOSE_REASON_BYTES));
  }
}
