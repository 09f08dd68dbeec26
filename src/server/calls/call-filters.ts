import { eq, gte, lt, type SQL, sql } from 'drizzle-orm';
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
  const inCall = sql`(${calls.searchVector} @@ ${english} or ${calls.searchVector} @@ ${simple})`;
  const inTranscript = sql`select ${callTranscripts.callId} as id from ${callTranscripts}
    where ${callTranscripts.companyId} = ${companyId} and ${callTranscripts.searchVector} @@ ${english}`;
  const arms: SQL[] = [
    await byIdsWhenRare(
      db,
      sql`select ${calls.id} as id from ${calls} where ${calls.companyId} = ${companyId} and ${inCall}`,
      inCall,
    ),
    await byIdsWhenRare(db, inTranscript, sql`${calls.id} in (${inTranscript})`),
  ];
  const digits = q.replace(/\D/g, '');
  if (digits.length >= MIN_NUMBER_DIGITS) arms.push(sql`${calls.callerId} like ${`%${digits}%`}`);
  return arms;
}

/**
 * Matches (calls or transcript lines) a word may have for its calls to be
 * named by id; a word found more often is common enough that walking the
 * calls in the page's order finds a page of matches sooner than sorting them.
 */
const RARE_WORD_MAX_MATCHES = 2000;

/**
 * A search arm as the condition that finds its calls fastest. PostgreSQL
 * cannot tell a rare word from a common one in time: it guesses 0.5 % of
 * rows for any word it has no statistics on and walks the calls in date
 * order, checking 100k summaries for a word none has, or thousands of
 * transcripts for one said in 1 % of calls. So the word's matches are read
 * first through the full-text index, up to a cap: a rare word's calls are
 * named by id, a common word's are found by walking the sort order.
 */
async function byIdsWhenRare(db: Database, matching: SQL, walk: SQL): Promise<SQL> {
  const result = await db.execute(sql`${matching} limit ${RARE_WORD_MAX_MATCHES + 1}`);
  const rows = (result as unknown as { rows: Array<{ id: string }> }).rows;
  if (rows.length > RARE_WORD_MAX_MATCHES) return walk;
  const ids = [...new Set(rows.map((row) => row.id))];
  // One array parameter: a thousand separate ones cost more to plan than the search itself.
  return ids.length > 0
    ? sql`${calls.id} = any(string_to_array(${ids.join(',')}, ',')::uuid[])`
    : sql`false`;
}
