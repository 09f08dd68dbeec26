import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twilioWebhookUrls } from '../../../src/server/integration-accounts/webhook-urls.js';
import { type FakeTwilioRest, startFakeTwilio } from '../../fakes/twilio-rest.js';
import { expectFieldError, expectServerStillServes } from '../../helpers/expect-error.js';
import { createTenants } from '../../helpers/fixtures.js';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import {
  type AccountView,
  addFakeTwilioAccount,
  INTEGRATION_ACCOUNTS,
  phoneNumberOf,
  type SavedAccount,
  saveTwilioAccount,
  stepOf,
  stepStatuses,
  type TestResult,
  twilioAccountBody,
  uniquePhoneNumber,
} from '../../helpers/twilio-accounts.js';
import { createCallChatbot } from '../../helpers/widget-visitor.js';

const PUBLIC_URL = 'http://buzzi.example.test';
const VOICE_URL = `${PUBLIC_URL}/api/webhooks/twilio/voice`;

let fake: FakeTwilioRest;
/** Between the server and the fake, so a test can take Twilio away. */
let proxy: TcpProxy;
let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let callBotId: string;

beforeAll(async () => {
  fake = await startFakeTwilio();
  proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(fake.url).port) });
  t = await startTestApp({ TWILIO_API_BASE_URL: proxy.url(fake.url), PUBLIC_URL });
  tenants = await createTenants(t, { callEnabled: true });
  callBotId = (await createCallChatbot(tenants.as.adminA, 'Phone desk')).id;
});
afterAll(async () => {
  await t?.close();
  await proxy?.close();
  await fake?.close();
});

type Notification = { kind: string; title: string; body: string; details: Record<string, string> };

const notificationsOf = async () => {
  const res = await tenants.as.adminA.get<{ notifications: Notification[] }>(
    '/api/company/notifications',
  );
  return res.body.notifications.filter((n) => n.kind === 'integration_inactive');
};

const retest = async (id: string) => {
  const res = await tenants.as.adminA.post<SavedAccount>(`${INTEGRATION_ACCOUNTS}/${id}/test`, {});
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { account: AccountView; test: TestResult };
};

/** Saves an account (which tests it), expecting it to fail at `failedAt`; returns both. */
async function saveFailing(body: ReturnType<typeof twilioAccountBody>, failedAt: string) {
  const saved = await saveTwilioAccount(tenants.as.adminA, body);
  const failed = stepOf(saved.test, failedAt);
  expect(failed.status, JSON.stringify(saved.test)).toBe('failed');
  expect(saved.test.ok).toBe(false);
  expect(saved.account).toMatchObject({ status: 'inactive', lastError: failed.detail });
  expect(saved.account.lastVerifiedAt).not.toBeNull();
  const index = saved.test.steps.indexOf(failed);
  expect(saved.test.steps.slice(index + 1).map((s) => s.status)).toEqual(
    saved.test.steps.slice(index + 1).map(() => 'skipped'),
  );
  return saved;
}

