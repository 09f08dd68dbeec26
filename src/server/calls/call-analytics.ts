import { and, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CallAnalytics } from '../../shared/call-analytics.js';
import type { AiProvider } from '../../shared/domain.js';
import type { Database } from '../db/client.js';
import { aiModels, calls, chatbots } from '../db/schema/index.js';
import { invalid } from '../http/errors.js';
import { estimateCallCost } from './call-cost.js';
import { hadMessageLeft, wasEscalated } from './call-list-item.js';

const DAY_MS = 86_400_000;
const DEFAULT_PERIOD_MS = 30 * DAY_MS;
const MAX_PERIOD_MS = 366 * DAY_MS;

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

export const callAnalyticsQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  chatbotId: z.uuid().optional(),
  /** Days, hours and months are counted in this zone (the viewer's). */
  timeZone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone').default('UTC'),
});

/**
 * The Analytics page's figures for a period (by default the last 30 days) of
 * the company's calls, optionally of one chatbot: totals, calls per day,
 * outcomes, busiest hours, intents, ratings, per-chatbot breakdown and usage
 * with its estimated cost per month.
 */
export async function callAnalytics(
  db: Database,
  tenant: { companyId: string },
  query: z.infer<typeof callAnalyticsQuery>,
  now = new Date(),
): Promise<CallAnalytics> {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_PERIOD_MS);
  if (from >= to) throw invalid('from', 'must be before to');
  if (to.getTime() - from.getTime() > MAX_PERIOD_MS) throw invalid('from', 'at most a year');
  const { companyId } = tenant;
  const { timeZone } = query;
  const scope = and(
    eq(calls.companyId, companyId),
    gte(calls.startedAt, from),
    lt(calls.startedAt, to),
    query.chatbotId ? eq(calls.chatbotId, query.chatbotId) : undefined,
  );
  // A literal, not a parameter: GROUP BY must see the same expression as the select list.
  const zone = sql.raw(`'${timeZone.replaceAll("'", "''")}'`);
  const local = sql`(${calls.startedAt} at time zone ${zone})`;
  const escalated = wasEscalated(companyId);
  const messageLeft = hadMessageLeft(companyId);
  const count = sql<number>`count(*)::int`;
  const countWhere = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::int`;
  const avgDuration = sql<number>`coalesce(round(avg(${calls.durationMs})), 0)::int`;
  const answeredRate = {
    answeredHits: countWhere(sql`${calls.answered}`),
    answeredOf: countWhere(sql`${calls.answered} is not null`),
  };
  const grouped = <T extends Record<string, SQL>>(key: T) =>
    db
      .select({ ...key, calls: count })
      .from(calls)
      .where(scope)
      .groupBy(...Object.values(key))
      .orderBy(...Object.values(key));

  const day = sql<string>`to_char(${local}, 'YYYY-MM-DD')`;
  const month = sql<string>`to_char(${local}, 'YYYY-MM')`;
  const [totals, perDay, statuses, endReasons, hours, weekdays, intents, ratings, bots, usage] =
    await Promise.all([
      db
        .select({
          calls: count,
          completed: countWhere(sql`${calls.status} = 'completed'`),
          avgDurationMs: avgDuration,
          escalated: countWhere(escalated),
          messagesLeft: countWhere(messageLeft),
          urgent: countWhere(sql`${calls.isUrgent}`),
          ...answeredRate,
          avgRating: sql<string | null>`round(avg(${calls.rating}), 2)`,
          rated: countWhere(sql`${calls.rating} is not null`),
        })
        .from(calls)
        .where(scope),
      db
        .select({
          day,
          calls: count,
          avgDurationMs: avgDuration,
          escalated: countWhere(escalated),
          messagesLeft: countWhere(messageLeft),
        })
        .from(calls)
        .where(scope)
        .groupBy(day)
        .orderBy(day),
      grouped({ status: sql<string>`${calls.status}::text` }),
      grouped({ endReason: sql<string>`coalesce(${calls.endReason}, 'in_progress')` }),
      grouped({ hour: sql<number>`extract(hour from ${local})::int` }),
      grouped({ weekday: sql<number>`extract(isodow from ${local})::int` }),
      grouped({ intent: sql<string>`coalesce(${calls.intent}, 'Not analyzed')` }),
      db
        .select({ rating: sql<number>`${calls.rating}::int`, calls: count })
        .from(calls)
        .where(and(scope, sql`${calls.rating} is not null`))
        .groupBy(calls.rating)
        .orderBy(calls.rating),
      db
        .select({
          chatbotId: calls.chatbotId,
          name: chatbots.name,
          calls: count,
          avgDurationMs: avgDuration,
          escalated: countWhere(escalated),
          ...answeredRate,
        })
        .from(calls)
        .leftJoin(chatbots, eq(chatbots.id, calls.chatbotId))
        .where(scope)
        .groupBy(calls.chatbotId, chatbots.name)
        .orderBy(sql`count(*) desc`),
      usageByMonth(db, scope, month),
    ]);
  const total = totals[0];
  if (!total) throw new Error('call analytics returned no totals');
  const costs = priceUsage(usage);
  return {
    period: { from: from.toISOString(), to: to.toISOString(), timeZone },
    totals: {
      calls: total.calls,
      completed: total.completed,
      avgDurationMs: total.avgDurationMs,
      escalated: total.escalated,
      messagesLeft: total.messagesLeft,
      urgent: total.urgent,
      answered: { hits: total.answeredHits, of: total.answeredOf },
      avgRating: total.avgRating === null ? null : Number(total.avgRating),
      rated: total.rated,
      estimatedCost: costs.total,
    },
    perDay,
    statuses,
    endReasons,
    hours,
    weekdays,
    intents: intents.sort((a, b) => b.calls - a.calls || a.intent.localeCompare(b.intent)),
    ratings,
    chatbots: bots.map(({ answeredHits, answeredOf, ...bot }) => ({
      ...bot,
      answered: { hits: answeredHits, of: answeredOf },
      estimatedCost: costs.byChatbot.get(bot.chatbotId) ?? null,
    })),
    months: costs.months,
  };
}

type UsageRow = {
  month: string;
  chatbotId: string | null;
  provider: AiProvider | null;
  modelId: string | null;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  inputAudioMs: number;
  outputAudioMs: number;
  /** Calls that reported tokens at all. */
  withTokens: number;
};

/** Usage summed per month, chatbot and model: prices are per model and linear in tokens. */
function usageByMonth(db: Database, scope: SQL | undefined, month: SQL<string>) {
  const sum = (field: string) =>
    sql<number>`coalesce(sum((${calls.usage} ->> ${field})::bigint), 0)::float8`;
  return db
    .select({
      month,
      chatbotId: calls.chatbotId,
      provider: aiModels.provider,
      modelId: aiModels.modelId,
      calls: sql<number>`count(*)::int`,
      inputTokens: sum('inputTokens'),
      outputTokens: sum('outputTokens'),
      inputAudioMs: sum('inputAudioMs'),
      outputAudioMs: sum('outputAudioMs'),
      withTokens: sql<number>`(count(*) filter (where ${calls.usage} ? 'inputTokens' or ${calls.usage} ? 'outputTokens'))::int`,
    })
    .from(calls)
    .leftJoin(aiModels, eq(aiModels.id, calls.modelId))
    .where(scope)
    .groupBy(month, calls.chatbotId, aiModels.provider, aiModels.modelId)
    .orderBy(month) as Promise<UsageRow[]>;
}

const roundUsd = (amount: number) => Math.round(amount * 10_000) / 10_000;

function priceUsage(rows: UsageRow[]) {
  const months = new Map<string, CallAnalytics['months'][number] & { priced: number }>();
  const byChatbot = new Map<string | null, number>();
  let total: number | null = null;
  for (const row of rows) {
    const entry = months.get(row.month) ?? {
      month: row.month,
      calls: 0,
      inputAudioMs: 0,
      outputAudioMs: 0,
      estimatedCost: null,
      costPerCall: null,
      priced: 0,
    };
    entry.calls += row.calls;
    entry.inputAudioMs += row.inputAudioMs;
    entry.outputAudioMs += row.outputAudioMs;
    const model =
      row.provider && row.modelId ? { provider: row.provider, modelId: row.modelId } : null;
    const usage =
      row.withTokens > 0 ? { inputTokens: row.inputTokens, outputTokens: row.outputTokens } : {};
    const cost = estimateCallCost(model, usage);
    if (cost) {
      entry.estimatedCost = (entry.estimatedCost ?? 0) + cost.amount;
      entry.priced += model?.provider === 'local' ? row.calls : row.withTokens;
      byChatbot.set(row.chatbotId, (byChatbot.get(row.chatbotId) ?? 0) + cost.amount);
      total = (total ?? 0) + cost.amount;
    }
    months.set(row.month, entry);
  }
  return {
    total: total === null ? null : roundUsd(total),
    byChatbot: new Map([...byChatbot].map(([id, amount]) => [id, roundUsd(amount)])),
    months: [...months.values()].map(({ priced, ...month }) => ({
      ...month,
      estimatedCost: month.estimatedCost === null ? null : roundUsd(month.estimatedCost),
      costPerCall:
        month.estimatedCost === null || priced === 0
          ? null
          : roundUsd(month.estimatedCost / priced),
    })),
  };
}
