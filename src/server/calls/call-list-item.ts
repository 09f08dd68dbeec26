import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { CallDirection, CallSource, CallStatus } from '../../shared/domain.js';
import type { Database } from '../db/client.js';
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
  status: CallStatus;
  endReason: string | null;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  durationMs: number | null;
  summary: string | null;
  intent: string | null;
  isUrgent: boolean;
  isHandled: boolean;
  handledAt: Date | null;
  needsAttention: boolean;
  escalated: boolean;
  messageLeft: boolean;
  rating: number | null;
  hasRecording: boolean;
  assignedTo: { id: string; name: string } | null;
};

const ESCALATED_END_REASONS = sql`('escalated', 'transferred')`;

/** Per row: the agent escalated or transferred it, or a person was asked for in its conversation. */
const escalatedColumn = sql<boolean>`(coalesce(${calls.endReason} in ${ESCALATED_END_REASONS}, false) or exists (
  select 1 from ${escalations} where ${escalations.companyId} = ${calls.companyId}
  and (${escalations.callId} = ${calls.id} or ${escalations.conversationId} = ${calls.conversationId})))`;

const messageLeftColumn = sql<boolean>`exists (
  select 1 from ${tickets} where ${tickets.companyId} = ${calls.companyId} and ${tickets.callId} = ${calls.id})`;

/**
 * Unhandled and urgent, escalated or with a message left: the same rule as
 * the list item's flags, written with uncorrelated subqueries so PostgreSQL
 * hashes them once instead of probing per call.
 */
export function needsAttention(companyId: string): SQL {
  return sql`(not ${calls.isHandled} and (${calls.isUrgent}
    or coalesce(${calls.endReason} in ${ESCALATED_END_REASONS}, false)
    or ${calls.id} in (select ${escalations.callId} from ${escalations}
      where ${escalations.companyId} = ${companyId} and ${escalations.callId} is not null)
    or ${calls.conversationId} in (select ${escalations.conversationId} from ${escalations}
      where ${escalations.companyId} = ${companyId} and ${escalations.conversationId} is not null)
    or ${calls.id} in (select ${tickets.callId} from ${tickets}
      where ${tickets.companyId} = ${companyId} and ${tickets.callId} is not null)))`;
}

export const callListColumns = {
  id: calls.id,
  chatbotId: calls.chatbotId,
  chatbotName: chatbots.name,
  source: calls.source,
  direction: calls.direction,
  callerId: calls.callerId,
  callerName: calls.callerName,
  twilioCallSid: calls.twilioCallSid,
  status: calls.status,
  endReason: calls.endReason,
  startedAt: calls.startedAt,
  answeredAt: calls.answeredAt,
  endedAt: calls.endedAt,
  durationMs: calls.durationMs,
  summary: calls.summary,
  intent: calls.intent,
  isUrgent: calls.isUrgent,
  isHandled: calls.isHandled,
  handledAt: calls.handledAt,
  escalated: escalatedColumn,
  messageLeft: messageLeftColumn,
  rating: calls.rating,
  hasRecording: sql<boolean>`(${calls.recordingPath} is not null)`,
  assigneeId: users.id,
  assigneeName: users.name,
};

/** The list item's columns with the chatbot and assignee joined; the caller adds where and order. */
export function selectCallListRows(db: Database) {
  return db
    .select(callListColumns)
    .from(calls)
    .leftJoin(chatbots, eq(chatbots.id, calls.chatbotId))
    .leftJoin(users, eq(users.id, calls.assignedTo))
    .$dynamic();
}

type CallListRow = Awaited<ReturnType<typeof selectCallListRows>>[number];

export function toCallListItem(row: CallListRow): CallListItem {
  const { assigneeId, assigneeName, ...call } = row;
  return {
    ...call,
    needsAttention: !call.isHandled && (call.isUrgent || call.escalated || call.messageLeft),
    assignedTo: assigneeId ? { id: assigneeId, name: assigneeName ?? '' } : null,
  };
}

/** The calls of one company with these ids, as list items, in the order of `ids`. */
export async function loadCallListItems(
  db: Database,
  tenant: { companyId: string },
  ids: string[],
): Promise<CallListItem[]> {
  if (ids.length === 0) return [];
  const rows = await selectCallListRows(db).where(
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
