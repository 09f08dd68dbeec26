import { and, eq } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Database } from '../db/client.js';
import { calls, tickets } from '../db/schema/index.js';
import { invalid, notFound } from '../http/errors.js';
import { requireCompanyMember } from '../members/member-check.js';
import { loadTicket, type TicketView } from './ticket-view.js';

const MESSAGE_MAX = 10_000;

const contact = {
  name: z.string().trim().max(120),
  phone: z.string().trim().max(40),
  email: z.union([z.literal(''), z.email().max(254)]),
};

export const ticketCreateBody = z.strictObject({
  /** Made from this call: its caller's name and number and its summary fill what is left out. */
  callId: z.uuid().optional(),
  name: contact.name.optional(),
  phone: contact.phone.optional(),
  email: contact.email.optional(),
  message: z.string().trim().max(MESSAGE_MAX).optional(),
  assignedToId: z.uuid().nullable().optional(),
});

export const ticketChangeBody = z.strictObject({
  status: z.enum(['open', 'closed']).optional(),
  assignedToId: z.uuid().nullable().optional(),
  name: contact.name.optional(),
  phone: contact.phone.optional(),
  email: contact.email.optional(),
  message: z.string().trim().min(1).max(MESSAGE_MAX).optional(),
});

export type TicketCreate = z.infer<typeof ticketCreateBody>;
export type TicketChange = z.infer<typeof ticketChangeBody>;

type Staff = { companyId: string; userId: string };

/** A ticket staff make, on its own or from a call of the company. */
export async function createTicket(
  db: Database,
  staff: Staff,
  input: TicketCreate,
): Promise<TicketView> {
  const { companyId } = staff;
  if (input.assignedToId) {
    await requireCompanyMember(db, { companyId, userId: input.assignedToId }, 'assignedToId');
  }
  let fromCall: typeof calls.$inferSelect | undefined;
  if (input.callId) {
    [fromCall] = await db
      .select()
      .from(calls)
      .where(and(eq(calls.companyId, companyId), eq(calls.id, input.callId)));
    if (!fromCall) throw notFound('Call');
  }
  const message = input.message || fromCall?.summary?.trim() || '';
  if (!message) throw invalid('message', 'says what the ticket is about');
  const [row] = await db
    .insert(tickets)
    .values({
      companyId,
      chatbotId: fromCall?.chatbotId ?? null,
      conversationId: fromCall?.conversationId ?? null,
      callId: fromCall?.id ?? null,
      name: input.name ?? fromCall?.callerName ?? '',
      phone: input.phone ?? fromCall?.callerId ?? '',
      email: input.email ?? '',
      message,
      assignedTo: input.assignedToId ?? null,
      createdBy: staff.userId,
    })
    .returning({ id: tickets.id });
  if (!row) throw new Error('ticket insert returned no row');
  return getTicket(db, { companyId, ticketId: row.id });
}

export async function getTicket(
  db: Database,
  scope: { companyId: string; ticketId: string },
): Promise<TicketView> {
  const ticket = await loadTicket(db, scope);
  if (!ticket) throw notFound('Ticket');
  return ticket;
}

/** Staff close or reopen a ticket, assign it or correct what it says. */
export async function changeTicket(
  db: Database,
  scope: { companyId: string; ticketId: string },
  change: TicketChange,
): Promise<TicketView> {
  const { companyId, ticketId } = scope;
  if (change.assignedToId) {
    await requireCompanyMember(db, { companyId, userId: change.assignedToId }, 'assignedToId');
  }
  const set: PgUpdateSetSource<typeof tickets> = { updatedAt: new Date() };
  if (change.status) set.status = change.status;
  if (change.assignedToId !== undefined) set.assignedTo = change.assignedToId;
  if (change.name !== undefined) set.name = change.name;
  if (change.phone !== undefined) set.phone = change.phone;
  if (change.email !== undefined) set.email = change.email;
  if (change.message !== undefined) set.message = change.message;
  const [updated] = await db
    .update(tickets)
    .set(set)
    .where(and(eq(tickets.companyId, companyId), eq(tickets.id, ticketId)))
    .returning({ id: tickets.id });
  if (!updated) throw notFound('Ticket');
  return getTicket(db, scope);
}
