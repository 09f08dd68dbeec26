import type { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { AudioFrame } from '../audio/frame.js';

/** Events a caller leg reports, in the caller's own audio rate. */
export type CallerLegEvents = {
  audio: [AudioFrame];
  /** The caller went away (socket closed, phone hung up) or asked to end. */
  hangup: [{ reason: 'caller_hangup' | 'caller_ended' | 'transport_error' }];
  dtmf: [string];
  mute: [boolean];
  /** Audio that never reached the other side: garbled or oversized input, or a receiver not reading. */
  dropped: [{ direction: 'caller' | 'agent'; reason: 'invalid' | 'overflow'; frames: number }];
};

/** What the runner tells the caller beside audio (the browser gets it as JSON text frames). */
export type CallNotice =
  | { type: 'call.started'; callId: string }
  | { type: 'agent.speaking'; speaking: boolean }
  | { type: 'user.speaking'; speaking: boolean }
  | { type: 'transcript.delta' | 'transcript.final'; speaker: 'caller' | 'agent'; text: string }
  | { type: 'call.ending'; reason: string; message?: string }
  | { type: 'call.ended'; reason: string; durationMs: number }
  | { type: 'error'; code: string; message: string };

/**
 * One caller's side of a call (browser WebSocket, Twilio Media Stream,
 * WhatsApp WebRTC) as audio frames in and out.
 */
export interface CallerLeg extends EventEmitter<CallerLegEvents> {
  readonly inputSampleRate: number;
  readonly outputSampleRate: number;
  /**
   * 'mulaw' when the leg's own wire audio is G.711 μ-law at 8 kHz (a phone
   * line): its frames carry those bytes, and a provider that takes μ-law is
   * set up for it, so the audio crosses the server untouched. Absent: PCM16.
   */
  readonly codec?: 'mulaw';
  /** Queues agent audio for the caller. */
  play(frame: AudioFrame): void;
  /** Drops queued agent audio at once (barge-in). */
  clear(): void;
  /** How much audio of the current answer the caller has actually heard, in ms. */
  playedMs(): number;
  /** Resets the played-audio count at the start of a new answer. */
  startResponse(): void;
  notify(notice: CallNotice): void;
  close(reason: string): void;
  /** The call exists: from now on the leg logs with the call's logger (its callId, companyId, nodeId). */
  logWith?(logger: Logger): void;
}
