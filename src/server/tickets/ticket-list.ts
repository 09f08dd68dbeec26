import { and, desc, eq, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.js';
import { tickets } from '../db/schema/index.js';
import { invalid } from '../http/errors.js';
import { selectTickets, type TicketView } from './ticket-view.js';

export const TICKET_PAGE_DEFAULT = 50;
export const TICKET_PAGE_MAX = 200;

export const ticketListQuery = z.object({
  status: z.enum(['open', 'closed']).optional(),
  /** `me`, `unassigned` or a member's user id. */
  assignee: z.union([z.enum(['me', 'unassigned']), z.uuid()]).optional(),
  source: z.enum(['call', 'chat']).optional(),
  /** Words of the name, phone number or message. */
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(TICKET_PAGE_MAX).default(TICKET_PAGE_DEFAULT),
});

export type TicketListQuery = z.infer<typeof ticketListQuery>;

type Cursor = { k: string; id: string };
const cursorShape = z.object({ k: z.string(), id: z.uuid() });

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeCursor(raw: string): Cursor {
  try {
    return cursorShape.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw invalid('cursor', 'is not a cursor this list handed out');
  }
}

/** Digits shorter than this are words, not a phone number. */
const MIN_NUMBER_DIGITS = 3;

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function searchCondition(q: string): SQL {
  const pattern = likePattern(q);
  const arms: SQL[] = [
    sql`${tickets.name} ilike ${pattern}`,
    sql`${tickets.phone} ilike ${pattern}`,
    sql`${tickets.message} ilike ${pattern}`,
  ];
  // "(555) 010-0100" finds "+15550100100" and the other way round.
  const digits = q.replace(/\D/g, '');
  if (digits.length >= MIN_NUMBER_DIGITS) {
    arms.push(sql`regexp_replace(${tickets.phone}, '\\D', '', 'g') like ${likePattern(digits)}`);
  }
  return or(...arms) as SQL;
}

/** One page of the company's tickets, newest first, keyed by the exact time each was made. */
export async function listTickets(
  db: Database,
  scope: { companyId: string; userId: string },
  query: TicketListQuery,
): Promise<{ tickets: TicketView[]; nextCursor: string | null }> {
  const conditions: SQL[] = [eq(tickets.companyId, scope.companyId)];
  if (query.status) conditions.push(eq(tickets.status, query.status));
  if (query.assignee === 'unassigned') conditions.push(isNull(tickets.assignedTo));
  else if (query.assignee === 'me') conditions.push(eq(tickets.assignedTo, scope.userId));
  else if (query.assignee) conditions.push(eq(tickets.assignedTo, query.assignee));
  if (query.source === 'call') conditions.push(isNotNull(tickets.callId));
  if (query.source === 'chat') conditions.push(isNull(tickets.callId));
  if (query.q) conditions.push(searchCondition(query.q));
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    conditions.push(
      sql`(${tickets.createdAt}, ${tickets.id}) < (${cursor.k}::timestamptz, ${cursor.id}::uuid)`,
    );
  }
  const rows = await selectTickets(db, and(...conditions), query.limit + 1, [
    desc(tickets.createdAt),
    desc(tickets.id),
  ]);
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  if (!more || !last) return { tickets: page, nextCursor: null };
  const [key] = await db
    .select({ k: sql<string>`${tickets.createdAt}::text` })
    .from(tickets)
    .where(and(eq(tickets.companyId, scope.companyId), eq(tickets.id, last.id)));
  return { tickets: page, nextCursor: key ? encodeCursor({ k: key.k, id: last.id }) : null };
}
