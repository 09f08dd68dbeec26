import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.js';
import { calls } from '../db/schema/index.js';
import { invalid } from '../http/errors.js';
import { needsAttention } from './call-list-item.js';

const DAY_MS = 86_400_000;
const DEFAULT_PERIOD_MS = 30 * DAY_MS;

export const callStatsQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export type Figure = { value: number; change: number | null };

export type CallStats = {
  total: Figure;
  today: Figure;
  needsAttention: Figure;
  avgDurationMs: Figure;
};

type Period = { from: Date; to: Date };

/** Relative change against the previous value; none when there was nothing before. */
export function relativeChange(value: number, previous: number): number | null {
  if (previous === 0) return null;
  return Math.round(((value - previous) / previous) * 10_000) / 10_000;
}

/**
 * The Calls page's four figures for a period (by default the last 30 days),
 * each against the period of the same length before it; today against
 * yesterday (UTC days).
 */
export async function callStats(
  db: Database,
  tenant: { companyId: string },
  query: z.infer<typeof callStatsQuery>,
  now = new Date(),
): Promise<CallStats> {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_PERIOD_MS);
  if (from >= to) throw invalid('from', 'must be before to');
  const previous = { from: new Date(2 * from.getTime() - to.getTime()), to: from };
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const tomorrow = new Date(today.getTime() + DAY_MS);
  const yesterday = new Date(today.getTime() - DAY_MS);

  const [current, before, todays, yesterdays] = await Promise.all([
    periodFigures(db, tenant.companyId, { from, to }),
    periodFigures(db, tenant.companyId, previous),
    periodFigures(db, tenant.companyId, { from: today, to: tomorrow }),
    periodFigures(db, tenant.companyId, { from: yesterday, to: today }),
  ]);
  return {
    total: figure(current.total, before.total),
    today: figure(todays.total, yesterdays.total),
    needsAttention: figure(current.attention, before.attention),
    avgDurationMs: figure(current.avgDurationMs, before.avgDurationMs),
  };
}

const figure = (value: number, previous: number): Figure => ({
  value,
  change: relativeChange(value, previous),
});

async function periodFigures(db: Database, companyId: string, period: Period) {
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      attention: sql<number>`(count(*) filter (where ${needsAttention(companyId)}))::int`,
      avgDurationMs: sql<number>`coalesce(round(avg(${calls.durationMs})), 0)::int`,
    })
    .from(calls)
    .where(
      and(
        eq(calls.companyId, companyId),
        gte(calls.startedAt, period.from),
        lt(calls.startedAt, period.to),
      ),
    );
  return row ?? { total: 0, attention: 0, avgDurationMs: 0 };
}
