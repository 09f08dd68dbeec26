import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callIntegrationAccounts } from '../../../src/server/db/schema/index.js';
import { type FakeTwilioRest, startFakeTwilio } from '../../fakes/twilio-rest.js';
import { expectError, expectFieldError } from '../../helpers/expect-error.js';
import { createTenants } from '../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import {
  type AccountView,
  addFakeTwilioAccount,
  INTEGRATION_ACCOUNTS,
  nationalForm,
  phoneNumberOf,
  type SavedAccount,
  saveTwilioAccount,
  stepStatuses,
  twilioAccountBody,
  uniquePhoneNumber,
} from '../../helpers/twilio-accounts.js';
import { createCallChatbot, createChatChatbot } from '../../helpers/widget-visitor.js';

let fake: FakeTwilioRest;
let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let callBotId: string;
let voiceUrl: string;

beforeAll(async () => {
  fake = await startFakeTwilio();
  t = await startTestApp({ TWILIO_API_BASE_URL: fake.url });
  tenants = await createTenants(t, { callEnabled: true });
  callBotId = (await createCallChatbot(tenants.as.adminA, 'Phone desk')).id;
  voiceUrl = `${t.url}/api/webhooks/twilio/voice`;
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

const rawRow = async (id: string) => {
  const [row] = await t.db
    .select()
    .from(callIntegrationAccounts)
    .where(eq(callIntegrationAccounts.id, id));
  if (!row) throw new Error(`no row ${id}`);
  return row;
};

const list = async () => {
  const res = await tenants.as.adminA.get<{ accounts: AccountView[] }>(INTEGRATION_ACCOUNTS);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.accounts;
};

describe('saving a Twilio account', () => {
  it('stores the number as E.164, tests the account and shows it with a token hint only', async () => {
    const twilio = addFakeTwilioAccount(fake, voiceUrl);
    const e164 = phoneNumberOf(twilio);
    const { account, test } = await saveTwilioAccount(
      tenants.as.adminA,
      twilioAccountBody(twilio, callBotId, {
        name: 'Front desk line',
        description: 'Calls from the website',
        config: { phoneNumber: nationalForm(e164) },
      }),
    );

    expect(test.ok).toBe(true);
    expect(stepStatuses(test)).toEqual({
      connect: 'passed',
      account: 'passed',
      token: 'passed',
      number: 'passed',
      voiceUrl: 'passed',
    });
    expect(test.steps.map((s) => s.label)).toEqual([
      'Connected to Twilio',
      'Account SID verified',
      'Auth token validated',
      'Phone number found',
      'Voice URL points at Buzzi',
    ]);
    expect(account).toMatchObject({
      accountType: 'twilio',
      name: 'Front desk line',
      description: 'Calls from the website',
      chatbotId: callBotId,
      chatbotName: 'Phone desk',
      config: { phoneNumber: e164 },
      credentials: { accountSid: twilio.sid, authTokenHint: `…${twilio.authToken.slice(-4)}` },
      status: 'active',
      lastError: null,
      webhooks: {
        voiceUrl,
        statusCallbackUrl: `${t.url}/api/webhooks/twilio/status`,
        mediaStreamUrl: `${t.url.replace('http', 'ws')}/api/webhooks/twilio/media`,
      },
    });
    expect(Date.now() - Date.parse(account.lastVerifiedAt ?? '')).toBeLessThan(60_000);

    const one = await tenants.as.adminA.get<{ account: AccountView }>(
      `${INTEGRATION_ACCOUNTS}/${account.id}`,
    );
    expect(one.body.account).toEqual(account);
    expect((await list()).map((a) => a.id)).toContain(account.id);
  });

  it('keeps the auth token sealed at rest and out of every answer', async () => {
    const twilio = addFakeTwilioAccount(fake, voiceUrl);
    const admin = tenants.as.adminA;
    const saved = await admin.post<SavedAccount>(
      INTEGRATION_ACCOUNTS,
      twilioAccountBody(twilio, callBotId),
    );
    const id = saved.body.account.id;
    const answers = [
      saved,
      await admin.get(INTEGRATION_ACCOUNTS),
      await admin.get(`${INTEGRATION_ACCOUNTS}/${id}`),
      await admin.patch(`${INTEGRATION_ACCOUNTS}/${id}`, { name: 'Renamed line' }),
      await admin.post(`${INTEGRATION_ACCOUNTS}/${id}/test`, {}),
      await admin.post(`${INTEGRATION_ACCOUNTS}/test`, {
        id,
        accountType: 'twilio',
        config: { phoneNumber: phoneNumberOf(twilio) },
      }),
    ];
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
      expect(JSON.stringify(answer.body)).not.toContain(twilio.authToken);
    }

    const row = await rawRow(id);
    expect(JSON.stringify(row)).not.toContain(twilio.authToken);
    expect(row).toMatchObject({
      externalAccountId: twilio.sid,
      phoneNumber: phoneNumberOf(twilio),
      credentialsHint: `…${twilio.authToken.slice(-4)}`,
    });
    // Sealed with the server's key, and opening to exactly what was entered.
    expect(t.secretBox.openJson(row.credentialsEncrypted)).toEqual({
      accountSid: twilio.sid,
      authToken: twilio.authToken,
    });
  });
});

describe('editing an account', () => {
  it('keeps the saved credentials when a PATCH leaves them out, and does not re-test', async () => {
    const twilio = addFakeTwilioAccount(fake, voiceUrl);
    const admin = tenants.as.adminA;
    const { account } = await saveTwilioAccount(admin, twilioAccountBody(twilio, callBotId));
    const sealedBefore = (await rawRow(account.id)).credentialsEncrypted;
    const requestsBefore = fake.requests.length;

    const patched = await admin.patch<SavedAccount>(`${INTEGRATION_ACCOUNTS}/${account.id}`, {
      name: 'Evening line',
      description: 'After hours',
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.test).toBeNull();
    expect(patched.body.account).toMatchObject({
      name: 'Evening line',
      description: 'After hours',
      credentials: account.credentials,
      status: 'active',
    });
    expect(fake.requests.length).toBe(requestsBefore);
    expect((await rawRow(account.id)).credentialsEncrypted).toBe(sealedBefore);

    const retested = await admin.post<SavedAccount>(
      `${INTEGRATION_ACCOUNTS}/${account.id}/test`,
      {},
    );
    expect(retested.body.test?.ok, JSON.stringify(retested.body)).toBe(true);
    expect(fake.requests.at(-2)?.auth).toEqual({
      username: twilio.sid,
      password: twilio.authToken,
    });
  });

  it('tests new credentials at once and stores them', async () => {
    const twilio = addFakeTwilioAccount(fake, voiceUrl);
    const admin = tenants.as.adminA;
    const { account } = await saveTwilioAccount(admin, twilioAccountBody(twilio, callBotId));
    const oldToken = twilio.authToken;
    twilio.authToken = `${'f'.repeat(28)}b0b0`;

    const stale = await admin.post<SavedAccount>(`${INTEGRATION_ACCOUNTS}/${account.id}/test`, {});
    expect(stale.body.account.status).toBe('inactive');

    const patched = await admin.patch<SavedAccount>(`${INTEGRATION_ACCOUNTS}/${account.id}`, {
      credentials: { accountSid: twilio.sid, authToken: twilio.authToken },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.test?.ok).toBe(true);
    expect(patched.body.account).toMatchObject({
      status: 'active',
      lastError: null,
      credentials: { accountSid: twilio.sid, authTokenHint: '…b0b0' },
    });
    const sealed = (await rawRow(account.id)).credentialsEncrypted;
    expect(t.secretBox.openJson(sealed)).toEqual({
      accountSid: twilio.sid,
      authToken: twilio.authToken,
    });
    expect(JSON.stringify(patched.body)).not.toContain(oldToken);
  });

  it('tests a new phone number at once', async () => {
    const twilio = addFakeTwilioAccount(fake, voiceUrl);
    const admin = tenants.as.adminA;
    const { account } = await saveTwilioAccount(admin, twilioAccountBody(twilio, callBotId));
    const elsewhere = uniquePhoneNumber();

    const patched = await admin.patch<SavedAccount>(`${INTEGRATION_ACCOUNTS}/${account.id}`, {
      config: { phoneNumber: `00${elsewhere.slice(1)}` },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.account).toMatchObject({
      config: { phoneNumber: elsewhere },
      status: 'inactive',
    });
    expect(patched.body.test && stepStatuses(patched.body.test).number).toBe('failed');
  });

  it('deletes an account', async () => {
    const twilio = addFakeTwilioAccount(fake, voiceUrl);
    const admin = tenants.as.adminA;
    const { account } = await saveTwilioAccount(admin, twilioAccountBody(twilio, callBotId));
    expect((await admin.delete(`${INTEGRATION_ACCOUNTS}/${account.id}`)).status).toBe(204);
    expectError(await admin.get(`${INTEGRATION_ACCOUNTS}/${account.id}`), 404, 'not_found');
    expect((await list()).map((a) => a.id)).not.toContain(account.id);
    expectError(await admin.delete(`${INTEGRATION_ACCOUNTS}/${account.id}`), 404, 'not_found');
    // The number is free again.
    await saveTwilioAccount(admin, twilioAccountBody(twilio, callBotId));
  });
});

describe('what a save refuses', () => {
  it('refuses a number another account already answers, in any company and any notation', async () => {
    const twilio = addFakeTwilioAccount(fake, voiceUrl);
    await saveTwilioAccount(tenants.as.adminA, twilioAccountBody(twilio, callBotId));
    const botB = await createCallChatbot(tenants.as.adminB, 'Beta phone');
    const before = await list();

    const taken = await tenants.as.adminB.post(
      INTEGRATION_ACCOUNTS,
      twilioAccountBody(twilio, botB.id, {
        config: { phoneNumber: `00${phoneNumberOf(twilio).slice(1)}` },
      }),
    );
    expectError(taken, 409, 'conflict');
    expect(JSON.stringify(taken.body)).not.toContain('Alpha');

    const other = addFakeTwilioAccount(fake, voiceUrl);
    const { account } = await saveTwilioAccount(
      tenants.as.adminA,
      twilioAccountBody(other, callBotId),
    );
    const moved = await tenants.as.adminA.patch(`${INTEGRATION_ACCOUNTS}/${account.id}`, {
      config: { phoneNumber: phoneNumberOf(twilio) },
    });
    expectError(moved, 409, 'conflict');
    expect((await list()).length).toBe(before.length + 1);
  });

  it('accepts common international forms and refuses anything else, naming the field', async () => {
    const twilio = addFakeTwilioAccount(fake, voiceUrl);
    const before = await list();
    for (const phoneNumber of [
      phoneNumberOf(twilio).slice(2),
      '555 123 4567',
      'call +1 555 123 4567',
      '+1 555 CALL NOW',
      '+1',
    ]) {
      const res = await tenants.as.adminA.post(
        INTEGRATION_ACCOUNTS,
        twilioAccountBody(twilio, callBotId, { config: { phoneNumber } }),
      );
      expectFieldError(res, 'config.phoneNumber');
    }
    expect(await list()).toEqual(before);
    const dotted = phoneNumberOf(twilio).replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '+1.$1.$2.$3');
    const { account } = await saveTwilioAccount(
      tenants.as.adminA,
      twilioAccountBody(twilio, callBotId, { config: { phoneNumber: dotted } }),
    );
    expect(account.config.phoneNumber).toBe(phoneNumberOf(twilio));
  });

  it('needs a call chatbot of the same company', async () => {
    const twilio = addFakeTwilioAccount(fake, voiceUrl);
    const chatBot = await createChatChatbot(tenants.as.adminA);
    expectFieldError(
      await tenants.as.adminA.post(INTEGRATION_ACCOUNTS, twilioAccountBody(twilio, chatBot.id)),
      'chatbotId',
    );
    const botB = await createCallChatbot(tenants.as.adminB, 'Beta desk');
    expectError(
      await tenants.as.adminA.post(INTEGRATION_ACCOUNTS, twilioAccountBody(twilio, botB.id)),
      404,
      'not_found',
    );
    expectFieldError(
      await tenants.as.adminA.post(INTEGRATION_ACCOUNTS, {
        ...twilioAccountBody(twilio, callBotId),
        credentials: { accountSid: twilio.sid },
      }),
      'credentials.authToken',
    );
  });
});

describe('who may use the routes', () => {
  it("answers 404 for another company's account and leaves it unchanged", async () => {
    const twilio = addFakeTwilioAccount(fake, voiceUrl);
    const { account } = await saveTwilioAccount(
      tenants.as.adminA,
      twilioAccountBody(twilio, callBotId),
    );
    const path = `${INTEGRATION_ACCOUNTS}/${account.id}`;
    const b = tenants.as.adminB;
    expectError(await b.get(path), 404, 'not_found');
    expectError(await b.patch(path, { name: 'Taken over' }), 404, 'not_found');
    expectError(await b.post(`${path}/test`, {}), 404, 'not_found');
    expectError(
      await b.post(`${INTEGRATION_ACCOUNTS}/test`, {
        id: account.id,
        accountType: 'twilio',
        config: { phoneNumber: phoneNumberOf(twilio) },
      }),
      404,
      'not_found',
    );
    expectError(await b.delete(path), 404, 'not_found');
    const listB = await b.get<{ accounts: AccountView[] }>(INTEGRATION_ACCOUNTS);
    expect(listB.body.accounts.map((a) => a.id)).not.toContain(account.id);

    const after = await tenants.as.adminA.get<{ account: AccountView }>(path);
    expect(after.body.account).toMatchObject({ name: account.name, status: 'active' });
  });

  it('refuses support agents, and everyone while the Call Feature is off', async () => {
    const twilio = addFakeTwilioAccount(fake, voiceUrl);
    const { account } = await saveTwilioAccount(
      tenants.as.adminA,
      twilioAccountBody(twilio, callBotId),
    );
    const path = `${INTEGRATION_ACCOUNTS}/${account.id}`;
    const body = twilioAccountBody(twilio, callBotId);
    const attempts = (client: typeof tenants.as.agentA) => [
      () => client.get(INTEGRATION_ACCOUNTS),
      () => client.post(INTEGRATION_ACCOUNTS, body),
      () => client.post(`${INTEGRATION_ACCOUNTS}/test`, body),
      () => client.get(path),
      () => client.patch(path, { name: 'Agent line' }),
      () => client.post(`${path}/test`, {}),
      () => client.delete(path),
    ];
    for (const attempt of attempts(tenants.as.agentA)) {
      expectError(await attempt(), 403, 'forbidden');
    }
    const settings = `/api/master/companies/${tenants.companyA.id}/settings`;
    const off = await tenants.as.master.patch(settings, { features: { callEnabled: false } });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    try {
      for (const attempt of attempts(tenants.as.adminA)) {
        expectError(await attempt(), 403, 'call_feature_disabled');
      }
    } finally {
      await tenants.as.master.patch(settings, { features: { callEnabled: true } });
    }
    const after = await tenants.as.adminA.get<{ account: AccountView }>(path);
    expect(after.body.account.name).toBe(account.name);
  });
});
