import { eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { callStatuses } from '../../shared/domain.js';
import type { Database } from '../db/client.js';
import { calls, callTranscripts } from '../db/schema/index.js';
import { needsAttention } from './call-list-item.js';

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** The filters the Calls page, its list, its export and its counts share. */
export const callFilterQuery = z.object({
  status: z.enum(callStatuses).optional(),
  handled: flag.optional(),
  attention: flag.optional(),
  /** `phone` is how the page names Twilio. */
  source: z
    .enum(['web', 'phone', 'whatsapp'])
    .transform((value) => (value === 'phone' ? 'twilio' : value))
    .optional(),
  chatbotId: z.uuid().optional(),
  /** Calls the routing rule with this id routed. */
  routingRule: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  q: z.string().trim().max(200).optional(),
});

export type CallFilters = z.infer<typeof callFilterQuery>;

/** Digits shorter than this are words, not a phone number. */
const MIN_NUMBER_DIGITS = 3;

/** Every filter but the search, whose arms callPage runs one by one. */
export function callFilterConditions(companyId: string, filters: Omit<CallFilters, 'q'>): SQL[] {
  const conditions: SQL[] = [eq(calls.companyId, companyId)];
  if (filters.status) conditions.push(eq(calls.status, filters.status));
  if (filters.handled !== undefined) conditions.push(eq(calls.isHandled, filters.handled));
  if (filters.attention === true) conditions.push(needsAttention(companyId));
  if (filters.attention === false) conditions.push(sql`not ${needsAttention(companyId)}`);
  if (filters.source) conditions.push(eq(calls.source, filters.source));
  if (filters.chatbotId) conditions.push(eq(calls.chatbotId, filters.chatbotId));
  if (filters.routingRule) conditions.push(eq(calls.routingRuleId, filters.routingRule));
  if (filters.from) conditions.push(gte(calls.startedAt, new Date(filters.from)));
  if (filters.to) conditions.push(lt(calls.startedAt, new Date(filters.to)));
  return conditions;
}

/**
 * The ways a call matches a search, each a condition on the call that can use
 * its own index: caller name and summary words through the call's search
 * vector (names are indexed unstemmed, summaries in English, so both
 * parsings are tried), transcript words through the transcripts' vector, and
 * a number by its digits anywhere in the caller's number (stored E.164, so
 * its digits are contiguous). A call matches when any arm does.
 */
export async function searchArms(db: Database, companyId: string, q: string): Promise<SQL[]> {
  const english = sql`websearch_to_tsquery('english', ${q})`;
  const simple = sql`websearch_to_tsquery('simple', ${q})`;
  const arms: SQL[] = [
    sql`(${calls.searchVector} @@ ${english} or ${calls.searchVector} @@ ${simple})`,
    await transcriptArm(db, companyId, english),
  ];
  const digits = q.replace(/\D/g, '');
  if (digits.length >= MIN_NUMBER_DIGITS) arms.push(sql`${calls.callerId} like ${`%${digits}%`}`);
  return arms;
}

/**
 * Transcript lines a word may match for its calls to be listed by id; a word
 * said more often is common enough that walking the calls in the page's order
 * finds a page of matches sooner than sorting them all.
 */
const RARE_WORD_MAX_LINES = 2000;

/**
 * Calls whose transcript has the words. PostgreSQL cannot tell a rare word
 * from a common one in time (walking calls in order for a word said in 1 % of
 * calls checked thousands of transcripts), so the lines are counted first, up
 * to a cap: a rare word's calls are named by id, a common word's are found by
 * walking the sort order.
 */
async function transcriptArm(db: Database, companyId: string, words: SQL): Promise<SQL> {
  const matching = sql`select ${callTranscripts.callId} as call_id from ${callTranscripts}
    where ${callTranscripts.companyId} = ${companyId} and ${callTranscripts.searchVector} @@ ${words}`;
  const result = await db.execute(sql`${matching} limit ${RARE_WORD_MAX_LINES + 1}`);
  const lines = (result as unknown as { rows: Array<{ call_id: string }> }).rows;
  if (lines.length > RARE_WORD_MAX_LINES) return sql`${calls.id} in (${matching})`;
  const ids = [...new Set(lines.map((line) => line.call_id))];
  return ids.length > 0 ? inArray(calls.id, ids) : sql`false`;
}
