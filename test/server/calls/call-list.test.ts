import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallListItem } from '../../../src/server/calls/call-list-item.js';
import { calls } from '../../../src/server/db/schema/index.js';
import type { ApiClient } from '../../helpers/api-client.js';
import { expectError } from '../../helpers/expect-error.js';
import { createCompany, createTenants, createUser, login } from '../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createCallChatbot } from '../../helpers/widget-visitor.js';
import { seedCall } from './seed-calls.js';

type Item = Omit<CallListItem, 'startedAt'> & { startedAt: string };
type Page = { calls: Item[]; nextCursor: string | null };

const CALLS = '/api/company/calls';
const MINUTE = 60_000;

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let seeded: Record<string, string>;
let frontDesk: { id: string };

async function page(client: ApiClient, query: string): Promise<Page> {
  const res = await client.get<Page>(`${CALLS}?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** The names of company A's seeded calls a query lists, in list order. */
async function names(query: string): Promise<string[]> {
  const { calls: listed } = await page(tenants.as.agentA, `limit=100&${query}`);
  const byId = new Map(Object.entries(seeded).map(([name, id]) => [id, name]));
  return listed.map((call) => byId.get(call.id) ?? `unknown ${call.id}`);
}

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t, { callEnabled: true });
  const companyId = tenants.companyA.id;
  frontDesk = await createCallChatbot(tenants.as.adminA, 'Front desk');
  const afterHours = await createCallChatbot(tenants.as.adminA, 'After hours');
  const now = Date.now();
  const ago = (minutes: number) => new Date(now - minutes * MINUTE);
  const desk = { chatbotId: frontDesk.id };
  seeded = {
    inProgress: (
      await seedCall(t.db, companyId, {
        ...desk,
        source: 'twilio',
        status: 'in_progress',
        callerId: '+15550007777',
        startedAt: ago(1),
      })
    ).id,
    urgent: (
      await seedCall(t.db, companyId, {
        ...desk,
        source: 'twilio',
        callerId: '+15551234567',
        callerName: 'Maria Lopez',
        summary: 'The caller reports severe pain and bleeding after an extraction.',
        intent: 'Emergency',
        isUrgent: true,
        durationMs: 200_000,
        startedAt: ago(10),
        transcript: [
          ['caller', 'I have severe pain and bleeding since yesterday'],
          ['agent', 'I am sorry to hear that, I will flag this as urgent.'],
        ],
      })
    ).id,
    escalated: (
      await seedCall(t.db, companyId, {
        ...desk,
        endReason: 'escalated',
        summary: 'Asked to speak to a person about a bill.',
        durationMs: 90_000,
        startedAt: ago(20),
      })
    ).id,
    messageLeft: (
      await seedCall(t.db, companyId, {
        ...desk,
        source: 'twilio',
        callerId: '+15559876543',
        callerName: 'John Smith',
        summary: 'Left a message about rescheduling.',
        durationMs: 60_000,
        startedAt: ago(30),
        messageLeft: 'Please call me back tomorrow.',
      })
    ).id,
    personAsked: (
      await seedCall(t.db, companyId, {
        ...desk,
        summary: 'Question about crowns.',
        durationMs: 30_000,
        startedAt: ago(40),
        escalatedInConversation: true,
      })
    ).id,
    handledUrgent: (
      await seedCall(t.db, companyId, {
        ...desk,
        summary: 'Toothache, booked for this afternoon.',
        isUrgent: true,
        isHandled: true,
        handledAt: ago(45),
        durationMs: 100_000,
        startedAt: ago(50),
      })
    ).id,
    hours: (
      await seedCall(t.db, companyId, {
        chatbotId: afterHours.id,
        summary: 'Asked about opening hours.',
        durationMs: 45_000,
        startedAt: ago(2 * 24 * 60),
        transcript: [
          ['caller', 'When are you open on Saturday?'],
          ['agent', 'We are open on Saturday from 9 am to 1 pm.'],
        ],
      })
    ).id,
    failed: (
      await seedCall(t.db, companyId, {
        ...desk,
        source: 'whatsapp',
        status: 'failed',
        endReason: 'provider_unavailable',
        startedAt: ago(3 * 24 * 60),
      })
    ).id,
    noAnswer: (
      await seedCall(t.db, companyId, {
        ...desk,
        source: 'twilio',
        status: 'no_answer',
        callerId: '+15550001234',
        startedAt: ago(4 * 24 * 60),
      })
    ).id,
    insurance: (
      await seedCall(t.db, companyId, {
        ...desk,
        summary: 'General question.',
        durationMs: 120_000,
        startedAt: ago(5 * 24 * 60),
        transcript: [
          ['caller', 'Do you accept Kaiser insurance?'],
          ['agent', 'Yes, we accept most plans.'],
        ],
      })
    ).id,
  };
  // Another company's call shares the number and the words; company A must never see it.
  await seedCall(t.db, tenants.companyB.id, {
    source: 'twilio',
    callerId: '+15551234567',
    callerName: 'Maria Lopez',
    summary: 'Severe pain and bleeding, Kaiser insurance.',
    isUrgent: true,
    startedAt: ago(5),
    transcript: [['caller', 'Do you accept Kaiser insurance?']],
  });
});
afterAll(() => t?.close());

describe('GET /api/company/calls filters', () => {
  it('lists every call of the company newest first, with the list item fields', async () => {
    expect(await names('')).toEqual([
      'inProgress',
      'urgent',
      'escalated',
      'messageLeft',
      'personAsked',
      'handledUrgent',
      'hours',
      'failed',
      'noAnswer',
      'insurance',
    ]);
    const { calls: listed } = await page(tenants.as.agentA, 'limit=100');
    const urgent = listed.find((call) => call.id === seeded.urgent);
    expect(urgent).toMatchObject({
      chatbotId: frontDesk.id,
      chatbotName: 'Front desk',
      source: 'twilio',
      direction: 'inbound',
      callerId: '+15551234567',
      callerName: 'Maria Lopez',
      status: 'completed',
      durationMs: 200_000,
      intent: 'Emergency',
      isUrgent: true,
      isHandled: false,
      handledAt: null,
      needsAttention: true,
      escalated: false,
      messageLeft: false,
      hasRecording: false,
      assignedTo: null,
    });
    expect(listed.find((call) => call.id === seeded.messageLeft)).toMatchObject({
      messageLeft: true,
      needsAttention: true,
    });
    expect(listed.find((call) => call.id === seeded.personAsked)).toMatchObject({
      escalated: true,
    });
  });

  it('filters by status, handled, source, chatbot and date range', async () => {
    expect(await names('status=in_progress')).toEqual(['inProgress']);
    expect(await names('status=no_answer')).toEqual(['noAnswer']);
    expect(await names('handled=true')).toEqual(['handledUrgent']);
    expect(await names('handled=false')).not.toContain('handledUrgent');
    expect(await names('source=phone')).toEqual([
      'inProgress',
      'urgent',
      'messageLeft',
      'noAnswer',
    ]);
    expect(await names('source=whatsapp')).toEqual(['failed']);
    const afterHours = (await page(tenants.as.agentA, 'limit=100')).calls.find(
      (call) => call.id === seeded.hours,
    )?.chatbotId;
    expect(await names(`chatbotId=${afterHours}`)).toEqual(['hours']);
    const from = new Date(Date.now() - 4.5 * 24 * 60 * MINUTE).toISOString();
    const to = new Date(Date.now() - 24 * 60 * MINUTE).toISOString();
    expect(await names(`from=${from}&to=${to}`)).toEqual(['hours', 'failed', 'noAnswer']);
  });

  it('lists as needing attention the unhandled calls that are urgent, escalated or left a message', async () => {
    expect(await names('attention=true')).toEqual([
      'urgent',
      'escalated',
      'messageLeft',
      'personAsked',
    ]);
    expect(await names('attention=false')).toEqual([
      'inProgress',
      'handledUrgent',
      'hours',
      'failed',
      'noAnswer',
      'insurance',
    ]);
  });

  it('searches caller numbers by their digits, caller names, summary words and transcript words', async () => {
    expect(await names(`q=${encodeURIComponent('(555) 123-4567')}`)).toEqual(['urgent']);
    expect(await names('q=9876')).toEqual(['messageLeft']);
    expect(await names('q=smith')).toEqual(['messageLeft']);
    expect(await names(`q=${encodeURIComponent('Maria Lopez')}`)).toEqual(['urgent']);
    expect(await names('q=rescheduling')).toEqual(['messageLeft']);
    expect(await names('q=crown')).toEqual(['personAsked']);
    expect(await names('q=saturday')).toEqual(['hours']);
    expect(await names('q=kaiser')).toEqual(['insurance']);
    expect(await names('q=bleeding')).toEqual(['urgent']);
    expect(await names('q=zebra')).toEqual([]);
    expect(await names('q=bleeding&attention=true&source=phone')).toEqual(['urgent']);
  });

  it('refuses invalid parameters with 400 validation_error', async () => {
    for (const query of [
      'status=ringing',
      'handled=yes',
      'source=fax',
      'chatbotId=not-a-uuid',
      'from=yesterday',
      'sort=loudest',
      'limit=0',
      'limit=101',
      'cursor=bm90LWEtY3Vyc29y',
    ]) {
      expectError(await tenants.as.agentA.get(`${CALLS}?${query}`), 400, 'validation_error');
    }
  });

  it("shows company B none of company A's calls, and company A none of B's", async () => {
    const listB = await page(tenants.as.adminB, 'limit=100');
    expect(listB.calls).toHaveLength(1);
    expect(Object.values(seeded)).not.toContain(listB.calls[0]?.id);
    expect(await names('q=kaiser')).toEqual(['insurance']);
    expectError(await tenants.as.adminB.get(`${CALLS}/${seeded.urgent}`), 404, 'not_found');
  });
});

describe('GET /api/company/calls search by a common transcript word', () => {
  it('pages through the calls newest first, as for a rare word', async () => {
    const company = await createCompany(t.db, { callEnabled: true });
    const admin = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'company_admin' }],
    });
    const client = await login(t, admin.email);
    // 120 calls of 20 lines each say "Tuesday": more lines than a rare word's, so the
    // search walks the calls in order; three calls also say "Kaiser" once.
    await t.db.execute(sql`
      insert into calls (company_id, source, status, started_at, caller_name)
      select ${company.id}::uuid, 'web', 'completed', now() - make_interval(mins => i), i::text
      from generate_series(1, 120) as i`);
    await t.db.execute(sql`
      insert into call_transcripts (company_id, call_id, seq, speaker, text, start_ms, end_ms)
      select c.company_id, c.id, n, 'caller',
        case when n = 1 and c.caller_name::int % 40 = 7
          then 'Do you take Kaiser insurance?' else 'Is Tuesday free?' end,
        n * 1000, n * 1000 + 900
      from calls c cross join generate_series(1, 20) as n
      where c.company_id = ${company.id}`);
    const newestFirst = (
      await t.db
        .select({ id: calls.id, startedAt: calls.startedAt })
        .from(calls)
        .where(eq(calls.companyId, company.id))
    )
      .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())
      .map((call) => call.id);

    const listed: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { calls: Item[]; nextCursor: string | null } = await page(
        client,
        `q=tuesday&limit=50${cursor ? `&cursor=${cursor}` : ''}`,
      );
      listed.push(...res.calls.map((call) => call.id));
      cursor = res.nextCursor;
    } while (cursor);
    expect(listed).toEqual(newestFirst);
    expect((await page(client, 'q=kaiser')).calls.map((call) => call.id)).toEqual([
      newestFirst[6],
      newestFirst[46],
      newestFirst[86],
    ]);
  });
});

describe('GET /api/company/calls pagination', () => {
  let client: ApiClient;
  let all: Array<{ id: string; startedAt: Date; durationMs: number | null }>;

  beforeAll(async () => {
    // A company of its own, so the pages hold only these calls.
    const company = await createCompany(t.db, { callEnabled: true });
    const admin = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'company_admin' }],
    });
    client = await login(t, admin.email);
    const now = Date.now();
    // One statement: the first 20 share the database's `now()` to the microsecond.
    const tied = await t.db
      .insert(calls)
      .values(
        Array.from({ length: 20 }, (_, i) => ({
          companyId: company.id,
          source: 'web' as const,
          durationMs: i % 3 === 0 ? null : (i % 4) * 1000,
        })),
      )
      .returning();
    const spread = await t.db
      .insert(calls)
      .values(
        Array.from({ length: 37 }, (_, i) => ({
          companyId: company.id,
          source: 'web' as const,
          id: randomUUID(),
          startedAt: new Date(now - (i % 9) * MINUTE),
          durationMs: i % 5 === 0 ? null : (i % 7) * 1000,
        })),
      )
      .returning();
    all = [...tied, ...spread];
  });

  async function walk(sort: string, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      const body = await page(client, query);
      expect(body.calls.length).toBeLessThanOrEqual(limit);
      seen.push(...body.calls.map((call) => call.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    return seen;
  }

  it('walks every sort page by page without duplicates or gaps, ties broken by id', async () => {
    const time = (call: (typeof all)[number]) => call.startedAt.getTime();
    const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    for (const sort of ['newest', 'oldest', 'longest'] as const) {
      const seen = await walk(sort, 7);
      expect(new Set(seen).size, `${sort}: duplicates`).toBe(seen.length);
      expect(seen.length, `${sort}: gaps`).toBe(all.length);
      const listed = seen.map((id) => all.find((call) => call.id === id));
      for (let i = 1; i < listed.length; i++) {
        const [a, b] = [listed[i - 1], listed[i]];
        if (!a || !b) throw new Error('unknown call listed');
        if (sort === 'newest') expect(time(a) >= time(b), sort).toBe(true);
        if (sort === 'oldest') expect(time(a) <= time(b), sort).toBe(true);
        if (sort === 'longest') {
          expect((a.durationMs ?? -1) >= (b.durationMs ?? -1), sort).toBe(true);
          if (a.durationMs === b.durationMs) expect(byId(a.id, b.id), 'tie order').toBe(1);
        }
      }
    }
  });

  it('pages 25 by default and stops with a null cursor', async () => {
    const first = await page(client, '');
    expect(first.calls).toHaveLength(25);
    expect(first.nextCursor).toEqual(expect.any(String));
    const last = await page(client, 'limit=100');
    expect(last.calls).toHaveLength(all.length);
    expect(last.nextCursor).toBeNull();
  });
});
