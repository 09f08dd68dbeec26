import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { calls } from '../../db/schema/index.js';

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

const closedAsRestarted = () => ({
  status: 'failed' as const,
  endReason: 'server_restart',
  endedAt: sql`now()`,
  // The last heartbeat is the last moment the call was known to be alive.
  durationMs: sql`greatest(0, (extract(epoch from (${calls.updatedAt} - ${calls.startedAt})) * 1000)::int)`,
  updatedAt: sql`now()`,
});

/**
 * At start-up: closes the calls a dead process left open, as failed with
 * `server_restart`. That is every open call of this node (it has just
 * started, so none of them can still be running) and every open call whose
 * node stopped sending heartbeats. Calls of other live nodes are left alone.
 * Returns how many calls were closed.
 */
export async function recoverAbandonedCalls(
  db: Database,
  nodeId: string,
  options: { staleAfterMs?: number } = {},
): Promise<number> {
  const closed = await db
    .update(calls)
    .set(closedAsRestarted())
    .where(and(open, or(eq(calls.nodeId, nodeId), stale(options.staleAfterMs ?? STALE_AFTER_MS))))
    .returning({ id: calls.id });
  return closed.length;
}

/** While running: closes the open calls of nodes that stopped sending heartbeats. */
export async function closeStaleCalls(
  db: Database,
  options: { staleAfterMs?: number } = {},
): Promise<number> {
  const closed = await db
    .update(calls)
    .set(closedAsRestarted())
    .where(and(open, stale(options.staleAfterMs ?? STALE_AFTER_MS)))
    .returning({ id: calls.id });
  return closed.length;
}
