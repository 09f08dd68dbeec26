import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrationAccountMonitor } from '../../../src/server/integration-accounts/account-monitor.js';
import type { FakeTwilioAccount, FakeTwilioRest } from '../../fakes/twilio-rest.js';
import { startFakeTwilio } from '../../fakes/twilio-rest.js';
import type { ApiClient } from '../../helpers/api-client.js';
import { createTenants } from '../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import {
  type AccountView,
  addFakeTwilioAccount,
  INTEGRATION_ACCOUNTS,
  saveTwilioAccount,
  twilioAccountBody,
} from '../../helpers/twilio-accounts.js';
import { createCallChatbot } from '../../helpers/widget-visitor.js';

const MINUTE_MS = 60_000;

let fake: FakeTwilioRest;
let t: TestApp;
let admin: ApiClient;
let callBotId: string;
let voiceUrl: string;

beforeAll(async () => {
  fake = await startFakeTwilio();
  t = await startTestApp({ TWILIO_API_BASE_URL: fake.url });
  admin = (await createTenants(t, { callEnabled: true })).as.adminA;
  callBotId = (await createCallChatbot(admin, 'Phone desk')).id;
  voiceUrl = `${t.url}/api/webhooks/twilio/voice`;
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

/** A monitor on the test app's database whose clock a test moves forward. */
function monitorAt(offsetMs: { value: number }, config = t.config) {
  return new IntegrationAccountMonitor({
    db: t.db,
    secretBox: t.secretBox,
    config,
    logger: pino({ level: 'silent' }),
    now: () => Date.now() + offsetMs.value,
  });
}

async function savedActive(twilio: FakeTwilioAccount): Promise<AccountView> {
  const { account } = await saveTwilioAccount(admin, twilioAccountBody(twilio, callBotId));
  expect(account.status).toBe('active');
  return account;
}

const readAccount = async (id: string, client = admin) =>
  (await client.get<{ account: AccountView }>(`${INTEGRATION_ACCOUNTS}/${id}`)).body.account;

/** Requests the fake received for this Twilio account since `from`. */
const requestsFor = (twilio: FakeTwilioAccount, from = 0) =>
  fake.requests.slice(from).filter((r) => r.path.includes(twilio.sid));

const inactiveNotices = async (id: string, client = admin) =>
  (
    await client.get<{ notifications: Array<{ body: string; details: Record<string, string> }> }>(
      '/api/company/notifications',
    )
  ).body.notifications.filter((n) => n.details.integrationAccountId === id);

describe('the periodic re-check', () => {
  it('marks an account whose token stopped working inactive, with a notification', async () => {
    const good = addFakeTwilioAccount(fake, voiceUrl);
    const broken = addFakeTwilioAccount(fake, voiceUrl);
    const goodAccount = await savedActive(good);
    const brokenAccount = await savedActive(broken);
    broken.authToken = 'e'.repeat(32);
    const clock = { value: 0 };
    const monitor = monitorAt(clock);

    // Just verified by the save: not due yet.
    const sent = fake.requests.length;
    await monitor.recheckDue();
    expect(requestsFor(good, sent)).toEqual([]);
    expect(requestsFor(broken, sent)).toEqual([]);

    clock.value = t.config.twilioRecheckIntervalMs;
    await monitor.recheckDue();
    const brokenNow = await readAccount(brokenAccount.id);
    expect(brokenNow.status).toBe('inactive');
    expect(brokenNow.lastError).toContain('20003');
    const goodNow = await readAccount(goodAccount.id);
    expect(goodNow).toMatchObject({ status: 'active', lastError: null });
    expect(Date.parse(goodNow.lastVerifiedAt ?? '')).toBeGreaterThan(
      Date.parse(goodAccount.lastVerifiedAt ?? ''),
    );
    expect(await inactiveNotices(brokenAccount.id)).toEqual([
      expect.objectContaining({
        body: `${brokenAccount.name}: ${brokenNow.lastError}. Calls through this integration are currently unavailable.`,
      }),
    ]);
    expect(await inactiveNotices(goodAccount.id)).toEqual([]);

    // Inactive accounts wait for an admin's fix; they are not re-checked.
    const before = fake.requests.length;
    clock.value *= 2;
    await monitor.recheckDue();
    expect(requestsFor(broken, before)).toEqual([]);
  });

  it('keeps the status when Twilio cannot be reached at all', async () => {
    const twilio = addFakeTwilioAccount(fake, voiceUrl);
    const account = await savedActive(twilio);
    const unreachable = {
      ...t.config,
      providers: { ...t.config.providers, twilioApiBaseUrl: 'http://127.0.0.1:1' },
    };
    await monitorAt({ value: t.config.twilioRecheckIntervalMs }, unreachable).recheckDue();
    expect(await readAccount(account.id)).toMatchObject({
      status: 'active',
      lastError: null,
      lastVerifiedAt: account.lastVerifiedAt,
    });
  });

  it('runs on its own in the server, every TWILIO_RECHECK_INTERVAL_MS', async () => {
    const app = await startTestApp({
      TWILIO_API_BASE_URL: fake.url,
      TWILIO_RECHECK_INTERVAL_MS: '1000',
    });
    try {
      const ownAdmin = (await createTenants(app, { callEnabled: true })).as.adminA;
      const bot = await createCallChatbot(ownAdmin, 'Night desk');
      const twilio = addFakeTwilioAccount(fake, `${app.url}/api/webhooks/twilio/voice`);
      const { account } = await saveTwilioAccount(ownAdmin, twilioAccountBody(twilio, bot.id));
      expect(account.status).toBe('active');
      twilio.authToken = 'f'.repeat(32);
      await expect
        .poll(async () => (await readAccount(account.id, ownAdmin)).status, { timeout: 10_000 })
        .toBe('inactive');
      expect(await inactiveNotices(account.id, ownAdmin)).toHaveLength(1);
    } finally {
      await app.close();
    }
  }, 30_000);
});

describe('webhooks with bad signatures', () => {
  it('change nothing below five in ten minutes, and re-check the account at the fifth', async () => {
    const twilio = addFakeTwilioAccount(fake, voiceUrl);
    const account = await savedActive(twilio);
    twilio.authToken = '9'.repeat(32);
    const clock = { value: 0 };
    const monitor = monitorAt(clock);
    const sent = fake.requests.length;

    for (let i = 0; i < 4; i++) await monitor.reportBadSignature(account.id);
    // Reports older than ten minutes no longer count.
    clock.value += 11 * MINUTE_MS;
    for (let i = 0; i < 4; i++) await monitor.reportBadSignature(account.id);
    expect(requestsFor(twilio, sent)).toEqual([]);
    expect(await readAccount(account.id)).toMatchObject({ status: 'active', lastError: null });

    await monitor.reportBadSignature(account.id);
    expect(requestsFor(twilio, sent).length).toBeGreaterThan(0);
    const after = await readAccount(account.id);
    expect(after.status).toBe('inactive');
    expect(after.lastError).toContain('20003');
  });

  it('leave an account whose credentials still work active, re-checked at most every ten minutes', async () => {
    const twilio = addFakeTwilioAccount(fake, voiceUrl);
    const account = await savedActive(twilio);
    const clock = { value: 0 };
    const monitor = monitorAt(clock);
    const report = async (times: number) => {
      for (let i = 0; i < times; i++) await monitor.reportBadSignature(account.id);
    };

    let sent = fake.requests.length;
    await report(5);
    expect(requestsFor(twilio, sent).length).toBeGreaterThan(0);
    expect(await readAccount(account.id)).toMatchObject({ status: 'active', lastError: null });

    // A flood of forgeries costs Twilio one check per ten minutes.
    sent = fake.requests.length;
    await report(20);
    expect(requestsFor(twilio, sent)).toEqual([]);
    clock.value += 10 * MINUTE_MS;
    await report(5);
    expect(requestsFor(twilio, sent).length).toBeGreaterThan(0);
    expect((await readAccount(account.id)).status).toBe('active');
  });
});
