import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../../app-deps.js';
import {
  closeUnansweredCall,
  findPhoneCall,
  keepPendingCall,
  type UnansweredOutcome,
} from '../../calls/phone-call-status.js';
import type { CallEndReason } from '../../runner/end-reasons.js';
import { formParamsOf, paramOf } from './form-params.js';
import type { TwilioRequestGuard } from './request-guard.js';

export type StatusWebhookDeps = Pick<AppDeps, 'calls' | 'db'>;

/** Statuses of a call that is still on its way: the line stays held for it. */
const ONGOING = new Set(['queued', 'initiated', 'ringing', 'in-progress']);

/** A call whose audio never connected ends like this. */
const UNANSWERED: Record<string, UnansweredOutcome> = {
  busy: { status: 'no_answer', endReason: 'busy' },
  'no-answer': { status: 'no_answer', endReason: 'no_answer' },
  canceled: { status: 'no_answer', endReason: 'canceled' },
  failed: { status: 'failed', endReason: 'network_failed' },
  // Twilio ran our TwiML, but the caller never reached the agent.
  completed: { status: 'failed', endReason: 'not_connected' },
};

/** A live call the network reports over ends like this. */
const ENDED_LIVE: Record<string, CallEndReason> = {
  completed: 'caller_hangup',
  busy: 'caller_hangup',
  'no-answer': 'caller_hangup',
  canceled: 'caller_hangup',
  failed: 'transport_error',
};

/**
 * Twilio's status callback (signed like the voice webhook): keeps the row of
 * a call still ringing, ends one that never connected as no_answer or
 * failed, and ends a live call whose line the network reports gone.
 */
export async function applyCallStatus(
  request: FastifyRequest,
  deps: StatusWebhookDeps,
  guard: TwilioRequestGuard,
): Promise<void> {
  const params = formParamsOf(request.body);
  const numbers = [paramOf(params, 'To'), paramOf(params, 'From')].filter(
    (number): number is string => Boolean(number),
  );
  const account = await guard.webhookAccount(request, params, {
    accountSid: paramOf(params, 'AccountSid'),
    numbers,
  });
  const callSid = paramOf(params, 'CallSid');
  const status = paramOf(params, 'CallStatus');
  if (!callSid || !status) return;
  const call = await findPhoneCall(deps.db, {
    companyId: account.companyId,
    integrationAccountId: account.id,
    callSid,
  });
  if (!call) return;
  const scope = { companyId: account.companyId, callId: call.id };
  if (call.status === 'pending') {
    if (ONGOING.has(status)) await keepPendingCall(deps.db, scope);
    const unanswered = UNANSWERED[status];
    // It may have connected meanwhile; then it is live now.
    if (!unanswered || (await closeUnansweredCall(deps.db, scope, unanswered))) return;
  } else if (call.status !== 'in_progress') {
    return;
  }
  const endReason = ENDED_LIVE[status];
  if (endReason) await deps.calls.endCall(call.id, endReason);
}
