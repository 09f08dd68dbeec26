import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/server/crypto/secret-box.js';
import { callIntegrationAccounts, calls, chatbots } from '../../src/server/db/schema/index.js';
import { defaultChatbotSettings } from '../../src/shared/chatbot-settings.js';
import type { ApiClient } from '../helpers/api-client.js';
import { expectError } from '../helpers/expect-error.js';
import { createCompany, createTenants, createUser, login } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

type Call = {
  id: string;
  chatbotId: string | null;
  chatbotName: string | null;
  source: string;
  status: string;
  startedAt: string;
  summary: string | null;
};
type Account = Record<string, unknown> & { id: string; name: string };

const CALLS = '/api/company/calls';
const ACCOUNTS = '/api/company/integration-accounts';

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;

async function listCalls(client: ApiClient): Promise<Call[]> {
  const res = await client.get<{ calls: Call[] }>(CALLS);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.calls;
}

async function listAccounts(client: ApiClient): Promise<Account[]> {
  const res = await client.get<{ accounts: Account[] }>(ACCOUNTS);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.accounts;
}

/** The raw response text, exactly as a browser would receive it. */
async function rawText(client: ApiClient, path: string): Promise<string> {
  const response = await fetch(new URL(path, t.url), { headers: { cookie: client.cookieHeader } });
  expect(response.status).toBe(200);
  return response.text();
}

async function insertChatbot(companyId: string, name: string) {
  const [bot] = await t.db
    .insert(chatbots)
    .values({
      companyId,
      publicId: `cb_${randomBytes(9).toString('base64url')}`,
      name,
      chatbotType: 'call',
      settings: defaultChatbotSettings(),
    })
    .returning();
  if (!bot) throw new Error('chatbot insert failed');
  return bot;
}

async function insertCall(companyId: string, values: Partial<typeof calls.$inferInsert> = {}) {
  const [call] = await t.db
    .insert(calls)
    .values({ companyId, source: 'web', status: 'completed', ...values })
    .returning();
  if (!call) throw new Error('call insert failed');
  return call;
}

/** A company of its own with an admin and an agent, signed in. */
async function companyWithStaff(callEnabled: boolean) {
  const company = await createCompany(t.db, { callEnabled });
  const admin = await createUser(t.db, {
    memberships: [{ companyId: company.id, role: 'company_admin' }],
  });
  const agent = await createUser(t.db, {
    memberships: [{ companyId: company.id, role: 'support_agent' }],
  });
  return { company, admin: await login(t, admin.email), agent: await login(t, agent.email) };
}

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t, { callEnabled: true });
});
afterAll(() => t?.close());

describe('Call Feature gate', () => {
  it('answers 403 call_feature_disabled while off, and empty lists once the master admin turns it on', async () => {
    const { company, admin, agent } = await companyWithStaff(false);
    for (const res of [
      await admin.get(CALLS),
      await agent.get(CALLS),
      await admin.get(ACCOUNTS),
      await agent.get(ACCOUNTS),
    ]) {
      expect(expectError(res, 403, 'call_feature_disabled').message).toMatch(/Call Feature/);
    }

    const enable = await tenants.as.master.patch(`/api/master/companies/${company.id}/settings`, {
      features: { callEnabled: true },
    });
    expect(enable.status, JSON.stringify(enable.body)).toBe(200);
    expect(await listCalls(admin)).toEqual([]);
    expect(await listCalls(agent)).toEqual([]);
    expect(await listAccounts(admin)).toEqual([]);

    const disable = await tenants.as.master.patch(`/api/master/companies/${company.id}/settings`, {
      features: { callEnabled: false },
    });
    expect(disable.status).toBe(200);
    expectError(await admin.get(CALLS), 403, 'call_feature_disabled');
    expectError(await admin.get(ACCOUNTS), 403, 'call_feature_disabled');
  });
});

