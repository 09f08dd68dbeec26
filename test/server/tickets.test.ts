import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../src/server/db/schema/index.js';
import { expectError, expectFieldError } from '../helpers/expect-error.js';
import { createTenants } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

type Ticket = { id: string; name: string; phone: string; message: string; status: string };

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
      const res = await client.get<{ tickets: Ticket[] }>(TICKETS);
      expect(res.status).toBe(200);
      expect(res.body.tickets.map((x) => x.id)).toEqual([newer.id, older.id]);
      expect(res.body.tickets[1]).toMatchObject({
        name: 'Maria Lopez',
        phone: '+1 555 0100',
        message: 'About my crown.',
        status: 'open',
      });
      expect(JSON.stringify(res.body)).not.toContain('Beta secret');
    }
    const open = await tenants.as.adminA.get<{ tickets: Ticket[] }>(`${TICKETS}?status=open`);
    expect(open.body.tickets.map((x) => x.id)).toEqual([older.id]);
  });

  it('answers 400 for an unknown status, 401 without a session', async () => {
    expectFieldError(await tenants.as.adminA.get(`${TICKETS}?status=lost`), 'status');
    expectError(await tenants.as.anonymous.get(TICKETS), 401, 'unauthorized');
  });
});
