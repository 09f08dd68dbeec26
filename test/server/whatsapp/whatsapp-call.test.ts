import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, callTranscripts } from '../../../src/server/db/schema/index.js';
import type { ApiClient } from '../../helpers/api-client.js';
import { type FakeGraphApi, startFakeGraphApi } from '../../helpers/fake-graph-api.js';
import { createTenants } from '../../helpers/fixtures.js';
import { createLocalCallBot } from '../../helpers/local-call-bot.js';
import { spokenAudio } from '../../helpers/speech.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { eventually } from '../voice/runner/runner-world.js';
import {
  CALLER_NAME,
  CALLER_WA_ID,
  callsPayload,
  connectEvent,
  connectWhatsAppNumber,
  newCallId,
  postWebhook,
  terminateEvent,
  WhatsAppCallerPeer,
} from './whatsapp-world.js';

// A whole WhatsApp call with nothing fake but Meta: the caller's phone is a
// real WebRTC peer (libwebrtc, as in the WhatsApp app) whose offer arrives in
// a signed `connect` webhook; Buzzi answers through the (fake) Graph API, the
// call runs over ICE, DTLS-SRTP and Opus on loopback, and the local engine
// answers it from the knowledge base.

let graph: FakeGraphApi;
let t: TestApp;
let admin: ApiClient;
let line: Awaited<ReturnType<typeof connectWhatsAppNumber>>;
let nightDesk: { id: string };
const peers: WhatsAppCallerPeer[] = [];

beforeAll(async () => {
  graph = await startFakeGraphApi();
  t = await startTestApp({ META_GRAPH_BASE_URL: graph.url });
  const tenants = await createTenants(t, { callEnabled: true });
  admin = tenants.as.adminA;
  const bot = await createLocalCallBot(t, admin, { call: { greeting: 'Hello, Alpha Dental.' } });
  line = await connectWhatsAppNumber(admin, graph, bot.id);
  nightDesk = await createLocalCallBot(t, admin, {
    name: 'Night desk',
    call: { greeting: 'Night desk, hello.' },
  });
}, 90_000);
afterAll(async () => {
  for (const peer of peers) peer.close();
  await t?.close();
  await graph?.close();
});

const callRowOf = async () => {
  const rows = await t.db
    .select()
    .from(calls)
    .where(and(eq(calls.integrationAccountId, line.accountId), eq(calls.source, 'whatsapp')));
  return rows;
};

const transcriptOf = (row: { companyId: string; id: string }) =>
  t.db
    .select()
    .from(callTranscripts)
    .where(and(eq(callTranscripts.companyId, row.companyId), eq(callTranscripts.callId, row.id)))
    .orderBy(callTranscripts.seq);

