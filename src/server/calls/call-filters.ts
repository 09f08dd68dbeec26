import { eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { callStatuses } from '../../shared/domain.js';
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
export function searchArms(companyId: string, q: string): SQL[] {
  const english = sql`websearch_to_tsquery('english', ${q})`;
  const simple = sql`websearch_to_tsquery('simple', ${q})`;
  const arms: SQL[] = [
    sql`(${calls.searchVector} @@ ${english} or ${calls.searchVector} @@ ${simple})`,
    sql`${calls.id} in (select ${callTranscripts.callId} from ${callTranscripts}
      where ${callTranscripts.companyId} = ${companyId} and ${callTranscripts.searchVector} @@ ${english})`,
  ];
  const digits = q.replace(/\D/g, '');
  if (digits.length >= MIN_NUMBER_DIGITS) arms.push(sql`${calls.callerId} like ${`%${digits}%`}`);
  return arms;
}
