import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { CallDirection, CallSource, CallStatus } from '../../shared/domain.js';
import type { Database } from '../db/client.js';
import type { CallSentiment } from '../db/schema/calls.js';
import { calls, chatbots, escalations, tickets, users } from '../db/schema/index.js';

export type CallListItem = {
  id: string;
  chatbotId: string | null;
  chatbotName: string | null;
  source: CallSource;
  direction: CallDirection;
  callerId: string | null;
  callerName: string | null;
  twilioCallSid: string | null;
  /** Why an outbound call was placed. */
  outboundReason: string | null;
  /** The number a phone call was handed to. */
  transferredTo: string | null;
  status: CallStatus;
  endReason: string | null;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  durationMs: number | null;
  summary: string | null;
  intent: string | null;
  isUrgent: boolean;
  /** Whether the agent answered what the caller asked; null before analysis or when nothing was asked. */
  answered: boolean | null;
  resolved: boolean | null;
  sentiment: CallSentiment | null;
  isHandled: boolean;
  handledAt: Date | null;
  needsAttention: boolean;
  escalated: boolean;
  messageLeft: boolean;
  rating: number | null;
  hasRecording: boolean;
  assignedTo: { id: string; name: string } | null;
  /** The routing rule that chose how the call was answered (its name as it was then). */
  routingRule: { id: string; name: string } | null;
};

const ESCALATED_END_REASONS = sql`('escalated', 'transferred')`;

/** Calls of the company with an escalation: on the call, or on its conversation (a person was asked for). */
const escalatedIn = (
  companyId: string,
) => sql`(${calls.id} in (select ${escalations.callId} from ${escalations}
      where ${escalations.companyId} = ${companyId} and ${escalations.callId} is not null)
    or ${calls.conversationId} in (select ${escalations.conversationId} from ${escalations}
      where ${escalations.companyId} = ${companyId} and ${escalations.conversationId} is not null))`;

/**
 * Calls of the company a caller left a message on: a ticket linked to the
 * call that no staff member made (theirs are follow-ups, not messages).
 */
const messageLeftIn = (
  companyId: string,
) => sql`${calls.id} in (select ${tickets.callId} from ${tickets}
      where ${tickets.companyId} = ${companyId} and ${tickets.callId} is not null
        and ${tickets.createdBy} is null)`;

const escalatedReason = sql`coalesce(${calls.endReason} in ${ESCALATED_END_REASONS}, false)`;

/** Whether a call of the company was escalated: handed on, or a person asked for. */
export const wasEscalated = (companyId: string): SQL<boolean> =>
  sql<boolean>`coalesce(${escalatedReason} or ${escalatedIn(companyId)}, false)`;

/** Whether the caller left a message on a call of the company. */
export const hadMessageLeft = (companyId: string): SQL<boolean> =>
  sql<boolean>`coalesce(${messageLeftIn(companyId)}, false)`;

/**
 * Unhandled and urgent, escalated or with a message left. The subqueries are
 * uncorrelated, so PostgreSQL hashes each once per query instead of probing
 * per call.
 */
export function needsAttention(companyId: string): SQL {
  return sql`coalesce(not ${calls.isHandled} and (${calls.isUrgent} or ${escalatedReason}
    or ${escalatedIn(companyId)} or ${messageLeftIn(companyId)}), false)`;
}

/** The list item's columns; the flags are computed for the company's calls. */
export const callListColumns = (companyId: string) => ({
  id: calls.id,
  chatbotId: calls.chatbotId,
  chatbotName: chatbots.name,
  source: calls.source,
  direction: calls.direction,
  callerId: calls.callerId,
  callerName: calls.callerName,
  twilioCallSid: calls.twilioCallSid,
  outboundReason: calls.outboundReason,
  transferredTo: calls.transferredTo,
  status: calls.status,
  endReason: calls.endReason,
  startedAt: calls.startedAt,
  answeredAt: calls.answeredAt,
  endedAt: calls.endedAt,
  durationMs: calls.durationMs,
  summary: calls.summary,
  intent: calls.intent,
  isUrgent: calls.isUrgent,
  answered: calls.answered,
  resolved: calls.resolved,
  sentiment: calls.sentiment,
  isHandled: calls.isHandled,
  handledAt: calls.handledAt,
  escalated: wasEscalated(companyId),
  messageLeft: hadMessageLeft(companyId),
  rating: calls.rating,
  hasRecording: sql<boolean>`(${calls.recordingPath} is not null)`,
  assigneeId: users.id,
  assigneeName: users.name,
  routingRuleId: calls.routingRuleId,
  routingRuleName: calls.routingRuleName,
});

/** The list item's columns with the chatbot and assignee joined; the caller adds where and order. */
export function selectCallListRows(db: Database, companyId: string) {
  return db
    .select(callListColumns(companyId))
    .from(calls)
    .leftJoin(chatbots, eq(chatbots.id, calls.chatbotId))
    .leftJoin(users, eq(users.id, calls.assignedTo))
    .$dynamic();
}

type CallListRow = Awaited<ReturnType<typeof selectCallListRows>>[number];

export function toCallListItem(row: CallListRow): CallListItem {
  const { assigneeId, assigneeName, routingRuleId, routingRuleName, ...call } = row;
  return {
    ...call,
    needsAttention: !call.isHandled && (call.isUrgent || call.escalated || call.messageLeft),
    assignedTo: assigneeId ? { id: assigneeId, name: assigneeName ?? '' } : null,
    routingRule: routingRuleId ? { id: routingRuleId, name: routingRuleName ?? '' } : null,
  };
}

/** The calls of one company with these ids, as list items, in the order of `ids`. */
export async function loadCallListItems(
  db: Database,
  tenant: { companyId: string },
  ids: string[],
): Promise<CallListItem[]> {
  if (ids.length === 0) return [];
  const rows = await selectCallListRows(db, tenant.companyId).where(
    and(eq(calls.companyId, tenant.companyId), inArray(calls.id, ids)),
  );
  const byId = new Map(rows.map((row) => [row.id, toCallListItem(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function loadCallListItem(
  db: Database,
  tenant: { companyId: string },
  id: string,
): Promise<CallListItem | null> {
  const [item] = await loadCallListItems(db, tenant, [id]);
  return item ?? null;
}