describe('a WhatsApp call answered by the local engine', () => {
  it('answers over real WebRTC, greets audibly, answers from the knowledge base, and ends on terminate', async () => {
    const peer = new WhatsAppCallerPeer();
    peers.push(peer);
    const callId = newCallId();
    const connect = callsPayload(line.number, connectEvent(callId, await peer.offer()));
    // Meta retries webhooks: the same connect twice must start one call.
    const answers = await Promise.all([
      postWebhook(t.url, connect, line.number.appSecret),
      postWebhook(t.url, connect, line.number.appSecret),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);

    const preAccept = await graph.waitForAction(callId, 'pre_accept');
    const accept = await graph.waitForAction(callId, 'accept');
    expect(preAccept.authorization).toBe(`Bearer ${line.number.accessToken}`);
    const sdp = preAccept.body.session?.sdp ?? '';
    expect(preAccept.body).toMatchObject({
      messaging_product: 'whatsapp',
      call_id: callId,
      session: { sdp_type: 'answer' },
    });
    expect(accept.body.session?.sdp).toBe(sdp);
    expect(sdp).toMatch(/^a=fingerprint:sha-256 /m);
    expect(sdp).not.toMatch(/^a=fingerprint:sha-(384|512) /m);
    expect(sdp).toMatch(/^a=candidate:/m);
    expect(sdp).toMatch(/opus\/48000/i);
    expect(graph.actions.indexOf(preAccept)).toBeLessThan(graph.actions.indexOf(accept));

    await peer.accept(sdp);
    await eventually(async () => {
      expect(peer.audibleFrames).toBeGreaterThan(50);
    }, 30_000);
    expect(peer.loudestRms).toBeGreaterThan(1000);

    const [row] = await callRowOf();
    if (!row) throw new Error('no whatsapp call row');
    const agentLines = async () => (await transcriptOf(row)).filter((l) => l.speaker === 'agent');
    await eventually(async () => {
      expect((await agentLines()).map((l) => l.text)).toEqual(['Hello, Alpha Dental.']);
    }, 20_000);

    peer.speak(spokenAudio('What are your business hours?').samples);
    await eventually(async () => expect(await agentLines()).toHaveLength(2), 30_000);
    expect((await agentLines())[1]?.text).toContain('Monday to Friday from 8 am to 6 pm');
    const callerLines = (await transcriptOf(row)).filter((l) => l.speaker === 'caller');
    expect(callerLines[0]?.text).toMatch(/business hours/);

    // The same question again, and the caller talks over the answer.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    const audibleBefore = peer.audibleFrames;
    peer.speak(spokenAudio('What are your business hours?').samples);
    await eventually(async () => {
      expect(peer.audibleFrames - audibleBefore).toBeGreaterThan(150);
    }, 30_000);
    peer.speak(spokenAudio('Wait, wait, one moment please.').samples);
    await eventually(async () => {
      const cut = (await agentLines()).find((l) => l.interrupted);
      expect(cut?.text).toMatch(/^Our business hours/);
      const storedMs = (cut?.endMs ?? 0) - (cut?.startMs ?? 0);
      expect(storedMs).toBeGreaterThan(1000);
      // The full answer is about eight seconds; the caller heard only part of it.
      expect(storedMs).toBeLessThan(6500);
    }, 20_000);

    const ended = await postWebhook(
      t.url,
      callsPayload(line.number, terminateEvent(callId)),
      line.number.appSecret,
    );
    expect(ended.status).toBe(200);
    await eventually(async () => {
      const rows = await callRowOf();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        source: 'whatsapp',
        status: 'completed',
        endReason: 'caller_hangup',
        callerId: CALLER_WA_ID,
        callerName: CALLER_NAME,
        integrationAccountId: line.accountId,
      });
    }, 20_000);
    // The caller ended it: Buzzi does not terminate it again, and started it once.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const actions = graph.actions
      .filter((a) => a.body.call_id === callId)
      .map((a) => a.body.action);
    expect(actions).toEqual(['pre_accept', 'accept']);
  }, 150_000);

  it('follows a routing rule for WhatsApp calls to another chatbot', async () => {
    const rule = await admin.post<{ rule: { id: string } }>('/api/company/routing-rules', {
      name: 'Night desk takes WhatsApp',
      conditions: { sources: ['whatsapp'] },
      action: { type: 'answer', chatbotId: nightDesk.id },
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const peer = new WhatsAppCallerPeer();
    peers.push(peer);
    const callId = newCallId();
    try {
      const connect = callsPayload(line.number, connectEvent(callId, await peer.offer()));
      expect((await postWebhook(t.url, connect, line.number.appSecret)).status).toBe(200);
      const accept = await graph.waitForAction(callId, 'accept');
      await peer.accept(accept.body.session?.sdp ?? '');
      let routed: { id: string; companyId: string } | undefined;
      await eventually(async () => {
        routed = (await callRowOf()).find((r) => r.chatbotId === nightDesk.id);
        expect(routed).toBeDefined();
      }, 20_000);
      await eventually(async () => {
        const lines = await transcriptOf(routed as { id: string; companyId: string });
        expect(lines.find((l) => l.speaker === 'agent')?.text).toBe('Night desk, hello.');
      }, 20_000);
    } finally {
      await admin.delete(`/api/company/routing-rules/${rule.body.rule.id}`);
      await postWebhook(
        t.url,
        callsPayload(line.number, terminateEvent(callId)),
        line.number.appSecret,
      );
    }
    await eventually(async () =>
      expect((await callRowOf()).filter((r) => r.status === 'in_progress')).toEqual([]),
    );
  }, 60_000);

  it('terminates the call at Meta when it ends on our side', async () => {
    const peer = new WhatsAppCallerPeer();
    peers.push(peer);
    const callId = newCallId();
    const connect = callsPayload(line.number, connectEvent(callId, await peer.offer()));
    expect((await postWebhook(t.url, connect, line.number.appSecret)).status).toBe(200);
    const accept = await graph.waitForAction(callId, 'accept');
    await peer.accept(accept.body.session?.sdp ?? '');
    await eventually(async () => expect(peer.audibleFrames).toBeGreaterThan(20), 30_000);
    const row = (await callRowOf()).find((r) => r.status === 'in_progress');
    if (!row) throw new Error('no live whatsapp call');

    const ended = await admin.post(`/api/company/calls/${row.id}/end`, {});
    expect(ended.status).toBe(204);
    const terminate = await graph.waitForAction(callId, 'terminate');
    expect(terminate.body).toEqual({
      messaging_product: 'whatsapp',
      call_id: callId,
      action: 'terminate',
    });
    await eventually(async () => {
      const [after] = await t.db.select().from(calls).where(eq(calls.id, row.id));
      expect(after).toMatchObject({ status: 'completed', endReason: 'ended_by_staff' });
    });
  }, 60_000);
});