describe('a connection test', () => {
  it('passes every step for a working account whose number points at PUBLIC_URL', async () => {
    const twilio = addFakeTwilioAccount(fake, VOICE_URL);
    const { account, test } = await saveTwilioAccount(
      tenants.as.adminA,
      twilioAccountBody(twilio, callBotId),
    );
    expect(test).toMatchObject({ ok: true, voiceUrl: { current: VOICE_URL, expected: VOICE_URL } });
    expect(account.webhooks).toEqual({
      voiceUrl: VOICE_URL,
      statusCallbackUrl: `${PUBLIC_URL}/api/webhooks/twilio/status`,
      mediaStreamUrl: 'ws://buzzi.example.test/api/webhooks/twilio/media',
    });
    // Behind TLS, as Twilio requires, the media stream is wss.
    expect(twilioWebhookUrls('https://buzzi.example.com/').mediaStreamUrl).toBe(
      'wss://buzzi.example.com/api/webhooks/twilio/media',
    );
    const numberLookup = fake.requests.find(
      (r) => r.path === `/2010-04-01/Accounts/${twilio.sid}/IncomingPhoneNumbers.json`,
    );
    expect(numberLookup?.query.get('PhoneNumber')).toBe(phoneNumberOf(twilio));
  });

  it('fails at "Connected to Twilio" when nothing answers', async () => {
    const twilio = addFakeTwilioAccount(fake, VOICE_URL);
    await proxy.cut();
    try {
      const { test } = await saveFailing(twilioAccountBody(twilio, callBotId), 'connect');
      expect(stepOf(test, 'connect').detail).toMatch(/Could not reach Twilio .*refused/);
    } finally {
      await proxy.restore();
    }
    await expectServerStillServes(tenants.as.adminA);
  });

  it('fails at "Account SID verified" for a malformed SID, without sending the token', async () => {
    const twilio = addFakeTwilioAccount(fake, VOICE_URL);
    const sent = fake.requests.length;
    const { test } = await saveFailing(
      twilioAccountBody(twilio, callBotId, {
        credentials: { accountSid: `SK${twilio.sid.slice(2)}`, authToken: twilio.authToken },
      }),
      'account',
    );
    expect(stepOf(test, 'connect').status).toBe('passed');
    expect(stepOf(test, 'account').detail).toMatch(/AC followed by 32/);
    expect(fake.requests.slice(sent).every((r) => r.auth === null)).toBe(true);
  });

  it('fails at "Auth token validated" when Twilio answers 401', async () => {
    const twilio = addFakeTwilioAccount(fake, VOICE_URL);
    const { test } = await saveFailing(
      twilioAccountBody(twilio, callBotId, {
        credentials: { accountSid: twilio.sid, authToken: 'a'.repeat(32) },
      }),
      'token',
    );
    expect(stepStatuses(test)).toMatchObject({ connect: 'passed', account: 'passed' });
    expect(stepOf(test, 'token').detail).toContain('20003');
  });

  it('fails at "Account SID verified" for a suspended or closed account', async () => {
    for (const status of ['suspended', 'closed'] as const) {
      const twilio = addFakeTwilioAccount(fake, VOICE_URL);
      twilio.status = status;
      const { test } = await saveFailing(twilioAccountBody(twilio, callBotId), 'account');
      expect(stepOf(test, 'account').detail).toContain(`is ${status}`);
    }
  });

  it('fails at "Phone number found" for a number the account does not have', async () => {
    const twilio = addFakeTwilioAccount(fake, VOICE_URL);
    const { test } = await saveFailing(
      twilioAccountBody(twilio, callBotId, { config: { phoneNumber: uniquePhoneNumber() } }),
      'number',
    );
    expect(stepStatuses(test)).toMatchObject({ account: 'passed', token: 'passed' });
    expect(test.voiceUrl).toBeNull();
  });

  it('warns, and still passes, when the number sends its calls elsewhere', async () => {
    const elsewhere = 'https://old-ivr.example.net/answer';
    for (const [voiceUrl, method, shown] of [
      [elsewhere, 'POST', elsewhere],
      [null, 'POST', null],
      [VOICE_URL, 'GET', VOICE_URL],
    ] as const) {
      const twilio = addFakeTwilioAccount(fake, voiceUrl);
      const number = twilio.numbers[0];
      if (number) number.voiceMethod = method;
      const { account, test } = await saveTwilioAccount(
        tenants.as.adminA,
        twilioAccountBody(twilio, callBotId),
      );
      expect(test.ok).toBe(true);
      expect(account).toMatchObject({ status: 'active', lastError: null });
      const step = stepOf(test, 'voiceUrl');
      expect(step.status).toBe('warning');
      expect(step.detail).toContain(VOICE_URL);
      expect(step.detail).toContain('HTTP POST');
      expect(test.voiceUrl).toEqual({ current: shown, expected: VOICE_URL });
    }
  });
});

