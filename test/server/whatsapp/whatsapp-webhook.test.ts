import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callIntegrationAccounts, calls, companies } from '../../../src/server/db/schema/index.js';
import { type FakeGraphApi, startFakeGraphApi } from '../../helpers/fake-graph-api.js';
import { createTenants } from '../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createCallChatbot } from '../../helpers/widget-visitor.js';
import {
  callsPayload,
  connectEvent,
  connectWhatsAppNumber,
  newCallId,
  postWebhook,
  WEBHOOK_PATH,
} from './whatsapp-world.js';

let graph: FakeGraphApi;
let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let line: Awaited<ReturnType<typeof connectWhatsAppNumber>>;

beforeAll(async () => {
  graph = await startFakeGraphApi();
  t = await startTestApp({ META_GRAPH_BASE_URL: graph.url });
  tenants = await createTenants(t, { callEnabled: true });
  const bot = await createCallChatbot(tenants.as.adminA, 'WhatsApp desk');
  line = await connectWhatsAppNumber(tenants.as.adminA, graph, bot.id);
});
afterAll(async () => {
  await t?.close();
  await graph?.close();
});

const setAccountStatus = (status: 'active' | 'inactive') =>
  t.db
    .update(callIntegrationAccounts)
    .set({ status })
    .where(eq(callIntegrationAccounts.id, line.accountId));

const setCompanySettings = (settings: { callEnabled: boolean; maxConcurrentCalls: number }) =>
  t.db
    .update(companies)
    .set({
      settings: sql`jsonb_set(jsonb_set(${companies.settings}, '{features,callEnabled}', ${JSON.stringify(settings.callEnabled)}::jsonb), '{limits,maxConcurrentCalls}', ${String(settings.maxConcurrentCalls)}::jsonb)`,
    })
    .where(eq(companies.id, tenants.companyA.id));

const whatsappCalls = () => t.db.select().from(calls).where(eq(calls.source, 'whatsapp'));

