import { PassThrough } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callIntegrationAccounts } from '../../../src/server/db/schema/index.js';
import { createLogger } from '../../../src/server/logger.js';
import { metaSignatureOf } from '../../../src/server/voice/transports/whatsapp/webhook-signature.js';
import { type FakeGraphApi, startFakeGraphApi } from '../../helpers/fake-graph-api.js';
import { createTenants } from '../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { INTEGRATION_ACCOUNTS } from '../../helpers/twilio-accounts.js';
import { createCallChatbot } from '../../helpers/widget-visitor.js';
import {
  CALLER_NAME,
  CALLER_WA_ID,
  callsPayload,
  connectEvent,
  connectWhatsAppNumber,
  newCallId,
  postWebhook,
  WEBHOOK_PATH,
} from './whatsapp-world.js';

let graph: FakeGraphApi;
let t: TestApp;
let logged = '';
const output = new PassThrough();
output.on('data', (chunk: Buffer) => {
  logged += chunk.toString();
});
const logger = createLogger('debug', false, output);

beforeAll(async () => {
  graph = await startFakeGraphApi();
  t = await startTestApp({ META_GRAPH_BASE_URL: graph.url }, { logger });
});
afterAll(async () => {
  await t?.close();
  await graph?.close();
});

describe('WhatsApp secrets in logs', () => {
  it('a debug log of saving, testing, the handshake and refused and rejected calls holds no secret, number or caller', async () => {
    const admin = (await createTenants(t, { callEnabled: true })).as.adminA;
    const bot = await createCallChatbot(admin, 'WhatsApp desk');
    const line = await connectWhatsAppNumber(admin, graph, bot.id);
    const { number } = line;
    const wrongToken = `EAAGwrong${'5'.repeat(30)}`;
    const unsaved = await admin.post(`${INTEGRATION_ACCOUNTS}/test`, {
      accountType: 'whatsapp',
      credentials: { accessToken: wrongToken, appSecret: number.appSecret },
      config: { phoneNumberId: number.phoneNumberId },
    });
    expect(unsaved.status).toBe(200);

    const handshake = await fetch(
      `${t.url}${WEBHOOK_PATH}?${new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.verify_token': line.verifyToken, 'hub.challenge': '99' })}`,
    );
    expect(handshake.status).toBe(200);

    const forged = callsPayload(number, connectEvent(newCallId(), 'v=0'));
    expect((await postWebhook(t.url, forged, 'not-the-secret')).status).toBe(403);
    const signature = metaSignatureOf(number.appSecret, JSON.stringify(forged));

    await t.db
      .update(callIntegrationAccounts)
      .set({ status: 'inactive' })
      .where(eq(callIntegrationAccounts.id, line.accountId));
    const rejectedId = newCallId();
    await postWebhook(
      t.url,
      callsPayload(number, connectEvent(rejectedId, 'v=0')),
      number.appSecret,
    );
    await graph.waitForAction(rejectedId, 'reject');
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(logged).toContain('whatsapp request refused');
    expect(logged).toContain('whatsapp call rejected');
    for (const secret of [
      number.accessToken,
      wrongToken,
      number.appSecret,
      line.verifyToken,
      signature.slice('sha256='.length),
      CALLER_WA_ID,
      CALLER_NAME,
      rejectedId,
      number.phoneNumber.slice(1),
    ]) {
      expect(logged).not.toContain(secret);
    }
  });
});
