import { and, eq } from 'drizzle-orm';
import { loadCallTranscript } from '../calls/call-transcript.js';
import type { Database } from '../db/client.js';
import { calls, chatbots, tickets } from '../db/schema/index.js';

type Scope = { companyId: string };

/**
 * A call as receivers get it: what happened and what was said, without staff
 * notes, assignees or recording paths. Null when the call is gone.
 */
export async function callPayload(
  db: Database,
  scope: Scope & { callId: string },
): Promise<Record<string, unknown> | null> {
  const [call] = await db
    .select({
      id: calls.id,
      chatbotId: calls.chatbotId,
      chatbotName: chatbots.name,
      source: calls.source,
      direction: calls.direction,
      status: calls.status,
      endReason: calls.endReason,
      callerId: calls.callerId,
      callerName: calls.callerName,
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
      transferredTo: calls.transferredTo,
      conversationId: calls.conversationId,
    })
    .from(calls)
    .leftJoin(chatbots, eq(chatbots.id, calls.chatbotId))
    .where(and(eq(calls.companyId, scope.companyId), eq(calls.id, scope.callId)));
  if (!call) return null;
  return { ...call, transcript: await loadCallTranscript(db, scope) };
}

/** A ticket as receivers get it. Null when it is gone. */
export async function ticketPayload(
  db: Database,
  scope: Scope & { ticketId: string },
): Promise<Record<string, unknown> | null> {
  const [ticket] = await db
    .select({
      id: tickets.id,
      chatbotId: tickets.chatbotId,
      conversationId: tickets.conversationId,
      callId: tickets.callId,
      name: tickets.name,
      phone: tickets.phone,
      email: tickets.email,
      message: tickets.message,
      status: tickets.status,
      createdAt: tickets.createdAt,
    })
    .from(tickets)
    .where(and(eq(tickets.companyId, scope.companyId), eq(tickets.id, scope.ticketId)));
  return ticket ?? null;
}
