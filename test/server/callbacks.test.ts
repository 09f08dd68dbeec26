import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../src/server/db/schema/index.js';
import { type FakeTwilioRest, startFakeTwilio } from '../fakes/twilio-rest.js';
import { expectError, expectFieldError } from '../helpers/expect-error.js';
import { createCompany, createTenants, createUser, login } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createCallChatbot } from '../helpers/widget-visitor.js';
import { PhoneLine } from './voice/twilio/phone-line.js';

// Callbacks promised to callers: scheduled from a call, listed when due, and
// placed by the agent through Twilio (the fake REST API) where the call's
// chatbot has a number, else left to staff to dial.

type Callback = {
  id: string;
  callId: string | null;
  phone: string;
  dueAt: string;
  note: string | null;
  status: string;
  callerName: string | null;
  assignedTo: { id: string; name: string } | null;
  placedCallId: string | null;
  canPlace: boolean;
};

const CALLBACKS = '/api/company/callbacks';
const CALLER = '+15550142424';

let t: TestApp;
let twilioRest: FakeTwilioRest;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let phoneBotId: string;
let webBotId: string;
let line: PhoneLine;

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const scheduleUrl = (callId: string) => `/api/company/calls/${callId}/callbacks`;

async function insertCall(values: Partial<typeof calls.$inferInsert> = {}) {
  const [row] = await t.db
    .insert(calls)
    .values({
      companyId: tenants.companyA.id,
      source: 'twilio',
      status: 'completed',
      callerId: CALLER,
      callerName: 'JANE DOE',
      ...values,
    })
    .returning();
  if (!row) throw new Error('call insert failed');
  return row;
}

