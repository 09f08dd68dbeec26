import { and, eq } from 'drizzle-orm';
import type { EscalationService } from '../../conversations/escalation-service.js';
import type { Database } from '../../db/client.js';
import { tickets } from '../../db/schema/index.js';

/**
 * A call closed without its runner (its node stopped): a conversation still
 * waiting for a person is closed as a missed escalation, saying whether the
 * caller had left a message (a ticket of the call) before the line went.
 */
export async function closeMissedEscalation(
  db: Database,
  escalations: EscalationService,
  call: { companyId: string; callId: string; conversationId: string },
): Promise<void> {
  const [ticket] = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.companyId, call.companyId), eq(tickets.callId, call.callId)))
    .limit(1);
  await escalations.closeMissed(
    { companyId: call.companyId, conversationId: call.conversationId },
    { messageTaken: Boolean(ticket) },
  );
}