describe('the stored status', () => {
  it('turns inactive with the reason and a notification, and active again once fixed', async () => {
    const twilio = addFakeTwilioAccount(fake, VOICE_URL);
    const { account } = await saveTwilioAccount(
      tenants.as.adminA,
      twilioAccountBody(twilio, callBotId, { name: 'Night line' }),
    );
    expect(account.status).toBe('active');
    const token = twilio.authToken;
    twilio.authToken = 'c'.repeat(32);

    const broken = await retest(account.id);
    const reason = stepOf(broken.test, 'token').detail ?? '';
    expect(broken.account).toMatchObject({ status: 'inactive', lastError: reason });
    expect(Date.parse(broken.account.lastVerifiedAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(account.lastVerifiedAt ?? ''),
    );
    const listed = await tenants.as.adminA.get<{ accounts: AccountView[] }>(INTEGRATION_ACCOUNTS);
    expect(listed.body.accounts.find((a) => a.id === account.id)).toMatchObject({
      status: 'inactive',
      lastError: reason,
    });
    const notices = (await notificationsOf()).filter(
      (n) => n.details.integrationAccountId === account.id,
    );
    expect(notices).toEqual([
      expect.objectContaining({
        title: 'Integration Account Error',
        body: `Night line: ${reason}. Calls through this integration are currently unavailable.`,
      }),
    ]);

    twilio.authToken = token;
    const fixed = await retest(account.id);
    expect(fixed.test.ok).toBe(true);
    expect(fixed.account).toMatchObject({ status: 'active', lastError: null });
  });
});

describe('testing unsaved form values', () => {
  it('tests what the form holds and saves nothing', async () => {
    const twilio = addFakeTwilioAccount(fake, VOICE_URL);
    const before = await tenants.as.adminA.get(INTEGRATION_ACCOUNTS);
    const body = twilioAccountBody(twilio, callBotId);
    const res = await tenants.as.adminA.post<{ test: TestResult }>(
      `${INTEGRATION_ACCOUNTS}/test`,
      body,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.test.ok).toBe(true);
    expect(stepOf(res.body.test, 'voiceUrl').status).toBe('passed');

    const wrong = await tenants.as.adminA.post<{ test: TestResult }>(
      `${INTEGRATION_ACCOUNTS}/test`,
      { ...body, credentials: { accountSid: twilio.sid, authToken: 'd'.repeat(32) } },
    );
    expect(stepOf(wrong.body.test, 'token').status).toBe('failed');
    expect((await tenants.as.adminA.get(INTEGRATION_ACCOUNTS)).body).toEqual(before.body);
  });

  it("uses a saved account's credentials when the edit form leaves them out", async () => {
    const twilio = addFakeTwilioAccount(fake, VOICE_URL);
    const { account } = await saveTwilioAccount(
      tenants.as.adminA,
      twilioAccountBody(twilio, callBotId),
    );
    const other = addFakeTwilioAccount(fake, VOICE_URL);
    const formWithoutCredentials = { id: account.id, accountType: 'twilio', name: 'Edited' };

    const sameNumber = await tenants.as.adminA.post<{ test: TestResult }>(
      `${INTEGRATION_ACCOUNTS}/test`,
      { ...formWithoutCredentials, config: { phoneNumber: phoneNumberOf(twilio) } },
    );
    expect(sameNumber.body.test?.ok, JSON.stringify(sameNumber.body)).toBe(true);
    // The saved credentials do not own the other account's number.
    const otherNumber = await tenants.as.adminA.post<{ test: TestResult }>(
      `${INTEGRATION_ACCOUNTS}/test`,
      { ...formWithoutCredentials, config: { phoneNumber: phoneNumberOf(other) } },
    );
    expect(stepOf(otherNumber.body.test, 'number').status).toBe('failed');
    // An unsaved test leaves the saved status alone.
    const after = await tenants.as.adminA.get<{ account: AccountView }>(
      `${INTEGRATION_ACCOUNTS}/${account.id}`,
    );
    expect(after.body.account).toMatchObject({ status: 'active', name: account.name });

    expectFieldError(
      await tenants.as.adminA.post(`${INTEGRATION_ACCOUNTS}/test`, {
        accountType: 'twilio',
        config: { phoneNumber: phoneNumberOf(twilio) },
      }),
      'credentials',
    );
  });
});
