import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, callTranscripts } from '../../src/server/db/schema/index.js';
import { type FakeGraphApi, startFakeGraphApi } from '../helpers/fake-graph-api.js';
import { createTenants } from '../helpers/fixtures.js';
import { createLocalCallBot } from '../helpers/local-call-bot.js';
import type { TestApp } from '../helpers/test-app.js';
import { eventually } from '../server/voice/runner/runner-world.js';
import {
  CALLER_NAME,
  CALLER_WA_ID,
  callsPayload,
  connectEvent,
  connectWhatsAppNumber,
  newCallId,
  postWebhook,
  terminateEvent,
} from '../server/whatsapp/whatsapp-world.js';
import { launchChromium, startDashboardApp } from './browser.js';
import { microphoneWav } from './widget-world.js';

// The WhatsApp user's phone is headless Chromium's own WebRTC stack, its fake microphone
// asking a question: its offer goes to Buzzi in a signed `connect` webhook, Buzzi's answer
// (sent to the fake Graph API) comes back to Chromium, and the call runs over ICE,
// DTLS-SRTP and Opus between Chromium and the server, answered by the local engine.

type CallerStats = { loudest: number; energy: number; packets: number; connected: boolean };

/** Offers a call from the page's microphone, gathering every candidate (WhatsApp does not trickle). */
async function offerFromChromium(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const pc = new RTCPeerConnection();
    for (const track of stream.getTracks()) pc.addTrack(track, stream);
    // Chromium decodes (and measures) a remote track only while something plays it.
    pc.ontrack = (event) => {
      const speaker = new Audio();
      speaker.srcObject = new MediaStream([event.track]);
      void speaker.play();
    };
    await pc.setLocalDescription(await pc.createOffer());
    await new Promise<void>((resolve) => {
      if (pc.iceGatheringState === 'complete') return resolve();
      pc.onicegatheringstatechange = () => {
        if (pc.iceGatheringState === 'complete') resolve();
      };
    });
    const stats = { loudest: 0, energy: 0, packets: 0, connected: false };
    Object.assign(window, { callerPc: pc, callerStats: stats });
    setInterval(async () => {
      stats.connected = pc.connectionState === 'connected';
      (await pc.getStats()).forEach((report) => {
        if (report.type !== 'inbound-rtp' || report.kind !== 'audio') return;
        stats.loudest = Math.max(stats.loudest, report.audioLevel ?? 0);
        stats.energy = report.totalAudioEnergy ?? 0;
        stats.packets = report.packetsReceived ?? 0;
      });
    }, 100);
    return pc.localDescription?.sdp ?? '';
  });
}

describe('a WhatsApp call from Chromium', () => {
  let graph: FakeGraphApi;
  let t: TestApp;
  let browser: Browser;
  let line: Awaited<ReturnType<typeof connectWhatsAppNumber>>;

  beforeAll(async () => {
    graph = await startFakeGraphApi();
    t = await startDashboardApp({ META_GRAPH_BASE_URL: graph.url });
    const tenants = await createTenants(t, { callEnabled: true });
    const admin = tenants.as.adminA;
    const bot = await createLocalCallBot(t, admin, { call: { greeting: 'Hello, Alpha Dental.' } });
    line = await connectWhatsAppNumber(admin, graph, bot.id);
    browser = await launchChromium([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
      `--use-file-for-fake-audio-capture=${microphoneWav('What are your business hours?', 9000)}`,
    ]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await graph?.close();
  });

  it('is greeted audibly, answered from the knowledge base, and ends on terminate', async () => {
    const context = await browser.newContext({ permissions: ['microphone'] });
    const page = await context.newPage();
    await page.goto(`${t.url}/login`);
    const callId = newCallId();
    const offer = await offerFromChromium(page);
    const connect = callsPayload(line.number, connectEvent(callId, offer));
    expect((await postWebhook(t.url, connect, line.number.appSecret)).status).toBe(200);
    const accept = await graph.waitForAction(callId, 'accept');
    const answer = accept.body.session?.sdp ?? '';
    expect(answer).toMatch(/^a=fingerprint:sha-256 /m);
    await page.evaluate(async (sdp) => {
      const { callerPc } = window as unknown as { callerPc: RTCPeerConnection };
      await callerPc.setRemoteDescription({ type: 'answer', sdp });
    }, answer);

    const stats = () =>
      page.evaluate(() => (window as unknown as { callerStats: CallerStats }).callerStats);
    await eventually(async () => expect((await stats()).connected).toBe(true), 20_000);
    await eventually(async () => {
      const now = await stats();
      expect(now.loudest, JSON.stringify(now)).toBeGreaterThan(0.05);
    }, 20_000);

    const [row] = await t.db
      .select()
      .from(calls)
      .where(and(eq(calls.integrationAccountId, line.accountId), eq(calls.source, 'whatsapp')));
    if (!row) throw new Error('no whatsapp call row');
    const transcript = () =>
      t.db
        .select()
        .from(callTranscripts)
        .where(
          and(eq(callTranscripts.companyId, row.companyId), eq(callTranscripts.callId, row.id)),
        )
        .orderBy(callTranscripts.seq);
    await eventually(async () => {
      const lines = await transcript();
      expect(lines.find((l) => l.speaker === 'agent')?.text).toBe('Hello, Alpha Dental.');
      expect(lines.some((l) => l.speaker === 'caller' && /business hours/.test(l.text))).toBe(true);
      expect(lines.some((l) => l.speaker === 'agent' && l.text.includes('Monday to Friday'))).toBe(
        true,
      );
    }, 45_000);

    await postWebhook(
      t.url,
      callsPayload(line.number, terminateEvent(callId)),
      line.number.appSecret,
    );
    await eventually(async () => {
      const [ended] = await t.db.select().from(calls).where(eq(calls.id, row.id));
      expect(ended).toMatchObject({
        status: 'completed',
        endReason: 'caller_hangup',
        callerId: CALLER_WA_ID,
        callerName: CALLER_NAME,
      });
    }, 20_000);
    await context.close();
  }, 150_000);
});
