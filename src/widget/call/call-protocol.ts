/**
 * The wire protocol of a browser call (docs/API.md, "Browser calls"): the
 * session the server issues, the JSON events on the socket and the control
 * messages the page sends.
 */

import type { CallClientSettings } from '../../shared/call-client-settings.js';

export type { CallClientSettings };

/** `POST /api/widget/call/session` → 201. */
export type CallSession = {
  sessionId: string;
  token: string;
  wsUrl: string;
  inputSampleRate: number;
  outputSampleRate: number;
  settings: CallClientSettings;
};

export type CallEvent =
  | { type: 'call.started'; callId: string }
  | { type: 'agent.speaking'; speaking: boolean }
  | { type: 'user.speaking'; speaking: boolean }
  | { type: 'transcript.delta' | 'transcript.final'; speaker: 'caller' | 'agent'; text: string }
  | { type: 'playback.clear' }
  | { type: 'call.ending'; reason: string; message?: string }
  | { type: 'call.ended'; reason: string; durationMs: number }
  | { type: 'error'; code: string; message: string };

export type ClientMessage =
  | { type: 'mute' }
  | { type: 'unmute' }
  | { type: 'end' }
  | { type: 'playback'; playedMs: number };

const EVENT_TYPES = new Set<string>([
  'call.started',
  'agent.speaking',
  'user.speaking',
  'transcript.delta',
  'transcript.final',
  'playback.clear',
  'call.ending',
  'call.ended',
  'error',
]);

/** A text frame from the server; null for anything this client does not know (newer servers). */
export function parseCallEvent(text: string): CallEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const type = (value as { type?: unknown } | null)?.type;
  return typeof type === 'string' && EVENT_TYPES.has(type) ? (value as CallEvent) : null;
}
