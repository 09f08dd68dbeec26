import type { Database } from '../../db/client.js';
import { calls } from '../../db/schema/index.js';
import { isUniqueViolation } from '../../http/errors.js';
import type { CallRoute } from '../../routing/call-route.js';
import type { CallAnnouncer } from '../runner/call-announcer.js';
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
 * adds nothing: the call's id is returned only the first time.
 */
export async function recordRoutedAwayPhoneCall(
  db: Database,
  call: RoutedAwayPhoneCall,
): Promise<string | null> {
  const now = new Date();
  const { action } = call.route;
  try {
    const [row] = await db
      .insert(calls)
      .values({
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
      })
      .returning({ id: calls.id });
    return row?.id ?? null;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return null;
  }
}

/**
 * A web call a rule answers with a message only: the caller's widget shows
 * it as the reason the call ended, live views see it start and end, and no
 * agent is connected.
 */
export async function endWithNotice(
  store: CallStore,
  scope: CallScope,
  call: { leg: CallerLeg; announcer: CallAnnouncer },
  message: string,
): Promise<CallOutcome> {
  const outcome: CallOutcome = {
    status: 'completed',
    endReason: 'routing_rule',
    endedAt: new Date(),
    durationMs: 0,
    usage: {},
  };
  call.announcer.started();
  call.announcer.ending(outcome.endReason, message);
  await store.finish(scope, outcome);
  call.announcer.ended(outcome.status, outcome.endReason, 0);
  call.leg.close(outcome.endReason);
  return outcome;
}
