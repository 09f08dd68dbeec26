import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrationAccountMonitor } from '../../../src/server/integration-accounts/account-monitor.js';
import { twilioClient } from '../../../src/server/integration-accounts/twilio-client.js';
import { createLogger } from '../../../src/server/logger.js';
import { type FakeTwilioRest, startFakeTwilio } from '../../fakes/twilio-rest.js';
import { createTenants } from '../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import {
  addFakeTwilioAccount,
  INTEGRATION_ACCOUNTS,
  phoneNumberOf,
  saveTwilioAccount,
  twilioAccountBody,
} from '../../helpers/twilio-accounts.js';
import { createCallChatbot } from '../../helpers/widget-visitor.js';

let fake: FakeTwilioRest;
let t: TestApp;
let logged = '';
const output = new PassThrough();
output.on('data', (chunk: Buffer) => {
  logged += chunk.toString();
});
const logger = createLogger('debug', false, output);

beforeAll(async () => {
  fake = await startFakeTwilio();
  t = await startTestApp({ TWILIO_API_BASE_URL: fake.url }, { logger });
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

/** What an auth token looks like inside an HTTP Basic header. */
const basicAuth = (sid: string, token: string) => Buffer.from(`${sid}:${token}`).toString('base64');

describe('secrets in logs', () => {
  it('a debug log of saving, editing, testing and re-checking accounts holds no auth token', async () => {
    const admin = (await createTenants(t, { callEnabled: true })).as.adminA;
    const bot = await createCallChatbot(admin, 'Phone desk');
    const twilio = addFakeTwilioAccount(fake, `${t.url}/api/webhooks/twilio/voice`);
    const tokens = [twilio.authToken];

    const { account } = await saveTwilioAccount(admin, twilioAccountBody(twilio, bot.id));
    const wrongToken = '0123456789abcdef'.repeat(2);
    tokens.push(wrongToken);
    const unsaved = await admin.post(`${INTEGRATION_ACCOUNTS}/test`, {
      accountType: 'twilio',
      credentials: { accountSid: twilio.sid, authToken: wrongToken },
      config: { phoneNumber: phoneNumberOf(twilio) },
    });
    expect(unsaved.status).toBe(200);
    twilio.authToken = 'fedcba9876543210'.repeat(2);
    tokens.push(twilio.authToken);
    const patched = await admin.patch(`${INTEGRATION_ACCOUNTS}/${account.id}`, {
      credentials: { accountSid: twilio.sid, authToken: twilio.authToken },
    });
    expect(patched.status).toBe(200);

    // Rotated again behind Buzzi's back: the re-check fails and says so in the log.
    twilio.authToken = '00112233445566778899aabbccddeeff';
    tokens.push(twilio.authToken);
    const monitor = new IntegrationAccountMonitor({
      db: t.db,
      secretBox: t.secretBox,
      config: t.config,
      logger,
    });
    for (let i = 0; i < 5; i++) await monitor.reportBadSignature(account.id);
    const after = await admin.get<{ account: { status: string } }>(
      `${INTEGRATION_ACCOUNTS}/${account.id}`,
    );
    expect(after.body.account.status).toBe('inactive');
    await new Promise((resolve) => setImmediate(resolve));

    // Any Twilio call failing on the network, logged as a failed request is.
    const unreachable = {
      providers: { ...t.config.providers, twilioApiBaseUrl: 'http://127.0.0.1:1' },
    };
    const failure = await twilioClient(unreachable, {
      accountSid: twilio.sid,
      authToken: twilio.authToken,
    })
      .calls.create({
        to: '+15550100000',
        from: phoneNumberOf(twilio),
        url: 'https://example.test/',
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    logger.error({ err: failure }, 'request failed');
    await new Promise((resolve) => setImmediate(resolve));

    expect(logged).toContain('integration account marked inactive');
    expect(logged).toContain('ECONNREFUSED');
    expect(logged).toContain(INTEGRATION_ACCOUNTS);
    for (const token of tokens) {
      expect(logged).not.toContain(token);
      expect(logged).not.toContain(basicAuth(twilio.sid, token));
    }
  });
});
