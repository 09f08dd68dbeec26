import { sql } from 'drizzle-orm';
import type { EventBus } from '../bus/event-bus.js';
import type { Database } from '../db/client.js';
import { outcomeWithin } from '../time-limit.js';

/** A dependency that does not answer in time is down: a hung server must not hang the health check. */
const CHECK_TIMEOUT_MS = 2000;

export type DependencyStatus = {
  database: boolean;
  /** 'off' without REDIS_URL: the in-process bus cannot be unreachable. */
  redis: 'ok' | 'error' | 'off';
};

/** The check's answer, or `otherwise` when it fails or does not answer in time. */
async function within<T>(check: Promise<T>, otherwise: T): Promise<T> {
  const outcome = await outcomeWithin(check, CHECK_TIMEOUT_MS);
  return outcome.status === 'done' ? outcome.value : otherwise;
}

/** Whether the database answers a query and Redis (when configured) a ping, each within its bound. */
export async function checkDependencies(deps: {
  db: Database;
  bus: EventBus;
}): Promise<DependencyStatus> {
  const [database, redis] = await Promise.all([
    within(
      deps.db.execute(sql`select 1`).then(() => true),
      false,
    ),
    deps.bus.kind === 'redis' ? within(deps.bus.ping(), 'error' as const) : ('off' as const),
  ]);
  return { database, redis };
}
