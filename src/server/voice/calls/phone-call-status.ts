import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { calls } from '../../db/schema/index.js';
import { isUniqueViolation } from '../../http/errors.js';
import type { CallScope } from './call-store.js';

/** How a phone call whose audio never connected ended, as the network reported it. */
export type UnansweredOutcome =
  | { status: 'no_answer'; endReason: 'no_answer' | 'busy' | 'canceled' }
  | { status: 'failed'; endReason: 'network_failed' | 'not_connected' | 'not_placed' };

/** A phone call that came in through an integration account, by the network's Call SID. */
export async function findPhoneCall(
  db: Database,
  key: { companyId: string; integrationAccountId: string; callSid: string },
): Promise<{ id: string; status: (typeof calls.$inferSelect)['status'] } | null> {
  const [row] = await db
    .select({ id: calls.id, status: calls.status })
    .from(calls)
    .where(
      and(
        eq(calls.companyId, key.companyId),
        eq(calls.integrationAccountId, key.integrationAccountId),
        eq(calls.twilioCallSid, key.callSid),
      ),
    );
  return row ?? null;
}

/** Ends a call that is still waiting for its audio; false when it no longer waits (it connected meanwhile). */
export async function closeUnansweredCall(
  db: Database,
  scope: CallScope,
  outcome: UnansweredOutcome,
): Promise<boolean> {
  const now = new Date();
  const rows = await db
    .update(calls)
    .set({ ...outcome, endedAt: now, durationMs: 0, updatedAt: now })
    .where(pending(scope))
    .returning({ id: calls.id });
  return rows.length > 0;
}

/** The network is still ringing the call: its reserved line stays held. */
export async function keepPendingCall(db: Database, scope: CallScope): Promise<void> {
  await db.update(calls).set({ updatedAt: sql`now()` }).where(pending(scope));
}

/** Twilio took the outbound call: its row keeps the Call SID (unless the answered call claimed it first). */
export async function recordCallSid(
  db: Database,
  scope: CallScope,
  callSid: string,
): Promise<void> {
  await db
    .update(calls)
    .set({ twilioCallSid: callSid })
    .where(
      and(
        eq(calls.companyId, scope.companyId),
        eq(calls.id, scope.callId),
        isNull(calls.twilioCallSid),
      ),
    );
}

/**
 * The callee answered an outbound call that is still pending: its row takes
 * this Call SID unless it already has another. Returns the row's chatbot, or
 * null when the call is not one of this account's pending outbound calls.
 */
export async function claimOutboundCall(
  db: Database,
  scope: CallScope,
  call: { integrationAccountId: string; callSid: string },
): Promise<{ chatbotId: string | null } | null> {
  try {
    const [row] = await db
      .update(calls)
      .set({ twilioCallSid: call.callSid, updatedAt: new Date() })
      .where(
        and(
          pending(scope),
          eq(calls.direction, 'outbound'),
          eq(calls.integrationAccountId, call.integrationAccountId),
          or(isNull(calls.twilioCallSid), eq(calls.twilioCallSid, call.callSid)),
        ),
      )
      .returning({ chatbotId: calls.chatbotId });
    return row ?? null;
  } catch (err) {
    // The Call SID is another row's: this request is not about this call.
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}

const pending = (scope: CallScope) =>
  and(
    eq(calls.companyId, scope.companyId),
    eq(calls.id, scope.callId),
    eq(calls.status, 'pending'),
  );
