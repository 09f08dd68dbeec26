import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callIntegrationAccounts } from '../../../src/server/db/schema/index.js';
import { IntegrationAccountMonitor } from '../../../src/server/integration-accounts/account-monitor.js';
import {
  type FakeGraphApi,
  type FakeWhatsAppNumber,
  startFakeGraphApi,
} from '../../helpers/fake-graph-api.js';
import { createTenants } from '../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import {
  INTEGRATION_ACCOUNTS,
  stepStatuses,
  type TestResult,
} from '../../helpers/twilio-accounts.js';
import { createCallChatbot } from '../../helpers/widget-visitor.js';

type WhatsAppView = {
  id: string;
  accountType: string;
  status: string;
  lastError: string | null;
  config: Record<string, string>;
  credentials: Record<string, string | null>;
  webhooks: Record<string, string>;
};
type Saved = { account: WhatsAppView; test: TestResult | null };

let graph: FakeGraphApi;
let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let botId: string;

beforeAll(async () => {
  graph = await startFakeGraphApi();
  t = await startTestApp({ META_GRAPH_BASE_URL: graph.url });
  tenants = await createTenants(t, { callEnabled: true });
  botId = (await createCallChatbot(tenants.as.adminA, 'WhatsApp desk')).id;
});
afterAll(async () => {
  await t?.close();
  await graph?.close();
});

const bodyOf = (number: FakeWhatsAppNumber, overrides: Record<string, unknown> = {}) => ({
  accountType: 'whatsapp',
  name: 'WhatsApp line',
  chatbotId: botId,
  credentials: { accessToken: number.accessToken, appSecret: number.appSecret },
  config: {
    businessAccountId: number.businessAccountId,
    phoneNumberId: number.phoneNumberId,
    phoneNumber: number.phoneNumber,
  },
  ...overrides,
});

