import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { calls } from '../../db/schema/index.js';
import type { CallScope } from './call-store.js';

/** How a phone call whose audio never connected ended, as the network reported it. */
export type UnansweredOutcome =
  | { status: 'no_answer'; endReason: 'no_answer' | 'busy' | 'canceled' }
  | { status: 'failed'; endReason: 'network_failed' | 'not_connected' };

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

const pending = (scope: CallScope) =>
  and(
    eq(calls.companyId, scope.companyId),
    eq(calls.id, scope.callId),
    eq(calls.status, 'pending'),
  );
