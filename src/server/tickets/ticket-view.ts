import { and, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client.js';
import { chatbots, tickets, users } from '../db/schema/index.js';

const assignee = alias(users, 'assignee');
const creator = alias(users, 'creator');

export type TicketView = {
  id: string;
  chatbotId: string | null;
  chatbotName: string | null;
  conversationId: string | null;
  callId: string | null;
  /** `call` for a caller's message or a ticket made from a call; `chat` for a chat visitor's. */
  source: 'call' | 'chat';
  name: string;
  phone: string;
  email: string;
  message: string;
  status: 'open' | 'closed';
  assignedTo: { id: string; name: string } | null;
  /** The staff member who made it; null for a caller's or visitor's own message. */
  createdBy: { id: string; name: string } | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Tickets with their chatbot and people, newest first; `where` must carry the tenant. */
export async function selectTickets(
  db: Database,
  where: SQL | undefined,
  limit: number,
  orderBy: SQL[],
): Promise<TicketView[]> {
  const rows = await db
    .select({
      id: tickets.id,
      chatbotId: tickets.chatbotId,
      chatbotName: chatbots.name,
      conversationId: tickets.conversationId,
      callId: tickets.callId,
      name: tickets.name,
      phone: tickets.phone,
      email: tickets.email,
      message: tickets.message,
      status: tickets.status,
      assigneeId: assignee.id,
      assigneeName: assignee.name,
      creatorId: creator.id,
      creatorName: creator.name,
      createdAt: tickets.createdAt,
      updatedAt: tickets.updatedAt,
    })
    .from(tickets)
    .leftJoin(chatbots, eq(chatbots.id, tickets.chatbotId))
    .leftJoin(assignee, eq(assignee.id, tickets.assignedTo))
    .leftJoin(creator, eq(creator.id, tickets.createdBy))
    .where(where)
    .orderBy(...orderBy)
    .limit(limit);
  return rows.map(({ assigneeId, assigneeName, creatorId, creatorName, ...row }) => ({
    ...row,
    source: row.callId ? 'call' : 'chat',
    assignedTo: assigneeId ? { id: assigneeId, name: assigneeName ?? '' } : null,
    createdBy: creatorId ? { id: creatorId, name: creatorName ?? '' } : null,
  }));
}

export async function loadTicket(
  db: Database,
  scope: { companyId: string; ticketId: string },
): Promise<TicketView | undefined> {
  const [ticket] = await selectTickets(
    db,
    and(eq(tickets.companyId, scope.companyId), eq(tickets.id, scope.ticketId)),
    1,
    [],
  );
  return ticket;
}
