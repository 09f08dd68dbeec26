import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, tickets } from '../../src/server/db/schema/index.js';
import { expectError, expectFieldError } from '../helpers/expect-error.js';
import { createCompany, createTenants, createUser, login } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

type Ticket = {
  id: string;
  callId: string | null;
  conversationId: string | null;
  source: 'call' | 'chat';
  name: string;
  phone: string;
  email: string;
  message: string;
  status: string;
  assignedTo: { id: string; name: string } | null;
  createdBy: { id: string; name: string } | null;
};
type Page = { tickets: Ticket[]; nextCursor: string | null };

const TICKETS = '/api/company/tickets';

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;

async function insertTicket(companyId: string, values: Partial<typeof tickets.$inferInsert>) {
  const [row] = await t.db
    .insert(tickets)
    .values({ companyId, message: 'Please call me back.', ...values })
    .returning();
  if (!row) throw new Error('ticket insert failed');
  return row;
}

async function insertCall(companyId: string, values: Partial<typeof calls.$inferInsert> = {}) {
  const [row] = await t.db
    .insert(calls)
    .values({ companyId, source: 'twilio', status: 'completed', ...values })
    .returning();
  if (!row) throw new Error('call insert failed');
  return row;
}

const ids = (page: Page) => page.tickets.map((x) => x.id);

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t);
});
afterAll(() => t?.close());

