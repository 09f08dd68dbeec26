import { and, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
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
type Periods = Record<'current' | 'previous' | 'today' | 'yesterday', Period>;

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

  const periods: Periods = {
    current: { from, to },
    previous,
    today: { from: today, to: new Date(today.getTime() + DAY_MS) },
    yesterday: { from: new Date(today.getTime() - DAY_MS), to: today },
  };
  const f = await figures(db, tenant.companyId, periods);
  return {
    total: figure(f.total, f.previousTotal),
    today: figure(f.today, f.yesterday),
    needsAttention: figure(f.attention, f.previousAttention),
    avgDurationMs: figure(f.avgDurationMs, f.previousAvgDurationMs),
  };
}

const figure = (value: number, previous: number): Figure => ({
  value,
  change: relativeChange(value, previous),
});

/** Every figure from one pass over the calls of the earliest to the latest period. */
async function figures(db: Database, companyId: string, periods: Periods) {
  const within = (period: Period) =>
    sql`${calls.startedAt} >= ${period.from} and ${calls.startedAt} < ${period.to}`;
  const count = (period: Period, also?: SQL) =>
    sql<number>`(count(*) filter (where ${within(period)}${also ? sql` and ${also}` : sql``}))::int`;
  const average = (period: Period) =>
    sql<number>`coalesce(round(avg(${calls.durationMs}) filter (where ${within(period)})), 0)::int`;
  const { current, previous, today, yesterday } = periods;
  const all = Object.values(periods);
  const earliest = new Date(Math.min(...all.map((period) => period.from.getTime())));
  const latest = new Date(Math.max(...all.map((period) => period.to.getTime())));
  const attention = needsAttention(companyId);
  const [row] = await db
    .select({
      total: count(current),
      previousTotal: count(previous),
      today: count(today),
      yesterday: count(yesterday),
      attention: count(current, attention),
      previousAttention: count(previous, attention),
      avgDurationMs: average(current),
      previousAvgDurationMs: average(previous),
    })
    .from(calls)
    .where(
      and(
        eq(calls.companyId, companyId),
        gte(calls.startedAt, earliest),
        lt(calls.startedAt, latest),
      ),
    );
  if (!row) throw new Error('call figures returned no row');
  return row;
}
