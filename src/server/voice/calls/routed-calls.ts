import type { Database } from '../../db/client.js';
import { calls } from '../../db/schema/index.js';
import { isUniqueViolation } from '../../http/errors.js';
import type { CallRoute } from '../../routing/call-route.js';
import type { CallOutcome } from '../runner/call-types.js';
import type { CallerLeg } from '../transports/caller-leg.js';
import type { CallScope, CallStore } from './call-store.js';

/** A phone call a rule sent elsewhere before any audio: the network's TwiML does the rest. */
export type RoutedAwayPhoneCall = {
  companyId: string;
  chatbotId: string | null;
  integrationAccountId: string;
  callSid: string;
  from: string;
  callerName: string | null;
  route: CallRoute;
};

/**
 * The finished row of a phone call a rule transferred or turned away at its
 * start (no line is held for it). A replayed webhook of the same Call SID
 * adds nothing.
 */
export async function recordRoutedAwayPhoneCall(
  db: Database,
  call: RoutedAwayPhoneCall,
): Promise<void> {
  const now = new Date();
  const { action } = call.route;
  try {
    await db.insert(calls).values({
      companyId: call.companyId,
      chatbotId: call.chatbotId,
      integrationAccountId: call.integrationAccountId,
      source: 'twilio',
      status: 'completed',
      endReason: action.type === 'transfer' ? 'transferred' : 'routing_rule',
      transferredTo: action.type === 'transfer' ? action.phoneNumber : null,
      callerId: call.from,
      callerName: call.callerName,
      twilioCallSid: call.callSid,
      startedAt: now,
      answeredAt: now,
      endedAt: now,
      durationMs: 0,
      routingRuleId: call.route.ruleId,
      routingRuleName: call.route.ruleName,
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
}

/**
 * A web call a rule answers with a message only: the caller's widget shows
 * it as the reason the call ended, and no agent is connected.
 */
export async function endWithNotice(
  store: CallStore,
  scope: CallScope,
  leg: CallerLeg,
  message: string,
): Promise<CallOutcome> {
  const outcome: CallOutcome = {
    status: 'completed',
    endReason: 'routing_rule',
    endedAt: new Date(),
    durationMs: 0,
    usage: {},
  };
  leg.notify({ type: 'call.started', callId: scope.callId });
  leg.notify({ type: 'call.ending', reason: outcome.endReason, message });
  await store.finish(scope, outcome);
  leg.notify({ type: 'call.ended', reason: outcome.endReason, durationMs: 0 });
  leg.close(outcome.endReason);
  return outcome;
}
