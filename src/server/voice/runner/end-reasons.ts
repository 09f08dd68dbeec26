/** Why a call ended, as stored in `calls.end_reason` and sent in `call.ending` / `call.ended`. */
export const callEndReasons = [
  'caller_hangup',
  'caller_ended',
  'transport_error',
  'silence_timeout',
  'max_duration',
  'end_phrase',
  'agent_ended',
  /** The agent handed the phone call to a person's number. */
  'transferred',
  /** A routing rule answered with a message only (web calls; phone calls hear it in TwiML). */
  'routing_rule',
  'ended_by_staff',
  'provider_unavailable',
  'provider_error',
  'server_shutdown',
  'server_restart',
  'internal_error',
] as const;

export type CallEndReason = (typeof callEndReasons)[number];

// A call that the platform or its provider cut short failed; every other ending is a completed call.
const failedReasons = new Set<CallEndReason>([
  'transport_error',
  'provider_unavailable',
  'provider_error',
  'server_shutdown',
  'server_restart',
  'internal_error',
]);

export const finalStatusFor = (reason: CallEndReason): 'completed' | 'failed' =>
  failedReasons.has(reason) ? 'failed' : 'completed';
