import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiModels } from '../../src/server/db/schema/index.js';
import {
  FAKE_OPENAI_KEY,
  type FakeCallerTurn,
  type FakeOpenAIRealtime,
  startFakeOpenAIRealtime,
} from '../fakes/openai-realtime-server.js';
import { createTenants } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  bargeInExchange,
  hangUp,
  newCallSession,
  startBrowserCall,
} from './voice/browser-gateway-setup.js';

// Every log line of a call carries its callId, companyId and nodeId: a real
// browser call (OpenAI Realtime as the local fake) with a barge-in, on an app
// whose pino output this file reads line by line.

const NODE_ID = 'node-logs-7';
const GREETING = 'Hello from Alpha Dental.';

type LogLine = Record<string, unknown> & { msg?: string };

const written: string[] = [];
const lines = (): LogLine[] => written.map((line) => JSON.parse(line) as LogLine);
const ofCall = (callId: string) => lines().filter((line) => line.callId === callId);

let fake: FakeOpenAIRealtime;
let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let modelId: string;
const turns: FakeCallerTurn[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAIRealtime({ turns, turnAfterAudioMs: 300 });
  const logger = pino({ level: 'debug' }, { write: (line: string) => void written.push(line) });
  t = await startTestApp(
    { NODE_ID, OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: fake.url },
    { logger },
  );
  tenants = await createTenants(t, { callEnabled: true });
  const [realtime] = await t.db
    .select({ id: aiModels.id })
    .from(aiModels)
    .where(eq(aiModels.modelId, 'gpt-realtime'));
  if (!realtime) throw new Error('seeded gpt-realtime model missing');
  modelId = realtime.id;
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

async function callBot(): Promise<string> {
  const res = await tenants.as.adminA.post<{ chatbot: { publicId: string } }>(
    '/api/company/chatbots',
    {
      name: `Log desk ${Math.random().toString(36).slice(2, 7)}`,
      chatbotType: 'call',
      settings: { call: { modelId, greeting: GREETING } },
    },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.chatbot.publicId;
}

describe('the logs of a call', () => {
  it('carry callId, companyId and nodeId on every line of a call with a barge-in', async () => {
    const session = await newCallSession(t.client(), await callBot());
    const client = await startBrowserCall(session);
    const callId = String((await client.waitFor('call.started')).callId);
    await bargeInExchange(client, session.inputSampleRate, turns);
    expect(await hangUp(client)).toMatchObject({ reason: 'caller_ended' });

    await expect.poll(() => ofCall(callId).some((line) => line.msg === 'call ended')).toBe(true);
    const own = ofCall(callId);
    for (const line of own) {
      expect(line, JSON.stringify(line)).toMatchObject({
        companyId: tenants.companyA.id,
        nodeId: NODE_ID,
      });
    }
    const messages = own.map((line) => line.msg);
    // The call's own lines, from the runner (start, barge-in at debug, end).
    expect(messages).toEqual(
      expect.arrayContaining(['call started', 'caller interrupted the agent', 'call ended']),
    );
    const started = own.find((line) => line.msg === 'call started');
    expect(started).toMatchObject({ source: 'web', provider: 'openai' });
    // No line of the whole run holds audio or the provider key.
    for (const line of written) {
      expect(line.length).toBeLessThan(4000);
      expect(line).not.toContain(FAKE_OPENAI_KEY);
    }
  });

  it("puts the call's ids on the lines its transport writes once the call exists", async () => {
    const session = await newCallSession(t.client(), await callBot());
    const client = await startBrowserCall(session);
    const callId = String((await client.waitFor('call.started')).callId);
    // Garbled frames past the limit: the socket is closed as abusive, which the browser leg logs.
    for (let i = 0; i < 25; i++) client.socket.send(Buffer.alloc(3));
    await client.closed;
    await expect
      .poll(() => ofCall(callId).find((line) => line.msg === 'call ended'))
      .toMatchObject({ endReason: 'transport_error' });
    const abuse = ofCall(callId).find(
      (line) => line.msg === 'browser call socket closed after repeated invalid frames',
    );
    expect(abuse).toMatchObject({
      callId,
      companyId: tenants.companyA.id,
      nodeId: NODE_ID,
      callSessionId: session.sessionId,
    });
    for (const line of ofCall(callId)) {
      expect(line).toMatchObject({ companyId: tenants.companyA.id, nodeId: NODE_ID });
    }
  });
});
