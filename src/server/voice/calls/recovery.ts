import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { calls, callTranscripts } from '../../db/schema/index.js';

/**
 * Liveness of a call row: the node running a call touches its `updated_at`
 * every HEARTBEAT_MS (database time, so node clocks may differ). A row left
 * `in_progress` without a touch for STALE_AFTER_MS belongs to a node that
 * is gone.
 */
export const HEARTBEAT_MS = 10_000;
export const STALE_AFTER_MS = 60_000;

const open = inArray(calls.status, ['pending', 'in_progress']);
const stale = (staleAfterMs: number) =>
  lt(calls.updatedAt, sql`now() - make_interval(secs => ${staleAfterMs / 1000})`);

/**
 * The last moment a call was known to be alive: its last heartbeat or its
 * last saved utterance, whichever came later. A dead process said nothing
 * after it, so the call ends there, not when someone noticed.
 */
const lastHeard = sql`greatest(${calls.updatedAt}, (select max(${callTranscripts.createdAt}) from ${callTranscripts} where ${callTranscripts.callId} = ${calls.id}))`;

const closedAsRestarted = () => ({
  status: 'failed' as const,
  endReason: 'server_restart',
  endedAt: lastHeard,
  durationMs: sql`greatest(0, (extract(epoch from (${lastHeard} - ${calls.startedAt})) * 1000)::int)`,
  updatedAt: sql`now()`,
});

/** A call closed by recovery, for its post-call analysis. */
export type RecoveredCall = {
  callId: string;
  companyId: string;
  chatbotId: string | null;
  /** The call's Inbox conversation, when it escalated or left a message. */
  conversationId: string | null;
};

const recovered = {
  callId: calls.id,
  companyId: calls.companyId,
  chatbotId: calls.chatbotId,
  conversationId: calls.conversationId,
};

/**
 * At start-up: closes the calls a dead process left open, as failed with
 * `server_restart`. That is every open call of this node (it has just
 * started, so none of them can still be running) and every open call whose
 * node stopped sending heartbeats. Calls of other live nodes are left alone.
 * Returns the calls it closed.
 */
export async function recoverAbandonedCalls(
  db: Database,
  nodeId: string,
  options: { staleAfterMs?: number } = {},
): Promise<RecoveredCall[]> {
  return db
    .update(calls)
    .set(closedAsRestarted())
    .where(and(open, or(eq(calls.nodeId, nodeId), stale(options.staleAfterMs ?? STALE_AFTER_MS))))
    .returning(recovered);
}

/** While running: closes the open calls of nodes that stopped sending heartbeats. */
export async function closeStaleCalls(
  db: Database,
  options: { staleAfterMs?: number } = {},
): Promise<RecoveredCall[]> {
  return db
    .update(calls)
    .set(closedAsRestarted())
    .where(and(open, stale(options.staleAfterMs ?? STALE_AFTER_MS)))
    .returning(recovered);
}
