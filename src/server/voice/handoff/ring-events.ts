import type { CallSource } from '../../../shared/domain.js';
import type { Presence } from '../../db/schema/index.js';

/** A call ringing on a person's dashboard: what they need to decide in a few seconds. */
export type CallRinging = {
  callId: string;
  chatbotName: string;
  /** "+1 555 123 4567", or "Web caller". */
  callerLabel: string;
  source: CallSource;
  reason: string;
  /** What was said so far, oldest first. */
  transcript: Array<{ speaker: string; text: string }>;
  /** How long it rings for this person before it moves on. */
  ringTimeoutSec: number;
  /** When this person's ringing started (ISO). */
  startedAt: string;
};

export type RingCancelReason = 'taken' | 'timeout' | 'caller_hung_up' | 'declined';

/** The ringing stopped for this person: someone took the call, time ran out, the caller left, or they declined. */
export type RingCancelled = {
  callId: string;
  reason: RingCancelReason;
  /** Who took it, when reason is `taken`. */
  takenBy?: string;
};

/** The signed-in person's own presence, as their tabs show it. */
export type PresenceUpdate = { presence: Presence; connected: boolean };

/** What the dashboard's agent event stream sends, by event name. */
export type AgentStreamEvents = {
  'call.ringing': CallRinging;
  'call.ring.cancelled': RingCancelled;
  presence: PresenceUpdate;
};

export type AgentStreamEvent = {
  [E in keyof AgentStreamEvents]: { event: E; data: AgentStreamEvents[E] };
}[keyof AgentStreamEvents];