async function save(body: ReturnType<typeof bodyOf>): Promise<Saved> {
  const res = await tenants.as.adminA.post<Saved>(INTEGRATION_ACCOUNTS, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('WhatsApp integration accounts', () => {
  it('saves, verifies through the Graph API and shows the webhook URL and a generated verify token', async () => {
    const number = graph.addNumber();
    const { account, test } = await save(bodyOf(number));
    expect(test && stepStatuses(test)).toEqual({
      connect: 'passed',
      token: 'passed',
      number: 'passed',
      calling: 'passed',
    });
    expect(account).toMatchObject({
      accountType: 'whatsapp',
      status: 'active',
      lastError: null,
      config: {
        businessAccountId: number.businessAccountId,
        phoneNumberId: number.phoneNumberId,
        phoneNumber: number.phoneNumber,
      },
      credentials: { accessTokenHint: `…${number.accessToken.slice(-4)}` },
      webhooks: { callUrl: `${t.url}/api/webhooks/whatsapp/call` },
    });
    expect(account.config.verifyToken).toMatch(/^[\w-]{20,}$/);
    const read = graph.requests.find((r) => r.path.endsWith(`/${number.phoneNumberId}`));
    expect(read?.path).toMatch(/^\/v\d+\.\d+\//);
    expect(read?.headers.authorization).toBe(`Bearer ${number.accessToken}`);
  });

  it('keeps the access token and app secret sealed at rest and out of every answer', async () => {
    const number = graph.addNumber();
    const admin = tenants.as.adminA;
    const { account } = await save(bodyOf(number, {}));
    const answers = [
      await admin.get(INTEGRATION_ACCOUNTS),
      await admin.get(`${INTEGRATION_ACCOUNTS}/${account.id}`),
      await admin.patch(`${INTEGRATION_ACCOUNTS}/${account.id}`, { name: 'Renamed' }),
      await admin.post(`${INTEGRATION_ACCOUNTS}/${account.id}/test`, {}),
    ];
    for (const answer of answers) {
      expect(answer.status).toBeLessThan(300);
      const text = JSON.stringify(answer.body);
      expect(text).not.toContain(number.accessToken);
      expect(text).not.toContain(number.appSecret);
    }
    const [row] = await t.db
      .select()
      .from(callIntegrationAccounts)
      .where(eq(callIntegrationAccounts.id, account.id));
    expect(row?.credentialsEncrypted).not.toContain(number.accessToken);
    expect(row?.credentialsEncrypted).not.toContain(number.appSecret);
    expect(JSON.stringify(row?.config)).not.toContain(number.appSecret);
    expect(row?.externalAccountId).toBe(number.phoneNumberId);
  });

  it('keeps a verify token the admin chose, and marks a wrong access token inactive', async () => {
    const number = graph.addNumber();
    const { account, test } = await save(
      bodyOf(number, {
        credentials: { accessToken: 'EAAGwrong-token-1234', appSecret: number.appSecret },
        config: {
          businessAccountId: number.businessAccountId,
          phoneNumberId: number.phoneNumberId,
          phoneNumber: number.phoneNumber,
          verifyToken: 'my-own-verify-token',
        },
      }),
    );
    expect(account.config.verifyToken).toBe('my-own-verify-token');
    expect(test && stepStatuses(test)).toMatchObject({ connect: 'passed', token: 'failed' });
    expect(account.status).toBe('inactive');
    expect(account.lastError).toMatch(/HTTP 401/);
    expect(account.lastError).not.toContain('wrong-token');

    const fixed = await tenants.as.adminA.patch<Saved>(`${INTEGRATION_ACCOUNTS}/${account.id}`, {
      credentials: { accessToken: number.accessToken, appSecret: number.appSecret },
    });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body.account.status).toBe('active');
    expect(fixed.body.account.config.verifyToken).toBe('my-own-verify-token');
  });

  it('reports an unknown phone number id and a number without calling', async () => {
    const unknown = graph.addNumber();
    const res = await tenants.as.adminA.post<{ test: TestResult }>(`${INTEGRATION_ACCOUNTS}/test`, {
      accountType: 'whatsapp',
      credentials: { accessToken: unknown.accessToken, appSecret: unknown.appSecret },
      config: { phoneNumberId: '999' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(stepStatuses(res.body.test)).toMatchObject({ token: 'passed', number: 'failed' });

    const noCalling = graph.addNumber({ callingStatus: 'DISABLED' });
    const { account, test } = await save(bodyOf(noCalling));
    expect(test && stepStatuses(test)).toMatchObject({ number: 'passed', calling: 'warning' });
    expect(account.status).toBe('active');
  });

  it('is re-checked periodically: a revoked token turns it inactive, with a notification', async () => {
    const number = graph.addNumber();
    const { account } = await save(bodyOf(number));
    expect(account.status).toBe('active');
    number.accessToken = 'EAAGrevoked0000000000';
    const monitor = new IntegrationAccountMonitor({
      db: t.db,
      secretBox: t.secretBox,
      config: t.config,
      logger: pino({ level: 'silent' }),
      now: () => Date.now() + t.config.twilioRecheckIntervalMs,
    });
    await monitor.recheckDue();
    await monitor.stop();
    const after = await tenants.as.adminA.get<{ account: WhatsAppView }>(
      `${INTEGRATION_ACCOUNTS}/${account.id}`,
    );
    expect(after.body.account).toMatchObject({ status: 'inactive' });
    expect(after.body.account.lastError).toMatch(/HTTP 401/);
    const notices = await tenants.as.adminA.get<{
      notifications: Array<{ details: Record<string, string> }>;
    }>('/api/company/notifications');
    expect(
      notices.body.notifications.filter((n) => n.details.integrationAccountId === account.id),
    ).toHaveLength(1);
  });

  it('refuses a body of the wrong shape and keeps tenants apart', async () => {
    const number = graph.addNumber();
    const bad = await tenants.as.adminA.post(INTEGRATION_ACCOUNTS, {
      ...bodyOf(number),
      credentials: { accountSid: 'AC1', authToken: 'x' },
    });
    expect(bad.status).toBe(400);
    const { account } = await save(bodyOf(number));
    const other = tenants.as.adminB;
    expect((await other.get(`${INTEGRATION_ACCOUNTS}/${account.id}`)).status).toBe(404);
    expect(
      (await other.patch(`${INTEGRATION_ACCOUNTS}/${account.id}`, { name: 'Mine now' })).status,
    ).toBe(404);
    expect((await other.delete(`${INTEGRATION_ACCOUNTS}/${account.id}`)).status).toBe(404);
    const list = await other.get<{ accounts: WhatsAppView[] }>(INTEGRATION_ACCOUNTS);
    expect(list.body.accounts.map((a) => a.id)).not.toContain(account.id);
    expect((await tenants.as.adminA.delete(`${INTEGRATION_ACCOUNTS}/${account.id}`)).status).toBe(
      204,
    );
  });
});