describe('GET /api/company/calls', () => {
  it("lists a company's own calls, newest first, to admins and agents", async () => {
    const botA = await insertChatbot(tenants.companyA.id, 'Alpha phone line');
    const now = Date.now();
    const oldest = await insertCall(tenants.companyA.id, {
      chatbotId: botA.id,
      startedAt: new Date(now - 3 * 3600_000),
      summary: 'Booked a cleaning',
    });
    const newest = await insertCall(tenants.companyA.id, {
      chatbotId: botA.id,
      startedAt: new Date(now - 60_000),
      source: 'twilio',
      callerId: '+15550001111',
      status: 'in_progress',
    });
    const middle = await insertCall(tenants.companyA.id, {
      startedAt: new Date(now - 3600_000),
    });
    const callB = await insertCall(tenants.companyB.id, {
      startedAt: new Date(now),
      summary: 'Beta secret summary',
    });

    for (const client of [tenants.as.adminA, tenants.as.agentA]) {
      const list = await listCalls(client);
      expect(list.map((c) => c.id)).toEqual([newest.id, middle.id, oldest.id]);
      expect(list[0]).toMatchObject({
        chatbotId: botA.id,
        chatbotName: 'Alpha phone line',
        source: 'twilio',
        status: 'in_progress',
      });
      expect(list[2]).toMatchObject({ summary: 'Booked a cleaning' });
      expect(list[1]).toMatchObject({ chatbotId: null, chatbotName: null });
    }
    const listB = await listCalls(tenants.as.adminB);
    expect(listB.map((c) => c.id)).toEqual([callB.id]);
    expect(JSON.stringify(await listCalls(tenants.as.adminA))).not.toContain('Beta secret');
  });

  it('answers 401 without a session', async () => {
    expectError(await tenants.as.anonymous.get(CALLS), 401, 'unauthorized');
  });
});

describe('GET /api/company/integration-accounts', () => {
  it("lists a company's own accounts and never exposes credentials", async () => {
    const box = new SecretBox(randomBytes(32));
    const authToken = `twilio-auth-${randomBytes(12).toString('hex')}`;
    const sealed = box.sealJson({ accountSid: 'AC0123456789', authToken });
    const [accountA] = await t.db
      .insert(callIntegrationAccounts)
      .values({
        companyId: tenants.companyA.id,
        accountType: 'twilio',
        name: 'Alpha main line',
        credentialsEncrypted: sealed,
        config: { phoneNumber: '+15550002222' },
        status: 'active',
      })
      .returning();
    const [accountB] = await t.db
      .insert(callIntegrationAccounts)
      .values({
        companyId: tenants.companyB.id,
        accountType: 'whatsapp',
        name: 'Beta WhatsApp',
        credentialsEncrypted: box.sealJson({ accessToken: 'beta-token' }),
      })
      .returning();
    if (!accountA || !accountB) throw new Error('account insert failed');

    const listA = await listAccounts(tenants.as.adminA);
    expect(listA).toEqual([
      expect.objectContaining({
        id: accountA.id,
        accountType: 'twilio',
        name: 'Alpha main line',
        config: { phoneNumber: '+15550002222' },
        status: 'active',
      }),
    ]);
    expect(listA[0]).not.toHaveProperty('credentialsEncrypted');
    expect(listA[0]).not.toHaveProperty('companyId');

    const text = await rawText(tenants.as.adminA, ACCOUNTS);
    for (const secret of [authToken, sealed, sealed.split('.')[2] ?? sealed, 'AC0123456789']) {
      expect(text).not.toContain(secret);
    }
    // A row saved without the API's credential columns shows nothing of its sealed credentials.
    expect(listA[0]?.credentials).toEqual({ accountSid: null, authTokenHint: null });

    const listB = await listAccounts(tenants.as.adminB);
    expect(listB.map((a) => a.id)).toEqual([accountB.id]);
    expect(await rawText(tenants.as.adminB, ACCOUNTS)).not.toContain('beta-token');
  });

  it('refuses a support agent with 403', async () => {
    expectError(await tenants.as.agentA.get(ACCOUNTS), 403, 'forbidden');
  });

  it('answers 401 without a session', async () => {
    expectError(await tenants.as.anonymous.get(ACCOUNTS), 401, 'unauthorized');
  });
});

describe('call routes stay read-only', () => {
  it('has no write route for calls, and a malformed JSON body does not disturb the server', async () => {
    expectError(await tenants.as.adminA.post(CALLS, { name: 'x' }), 404, 'not_found');
    for (const path of [CALLS, ACCOUNTS]) {
      expectError(await tenants.as.adminA.post(path, '{"name": '), 400, 'bad_request');
    }
    expect((await tenants.as.adminA.get(CALLS)).status).toBe(200);
    expect((await tenants.as.adminA.get(ACCOUNTS)).status).toBe(200);
  });
});