describe('GET /api/company/tickets', () => {
  it("lists the company's own messages newest first, to admins and agents, filtered by status", async () => {
    const older = await insertTicket(tenants.companyA.id, {
      name: 'Maria Lopez',
      phone: '+1 555 0100',
      message: 'About my crown.',
      createdAt: new Date(Date.now() - 60_000),
    });
    const newer = await insertTicket(tenants.companyA.id, { name: 'Sam', status: 'closed' });
    await insertTicket(tenants.companyB.id, { name: 'Beta secret caller' });

    for (const client of [tenants.as.adminA, tenants.as.agentA]) {
      const res = await client.get<Page>(TICKETS);
      expect(res.status).toBe(200);
      expect(ids(res.body).slice(0, 2)).toEqual([newer.id, older.id]);
      expect(res.body.tickets[1]).toMatchObject({
        name: 'Maria Lopez',
        phone: '+1 555 0100',
        message: 'About my crown.',
        status: 'open',
        source: 'chat',
        assignedTo: null,
      });
      expect(JSON.stringify(res.body)).not.toContain('Beta secret');
    }
    const open = await tenants.as.adminA.get<Page>(`${TICKETS}?status=open`);
    expect(ids(open.body)).toContain(older.id);
    expect(ids(open.body)).not.toContain(newer.id);
  });

  it('filters by assignee (me, unassigned, a member), by source and by words of name, number or message', async () => {
    const companyId = tenants.companyA.id;
    const call = await insertCall(companyId, { callerId: '+15550199887' });
    const mine = await insertTicket(companyId, {
      assignedTo: tenants.users.agentA.id,
      message: 'Wants the whitening price list.',
    });
    const admins = await insertTicket(companyId, {
      assignedTo: tenants.users.adminA.id,
      callId: call.id,
      phone: '+15550199887',
      message: 'Insurance question',
    });
    const nobodys = await insertTicket(companyId, { name: 'Quentin Ortega' });

    const agent = tenants.as.agentA;
    const list = async (query: string) => {
      const res = await agent.get<Page>(`${TICKETS}?${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return ids(res.body);
    };
    expect(await list('assignee=me')).toEqual([mine.id]);
    expect(await list(`assignee=${tenants.users.adminA.id}`)).toEqual([admins.id]);
    const unassigned = await list('assignee=unassigned');
    expect(unassigned).toContain(nobodys.id);
    expect(unassigned).not.toContain(mine.id);
    expect(await list('source=call')).toEqual([admins.id]);
    expect(await list('source=chat')).not.toContain(admins.id);
    expect(await list('q=whitening')).toEqual([mine.id]);
    expect(await list('q=quentin')).toEqual([nobodys.id]);
    // The number as people write it finds the stored E.164 form.
    expect(await list(`q=${encodeURIComponent('(555) 019-9887')}`)).toEqual([admins.id]);
    // Wildcards are text, not patterns.
    expect(await list(`q=${encodeURIComponent('5%_off')}`)).toEqual([]);
  });

  it('pages with a cursor, every ticket once', async () => {
    const { companyB } = tenants;
    const base = Date.now() - 3_600_000;
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(await insertTicket(companyB.id, { createdAt: new Date(base + i * 1000) }));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const res = await tenants.as.adminB.get<Page>(`${TICKETS}?limit=2${query}`);
      expect(res.status).toBe(200);
      expect(res.body.tickets.length).toBeLessThanOrEqual(2);
      seen.push(...ids(res.body));
      cursor = res.body.nextCursor;
    } while (cursor);
    for (const ticket of made) expect(seen.filter((id) => id === ticket.id)).toHaveLength(1);
    expect(seen.indexOf(made[4]?.id ?? '')).toBeLessThan(seen.indexOf(made[0]?.id ?? ''));
  });

  it('answers 400 for an unknown status, assignee or cursor, 401 without a session', async () => {
    expectFieldError(await tenants.as.adminA.get(`${TICKETS}?status=lost`), 'status');
    expectFieldError(await tenants.as.adminA.get(`${TICKETS}?assignee=bob`), 'assignee');
    expectFieldError(await tenants.as.adminA.get(`${TICKETS}?cursor=nonsense`), 'cursor');
    expectError(await tenants.as.anonymous.get(TICKETS), 401, 'unauthorized');
  });
});

describe('POST /api/company/tickets', () => {
  it("makes a ticket from a call, filled from the caller's name and number and the call's summary", async () => {
    const call = await insertCall(tenants.companyA.id, {
      callerId: '+15550123456',
      callerName: 'JANE DOE',
      summary: 'Asked to move her Tuesday cleaning.',
    });
    const res = await tenants.as.agentA.post<{ ticket: Ticket }>(TICKETS, {
      callId: call.id,
      assignedToId: tenants.users.adminA.id,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.ticket).toMatchObject({
      callId: call.id,
      source: 'call',
      name: 'JANE DOE',
      phone: '+15550123456',
      message: 'Asked to move her Tuesday cleaning.',
      status: 'open',
      assignedTo: { id: tenants.users.adminA.id },
      createdBy: { id: tenants.users.agentA.id },
    });
    const read = await tenants.as.adminA.get<{ ticket: Ticket }>(
      `${TICKETS}/${res.body.ticket.id}`,
    );
    expect(read.body.ticket).toEqual(res.body.ticket);
  });

  it('is a follow-up on the call, not a message the caller left: the call does not need attention for it', async () => {
    const company = await createCompany(t.db, { callEnabled: true });
    const agent = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'support_agent' }],
    });
    const client = await login(t, agent.email);
    const call = await insertCall(company.id, { summary: 'Asked about parking.' });
    const made = await client.post<{ ticket: Ticket }>(TICKETS, { callId: call.id });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const details = await client.get<{
      call: { messageLeft: boolean; needsAttention: boolean; tickets: Array<{ id: string }> };
    }>(`/api/company/calls/${call.id}`);
    expect(details.body.call).toMatchObject({ messageLeft: false, needsAttention: false });
    expect(details.body.call.tickets.map((x) => x.id)).toEqual([made.body.ticket.id]);
  });

  it('keeps what staff typed over the call and takes a ticket without a call', async () => {
    const call = await insertCall(tenants.companyA.id, { callerName: 'X', summary: 'Summary' });
    const typed = await tenants.as.adminA.post<{ ticket: Ticket }>(TICKETS, {
      callId: call.id,
      name: 'Jane Doe',
      message: 'Send her the new-patient forms.',
    });
    expect(typed.body.ticket).toMatchObject({
      name: 'Jane Doe',
      message: 'Send her the new-patient forms.',
    });
    const plain = await tenants.as.adminA.post<{ ticket: Ticket }>(TICKETS, {
      message: 'Order more gloves',
    });
    expect(plain.status).toBe(201);
    expect(plain.body.ticket).toMatchObject({ callId: null, source: 'chat', name: '' });
  });

  it('refuses a ticket without a message, an assignee from outside, and a call of another company', async () => {
    expectFieldError(await tenants.as.adminA.post(TICKETS, {}), 'message');
    const silent = await insertCall(tenants.companyA.id, { summary: null });
    expectFieldError(await tenants.as.adminA.post(TICKETS, { callId: silent.id }), 'message');
    expectFieldError(
      await tenants.as.adminA.post(TICKETS, {
        message: 'x',
        assignedToId: tenants.users.adminB.id,
      }),
      'assignedToId',
    );
    expectFieldError(
      await tenants.as.adminA.post(TICKETS, { message: 'x', email: 'nope' }),
      'email',
    );
    const theirs = await insertCall(tenants.companyB.id, { summary: 'Beta call' });
    expectError(await tenants.as.adminA.post(TICKETS, { callId: theirs.id }), 404, 'not_found');
    expectError(await tenants.as.anonymous.post(TICKETS, { message: 'x' }), 401, 'unauthorized');
  });
});

describe('PATCH /api/company/tickets/:id', () => {
  it('closes and reopens, assigns and unassigns, and corrects the message', async () => {
    const ticket = await insertTicket(tenants.companyA.id, { message: 'Call about the bill' });
    const url = `${TICKETS}/${ticket.id}`;
    const agent = tenants.as.agentA;
    const closed = await agent.patch<{ ticket: Ticket }>(url, {
      status: 'closed',
      assignedToId: tenants.users.agentA.id,
      message: 'Called about the bill: paid.',
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.ticket).toMatchObject({
      status: 'closed',
      assignedTo: { id: tenants.users.agentA.id },
      message: 'Called about the bill: paid.',
    });
    const mine = await agent.get<Page>(`${TICKETS}?assignee=me&status=closed`);
    expect(ids(mine.body)).toContain(ticket.id);

    const reopened = await tenants.as.adminA.patch<{ ticket: Ticket }>(url, {
      status: 'open',
      assignedToId: null,
    });
    expect(reopened.body.ticket).toMatchObject({ status: 'open', assignedTo: null });
  });

  it('refuses bad changes and answers 404 to another company, leaving the ticket as it was', async () => {
    const ticket = await insertTicket(tenants.companyA.id, { message: 'Original' });
    const url = `${TICKETS}/${ticket.id}`;
    expectFieldError(await tenants.as.adminA.patch(url, { status: 'archived' }), 'status');
    expectFieldError(await tenants.as.adminA.patch(url, { message: '  ' }), 'message');
    expectFieldError(
      await tenants.as.adminA.patch(url, { assignedToId: tenants.users.adminB.id }),
      'assignedToId',
    );
    expectError(await tenants.as.adminB.patch(url, { status: 'closed' }), 404, 'not_found');
    expectError(await tenants.as.adminB.get(url), 404, 'not_found');
    expectError(await tenants.as.anonymous.patch(url, { status: 'closed' }), 401, 'unauthorized');
    const read = await tenants.as.adminA.get<{ ticket: Ticket }>(url);
    expect(read.body.ticket).toMatchObject({ status: 'open', message: 'Original' });
  });
});