async function schedule(callId: string, body: Record<string, unknown>) {
  const res = await tenants.as.agentA.post<{ callback: Callback }>(scheduleUrl(callId), body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.callback;
}

async function listIds(query: string) {
  const res = await tenants.as.agentA.get<{ callbacks: Callback[] }>(`${CALLBACKS}?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.callbacks.map((callback) => callback.id);
}

beforeAll(async () => {
  twilioRest = await startFakeTwilio();
  t = await startTestApp({ TWILIO_API_BASE_URL: twilioRest.url });
  tenants = await createTenants(t, { callEnabled: true });
  phoneBotId = (await createCallChatbot(tenants.as.adminA, 'Front desk line')).id;
  webBotId = (await createCallChatbot(tenants.as.adminA, 'Website voice')).id;
  line = await PhoneLine.connect(t, twilioRest, tenants.as.adminA, phoneBotId);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await twilioRest?.close();
});

describe('scheduling a callback from a call', () => {
  it("takes the caller's number by default, and shows on the call's details", async () => {
    const call = await insertCall({ chatbotId: phoneBotId });
    const dueAt = minutesFromNow(30);
    const callback = await schedule(call.id, {
      dueAt,
      assignedToId: tenants.users.agentA.id,
      note: 'Confirm the new appointment time',
    });
    expect(callback).toMatchObject({
      callId: call.id,
      phone: CALLER,
      status: 'scheduled',
      callerName: 'JANE DOE',
      note: 'Confirm the new appointment time',
      assignedTo: { id: tenants.users.agentA.id },
      placedCallId: null,
      canPlace: true,
    });
    expect(new Date(callback.dueAt).toISOString()).toBe(dueAt);
    const details = await tenants.as.adminA.get<{ call: { callbacks: Array<{ id: string }> } }>(
      `/api/company/calls/${call.id}`,
    );
    expect(details.body.call.callbacks.map((c) => c.id)).toEqual([callback.id]);
  });

  it('takes another number, and refuses a call without one, a bad time and an outside assignee', async () => {
    const web = await insertCall({ source: 'web', callerId: null, chatbotId: webBotId });
    expectFieldError(
      await tenants.as.agentA.post(scheduleUrl(web.id), { dueAt: minutesFromNow(5) }),
      'phone',
    );
    const given = await schedule(web.id, { dueAt: minutesFromNow(5), phone: '+15550100999' });
    expect(given).toMatchObject({ phone: '+15550100999', canPlace: false });
    expectFieldError(
      await tenants.as.agentA.post(scheduleUrl(web.id), { dueAt: 'tomorrow', phone: '555' }),
      'dueAt',
    );
    expectFieldError(
      await tenants.as.agentA.post(scheduleUrl(web.id), {
        dueAt: minutesFromNow(5),
        phone: '+15550100999',
        assignedToId: tenants.users.adminB.id,
      }),
      'assignedToId',
    );
  });
});

describe('GET /api/company/callbacks', () => {
  it('lists due and overdue callbacks, soonest first, without later, done or cancelled ones', async () => {
    const call = await insertCall({ chatbotId: phoneBotId });
    const overdue = await schedule(call.id, { dueAt: minutesFromNow(-90) });
    const dueNow = await schedule(call.id, { dueAt: minutesFromNow(-1) });
    const later = await schedule(call.id, { dueAt: minutesFromNow(120) });
    const done = await schedule(call.id, { dueAt: minutesFromNow(-30) });
    const cancelled = await schedule(call.id, { dueAt: minutesFromNow(-20) });
    await tenants.as.agentA.patch(`${CALLBACKS}/${done.id}`, { status: 'done' });
    const cancel = await tenants.as.agentA.patch<{ callback: Callback }>(
      `${CALLBACKS}/${cancelled.id}`,
      { status: 'cancelled' },
    );
    expect(cancel.body.callback.status).toBe('canceled');

    const due = await listIds('due=true');
    expect(due.filter((id) => [overdue.id, dueNow.id].includes(id))).toEqual([
      overdue.id,
      dueNow.id,
    ]);
    for (const hidden of [later.id, done.id, cancelled.id]) expect(due).not.toContain(hidden);
    expect(await listIds('status=done')).toContain(done.id);
    expect(await listIds(`callId=${call.id}`)).toHaveLength(5);

    const other = await tenants.as.adminB.get<{ callbacks: Callback[] }>(`${CALLBACKS}?due=true`);
    expect(other.body.callbacks).toEqual([]);
  });

  it('moves, reassigns and re-notes a callback; another company gets 404', async () => {
    const call = await insertCall({ chatbotId: phoneBotId });
    const callback = await schedule(call.id, { dueAt: minutesFromNow(-5), note: 'First' });
    const url = `${CALLBACKS}/${callback.id}`;
    const later = minutesFromNow(60);
    const moved = await tenants.as.agentA.patch<{ callback: Callback }>(url, {
      dueAt: later,
      assignedToId: tenants.users.adminA.id,
      note: 'After lunch',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.callback).toMatchObject({
      note: 'After lunch',
      assignedTo: { id: tenants.users.adminA.id },
    });
    expect(await listIds('due=true')).not.toContain(callback.id);
    expectFieldError(await tenants.as.agentA.patch(url, { status: 'lost' }), 'status');
    expectError(await tenants.as.adminB.patch(url, { status: 'done' }), 404, 'not_found');
    expectError(await tenants.as.adminB.post(`${url}/place`), 404, 'not_found');
    expectError(
      await tenants.as.adminB.post(scheduleUrl(call.id), { dueAt: minutesFromNow(1) }),
      404,
      'not_found',
    );
  });
});

describe('POST /api/company/callbacks/:id/place', () => {
  it("places the callback from the chatbot's Twilio number and links the call it made", async () => {
    const call = await insertCall({ chatbotId: phoneBotId });
    const callback = await schedule(call.id, { dueAt: minutesFromNow(-1), note: 'Your X-rays' });
    const res = await tenants.as.agentA.post<{
      callback: Callback;
      call: { id: string; twilioCallSid: string; direction: string };
    }>(`${CALLBACKS}/${callback.id}/place`);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const placed = twilioRest.calls.get(res.body.call.twilioCallSid);
    expect(placed?.to).toBe(CALLER);
    expect(res.body.call.direction).toBe('outbound');
    expect(res.body.callback).toMatchObject({ status: 'done', placedCallId: res.body.call.id });
    const [row] = await t.db.select().from(calls).where(eq(calls.id, res.body.call.id));
    expect(row?.outboundReason).toBe('Your X-rays');
    expect(await listIds('due=true')).not.toContain(callback.id);

    expectError(await tenants.as.agentA.post(`${CALLBACKS}/${callback.id}/place`), 409, 'conflict');
  });

  it('keeps the callback scheduled when Twilio refuses the call (502)', async () => {
    const call = await insertCall({ chatbotId: phoneBotId });
    const callback = await schedule(call.id, { dueAt: minutesFromNow(-1) });
    // Without its number on the Twilio account, Twilio refuses the From number.
    const [number] = line.twilio.numbers.splice(0, 1);
    if (!number) throw new Error('the line has no number');
    try {
      expectError(
        await tenants.as.agentA.post(`${CALLBACKS}/${callback.id}/place`),
        502,
        'twilio_error',
      );
    } finally {
      line.twilio.numbers.push(number);
    }
    const res = await tenants.as.agentA.get<{ callbacks: Callback[] }>(
      `${CALLBACKS}?callId=${call.id}`,
    );
    expect(res.body.callbacks[0]).toMatchObject({ status: 'scheduled', placedCallId: null });
  });

  it('places a callback once when two people press "Call now" together', async () => {
    const call = await insertCall({ chatbotId: phoneBotId });
    const callback = await schedule(call.id, { dueAt: minutesFromNow(-1) });
    const before = twilioRest.calls.size;
    const url = `${CALLBACKS}/${callback.id}/place`;
    const answers = await Promise.all([tenants.as.agentA.post(url), tenants.as.adminA.post(url)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(twilioRest.calls.size).toBe(before + 1);
  });

  it('answers 409 telling staff to dial themselves when there is no Twilio account to call from', async () => {
    const call = await insertCall({ chatbotId: webBotId });
    const callback = await schedule(call.id, { dueAt: minutesFromNow(-1) });
    expect(callback.canPlace).toBe(false);
    const before = twilioRest.calls.size;
    const refused = expectError(
      await tenants.as.agentA.post(`${CALLBACKS}/${callback.id}/place`),
      409,
      'conflict',
    );
    expect(refused.message).toMatch(/Twilio integration account.*Dial the number yourself/);
    expect(twilioRest.calls.size).toBe(before);
    expect(await listIds('due=true')).toContain(callback.id);
  });
});

describe('access', () => {
  it('needs a session and the Call Feature', async () => {
    expectError(await tenants.as.anonymous.get(`${CALLBACKS}?due=true`), 401, 'unauthorized');
    const company = await createCompany(t.db, { callEnabled: false });
    const agent = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'support_agent' }],
    });
    const client = await login(t, agent.email);
    expectError(await client.get(CALLBACKS), 403, 'call_feature_disabled');
  });
});