describe('the WhatsApp webhook handshake', () => {
  const handshake = (query: Record<string, string>) =>
    fetch(`${t.url}${WEBHOOK_PATH}?${new URLSearchParams(query)}`);

  it('echoes the challenge for a verify token of a connected account', async () => {
    const res = await handshake({
      'hub.mode': 'subscribe',
      'hub.verify_token': line.verifyToken,
      'hub.challenge': '1158201444',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('1158201444');
  });

  it('refuses an unknown token or another mode', async () => {
    const wrong = await handshake({
      'hub.mode': 'subscribe',
      'hub.verify_token': 'not-a-token-we-gave',
      'hub.challenge': '42',
    });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain('42');
    const mode = await handshake({
      'hub.mode': 'unsubscribe',
      'hub.verify_token': line.verifyToken,
      'hub.challenge': '42',
    });
    expect(mode.status).toBe(403);
  });
});

describe('WhatsApp call events', () => {
  beforeEach(async () => {
    await setAccountStatus('active');
    await setCompanySettings({ callEnabled: true, maxConcurrentCalls: 5 });
  });

  it('refuses unsigned, forged and malformed requests and unknown numbers, acting on none', async () => {
    const callId = newCallId();
    const body = callsPayload(line.number, connectEvent(callId, 'v=0'));
    expect((await postWebhook(t.url, body, null)).status).toBe(403);
    expect((await postWebhook(t.url, body, 'not-the-app-secret')).status).toBe(403);
    // Signed by the right secret, but the body changed after signing.
    const raw = JSON.stringify(body);
    const { metaSignatureOf } = await import(
      '../../../src/server/voice/transports/whatsapp/webhook-signature.js'
    );
    const tampered = await fetch(`${t.url}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': metaSignatureOf(line.number.appSecret, raw),
      },
      body: raw.replace('Dana Caller', 'Mallory Caller'),
    });
    expect(tampered.status).toBe(403);
    const unknown = callsPayload(
      { ...line.number, phoneNumberId: '100000000000001' },
      connectEvent(callId, 'v=0'),
    );
    expect((await postWebhook(t.url, unknown, line.number.appSecret)).status).toBe(403);
    expect((await postWebhook(t.url, '{"object": ', line.number.appSecret)).status).toBe(400);
    expect(
      (await postWebhook(t.url, { object: 'whatsapp_business_account' }, line.number.appSecret))
        .status,
    ).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(graph.actions.filter((a) => a.body.call_id === callId)).toEqual([]);
    expect(await whatsappCalls()).toEqual([]);
  });

  it('acknowledges a signed event at once and ignores other fields', async () => {
    const res = await postWebhook(
      t.url,
      {
        ...callsPayload(line.number, {}),
        entry: [
          {
            id: line.number.businessAccountId,
            changes: [
              {
                field: 'messages',
                value: { metadata: { phone_number_id: line.number.phoneNumberId }, messages: [] },
              },
            ],
          },
        ],
      },
      line.number.appSecret,
    );
    expect(res.status).toBe(200);
  });

  it('starts nothing for a replayed connect, signed but minutes old', async () => {
    const callId = newCallId();
    const tenMinutesAgo = String(Math.floor(Date.now() / 1000) - 600);
    const replay = callsPayload(line.number, {
      ...connectEvent(callId, 'v=0'),
      timestamp: tenMinutesAgo,
    });
    expect((await postWebhook(t.url, replay, line.number.appSecret)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(graph.actions.filter((a) => a.body.call_id === callId)).toEqual([]);
    expect(await whatsappCalls()).toEqual([]);
  });

  it('rejects a call a routing rule would hang up on or transfer', async () => {
    const admin = tenants.as.adminA;
    const rule = await admin.post<{ rule: { id: string } }>('/api/company/routing-rules', {
      name: 'WhatsApp closed',
      conditions: { sources: ['whatsapp'] },
      action: { type: 'play_and_hangup', message: 'We are closed today.' },
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    try {
      const callId = newCallId();
      await postWebhook(
        t.url,
        callsPayload(line.number, connectEvent(callId, 'v=0')),
        line.number.appSecret,
      );
      await graph.waitForAction(callId, 'reject');
      expect(await whatsappCalls()).toEqual([]);
    } finally {
      await admin.delete(`/api/company/routing-rules/${rule.body.rule.id}`);
    }
  });

  it('rejects a call while the account is inactive', async () => {
    await setAccountStatus('inactive');
    const callId = newCallId();
    const res = await postWebhook(
      t.url,
      callsPayload(line.number, connectEvent(callId, 'v=0')),
      line.number.appSecret,
    );
    expect(res.status).toBe(200);
    const reject = await graph.waitForAction(callId, 'reject');
    expect(reject.authorization).toBe(`Bearer ${line.number.accessToken}`);
    expect(reject.body).toEqual({
      messaging_product: 'whatsapp',
      call_id: callId,
      action: 'reject',
    });
    expect(graph.actions.filter((a) => a.body.call_id === callId)).toHaveLength(1);
  });

  it('rejects a call while the company has no call feature, or no free line', async () => {
    await setCompanySettings({ callEnabled: false, maxConcurrentCalls: 5 });
    const off = newCallId();
    await postWebhook(
      t.url,
      callsPayload(line.number, connectEvent(off, 'v=0')),
      line.number.appSecret,
    );
    await graph.waitForAction(off, 'reject');

    await setCompanySettings({ callEnabled: true, maxConcurrentCalls: 0 });
    const full = newCallId();
    await postWebhook(
      t.url,
      callsPayload(line.number, connectEvent(full, 'v=0')),
      line.number.appSecret,
    );
    await graph.waitForAction(full, 'reject');
    for (const id of [off, full]) {
      expect(graph.actions.filter((a) => a.body.call_id === id).map((a) => a.body.action)).toEqual([
        'reject',
      ]);
    }
    expect(await whatsappCalls()).toEqual([]);
  });
});
