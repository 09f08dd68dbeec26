import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallAnalytics } from '../../../src/shared/call-analytics.js';
import { expectError } from '../../helpers/expect-error.js';
import { createTenants, seededModelId } from '../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createCallChatbot } from '../../helpers/widget-visitor.js';
import { seedCall } from './seed-calls.js';

const ANALYTICS = '/api/company/analytics/calls';
// Fixed instants, so days, hours and months are known: 2026-03-02 is a Monday.
const at = (iso: string) => new Date(iso);
const PERIOD = 'from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z';

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let frontDesk: { id: string };
let afterHours: { id: string };

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t, { callEnabled: true });
  const companyId = tenants.companyA.id;
  frontDesk = await createCallChatbot(tenants.as.adminA, 'Front desk');
  afterHours = await createCallChatbot(tenants.as.adminA, 'After hours');
  const realtime = await seededModelId(t.db, 'gpt-realtime');
  const desk = { chatbotId: frontDesk.id, modelId: realtime };
  // Three front-desk calls on Monday 2 March at 09:xx UTC, priced by their tokens.
  await seedCall(t.db, companyId, {
    ...desk,
    startedAt: at('2026-03-02T09:05:00Z'),
    durationMs: 60_000,
    intent: 'Hours/location',
    answered: true,
    rating: 5,
    usage: {
      inputTokens: 100_000,
      outputTokens: 50_000,
      inputAudioMs: 30_000,
      outputAudioMs: 20_000,
    },
  });
  await seedCall(t.db, companyId, {
    ...desk,
    startedAt: at('2026-03-02T09:40:00Z'),
    durationMs: 120_000,
    intent: 'Speak to a person',
    answered: false,
    endReason: 'escalated',
    rating: 2,
    usage: { inputTokens: 200_000, outputTokens: 100_000 },
  });
  await seedCall(t.db, companyId, {
    ...desk,
    startedAt: at('2026-03-02T23:30:00Z'),
    durationMs: 30_000,
    intent: 'Emergency',
    isUrgent: true,
    answered: true,
    messageLeft: 'Call me back please.',
  });
  // An after-hours call on Saturday 7 March, and one a month before the period.
  await seedCall(t.db, companyId, {
    chatbotId: afterHours.id,
    status: 'failed',
    startedAt: at('2026-03-07T20:00:00Z'),
  });
  await seedCall(t.db, companyId, { ...desk, startedAt: at('2026-02-10T10:00:00Z') });
  // Company B's call in the same period must never count for A.
  await seedCall(t.db, tenants.companyB.id, { startedAt: at('2026-03-02T09:10:00Z') });
}, 60_000);
afterAll(() => t?.close());

async function analytics(query: string): Promise<CallAnalytics> {
  const res = await tenants.as.agentA.get<CallAnalytics>(`${ANALYTICS}?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('GET /api/company/analytics/calls', () => {
  it('adds up the period: outcomes, answered rate, ratings, escalations and messages', async () => {
    const { totals, statuses, endReasons, intents, ratings } = await analytics(PERIOD);
    expect(totals).toEqual({
      calls: 4,
      completed: 3,
      avgDurationMs: 70_000,
      escalated: 1,
      messagesLeft: 1,
      urgent: 1,
      answered: { hits: 2, of: 3 },
      avgRating: 3.5,
      rated: 2,
      // gpt-realtime at $32 / $64 per million tokens: 300k in, 150k out.
      estimatedCost: 19.2,
    });
    expect(statuses).toEqual([
      { status: 'completed', calls: 3 },
      { status: 'failed', calls: 1 },
    ]);
    expect(endReasons).toContainEqual({ endReason: 'escalated', calls: 1 });
    expect(intents).toEqual([
      { intent: 'Emergency', calls: 1 },
      { intent: 'Hours/location', calls: 1 },
      { intent: 'Not analyzed', calls: 1 },
      { intent: 'Speak to a person', calls: 1 },
    ]);
    expect(ratings).toEqual([
      { rating: 2, calls: 1 },
      { rating: 5, calls: 1 },
    ]);
  });

  it("counts days, hours and weekdays in the viewer's time zone", async () => {
    const utc = await analytics(PERIOD);
    expect(utc.perDay.map((d) => [d.day, d.calls])).toEqual([
      ['2026-03-02', 3],
      ['2026-03-07', 1],
    ]);
    expect(utc.hours).toContainEqual({ hour: 9, calls: 2 });
    expect(utc.weekdays).toEqual([
      { weekday: 1, calls: 3 },
      { weekday: 6, calls: 1 },
    ]);
    // In Berlin (UTC+1 in March) the 23:30 call falls on Tuesday at 00:30.
    const berlin = await analytics(`${PERIOD}&timeZone=Europe/Berlin`);
    expect(berlin.perDay.map((d) => [d.day, d.calls])).toEqual([
      ['2026-03-02', 2],
      ['2026-03-03', 1],
      ['2026-03-07', 1],
    ]);
    expect(berlin.hours).toContainEqual({ hour: 10, calls: 2 });
    expect(berlin.hours).toContainEqual({ hour: 0, calls: 1 });
  });

  it('breaks the period down per chatbot and per month with cost per call', async () => {
    const { chatbots, months } = await analytics(PERIOD);
    expect(chatbots).toEqual([
      {
        chatbotId: frontDesk.id,
        name: 'Front desk',
        calls: 3,
        avgDurationMs: 70_000,
        escalated: 1,
        answered: { hits: 2, of: 3 },
        estimatedCost: 19.2,
      },
      {
        chatbotId: afterHours.id,
        name: 'After hours',
        calls: 1,
        avgDurationMs: 0,
        escalated: 0,
        answered: { hits: 0, of: 0 },
        estimatedCost: null,
      },
    ]);
    expect(months).toEqual([
      {
        month: '2026-03',
        calls: 4,
        inputAudioMs: 30_000,
        outputAudioMs: 20_000,
        estimatedCost: 19.2,
        costPerCall: 9.6,
      },
    ]);
    const oneBot = await analytics(`${PERIOD}&chatbotId=${afterHours.id}`);
    expect(oneBot.totals.calls).toBe(1);
  });

  it('refuses a bad time zone, a reversed or too long period, and another tenant sees none of it', async () => {
    expectError(
      await tenants.as.agentA.get(`${ANALYTICS}?timeZone=Mars/Olympus`),
      400,
      'validation_error',
    );
    expectError(
      await tenants.as.agentA.get(`${ANALYTICS}?from=2026-03-10T00:00:00Z&to=2026-03-01T00:00:00Z`),
      400,
      'validation_error',
    );
    expectError(
      await tenants.as.agentA.get(`${ANALYTICS}?from=2024-01-01T00:00:00Z&to=2026-03-01T00:00:00Z`),
      400,
      'validation_error',
    );
    const res = await tenants.as.adminB.get<CallAnalytics>(`${ANALYTICS}?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body.totals.calls).toBe(1);
    expect(res.body.chatbots.map((c) => c.chatbotId)).toEqual([null]);
  });

  it('needs a session and the call feature', async () => {
    expectError(await t.client().get(ANALYTICS), 401, 'unauthorized');
    const noCalls = await createTenants(t, { callEnabled: false });
    expectError(await noCalls.as.adminA.get(ANALYTICS), 403, 'call_feature_disabled');
  });
});
