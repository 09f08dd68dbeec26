import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallStats } from '../../../src/server/calls/call-stats.js';
import type { ApiClient } from '../../helpers/api-client.js';
import { expectError } from '../../helpers/expect-error.js';
import { createCompany, createUser, login } from '../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { seedCall } from './seed-calls.js';

const STATS = '/api/company/calls/stats';
const DAY = 86_400_000;

let t: TestApp;
let agent: ApiClient;
let otherAdmin: ApiClient;

beforeAll(async () => {
  t = await startTestApp();
  const company = await createCompany(t.db, { callEnabled: true });
  const other = await createCompany(t.db, { callEnabled: true });
  const agentUser = await createUser(t.db, {
    memberships: [{ companyId: company.id, role: 'support_agent' }],
  });
  const otherUser = await createUser(t.db, {
    memberships: [{ companyId: other.id, role: 'company_admin' }],
  });
  agent = await login(t, agentUser.email);
  otherAdmin = await login(t, otherUser.email);

  const now = Date.now();
  const todayStart = new Date(new Date(now).toISOString().slice(0, 10)).getTime();
  const at = (ms: number) => new Date(ms);
  const seed = (values: Parameters<typeof seedCall>[2]) => seedCall(t.db, company.id, values);
  // Today: three calls, one urgent and unhandled.
  await seed({ startedAt: at(now - 1000), durationMs: 60_000, isUrgent: true });
  await seed({ startedAt: at(now - 2000), durationMs: 120_000 });
  await seed({ startedAt: at(now - 3000), status: 'in_progress' });
  // Yesterday: two, one with a message left.
  await seed({ startedAt: at(todayStart - 3600_000), durationMs: 30_000, messageLeft: 'Call me' });
  await seed({ startedAt: at(todayStart - 7200_000), durationMs: 30_000 });
  // Earlier this period: urgent but handled.
  await seed({
    startedAt: at(now - 10 * DAY),
    durationMs: 180_000,
    isUrgent: true,
    isHandled: true,
  });
  // The 30 days before: four calls of 40 s, one urgent and unhandled.
  for (let i = 0; i < 4; i++) {
    await seed({ startedAt: at(now - 45 * DAY - i), durationMs: 40_000, isUrgent: i === 0 });
  }
  // Before both periods.
  await seed({ startedAt: at(now - 70 * DAY), durationMs: 999_000, isUrgent: true });
  // Another company's calls count for nobody else.
  await seedCall(t.db, other.id, { startedAt: at(now - 1000), isUrgent: true, durationMs: 5000 });
});
afterAll(() => t?.close());

describe('GET /api/company/calls/stats', () => {
  it('counts the last 30 days against the 30 before, and today against yesterday', async () => {
    const res = await agent.get<CallStats>(STATS);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      total: { value: 6, change: 0.5 },
      today: { value: 3, change: 0.5 },
      needsAttention: { value: 2, change: 1 },
      avgDurationMs: { value: 84_000, change: 1.1 },
    });
  });

  it('compares a chosen range with the range of the same length before it, null after nothing', async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 15 * DAY);
    const res = await agent.get<CallStats>(
      `${STATS}?from=${from.toISOString()}&to=${to.toISOString()}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.total).toEqual({ value: 6, change: null });
    expect(res.body.avgDurationMs).toEqual({ value: 84_000, change: null });
  });

  it("counts only the company's own calls", async () => {
    const res = await otherAdmin.get<CallStats>(STATS);
    expect(res.body.total).toEqual({ value: 1, change: null });
    expect(res.body.needsAttention.value).toBe(1);
  });

  it('refuses a range that ends before it starts, or is not a date', async () => {
    const now = new Date().toISOString();
    const earlier = new Date(Date.now() - DAY).toISOString();
    expectError(await agent.get(`${STATS}?from=${now}&to=${earlier}`), 400, 'validation_error');
    expectError(await agent.get(`${STATS}?from=last-week`), 400, 'validation_error');
  });
});
