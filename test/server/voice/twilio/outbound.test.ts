import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, companies } from '../../../../src/server/db/schema/index.js';
import {
  FAKE_OPENAI_KEY,
  type FakeOpenAIRealtime,
  startFakeOpenAIRealtime,
} from '../../../fakes/openai-realtime-server.js';
import {
  postSignedForm,
  streamOf,
  TwilioMediaClient,
  type WebhookAnswer,
} from '../../../fakes/twilio-media-client.js';
import {
  type FakeTwilioCall,
  type FakeTwilioRest,
  startFakeTwilio,
} from '../../../fakes/twilio-rest.js';
import type { ApiClient } from '../../../helpers/api-client.js';
import { expectError, expectFieldError } from '../../../helpers/expect-error.js';
import { createTenants, seededModelId } from '../../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../../helpers/test-app.js';
import { INTEGRATION_ACCOUNTS } from '../../../helpers/twilio-accounts.js';
import { createCallChatbot } from '../../../helpers/widget-visitor.js';
import { eventually } from '../runner/runner-world.js';
import { PhoneLine, STATUS_PATH } from './phone-line.js';

// Calls the company places: the API asks Twilio's REST API (the fake) to
// call from the chatbot's number, and the fake then acts as Twilio does —
// status callbacks, the TwiML request once the callee answers, the signed
// media stream — each signed with the account's auth token.

const OUTBOUND = '/api/company/calls/outbound';
const CALLEE = '+15550102030';
const REASON = 'your dental check-up on Tuesday at 10 am';

type OutboundCall = {
  id: string;
  status: string;
  direction: string;
  callerId: string;
  outboundReason: string | null;
  twilioCallSid: string | null;
};

let t: TestApp;
let twilioRest: FakeTwilioRest;
let openai: FakeOpenAIRealtime;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let admin: ApiClient;
let chatbotId: string;
let line: PhoneLine;

const phoneBot = async (name: string) =>
  createCallChatbot(admin, name, await seededModelId(t.db, 'gpt-realtime'));

beforeAll(async () => {
  twilioRest = await startFakeTwilio();
  openai = await startFakeOpenAIRealtime();
  t = await startTestApp({
    TWILIO_API_BASE_URL: twilioRest.url,
    OPENAI_API_KEY: FAKE_OPENAI_KEY,
    OPENAI_BASE_URL: openai.url,
  });
  tenants = await createTenants(t, { callEnabled: true });
  admin = tenants.as.adminA;
  chatbotId = (await phoneBot('Reminders')).id;
  line = await PhoneLine.connect(t, twilioRest, admin, chatbotId);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await openai?.close();
  await twilioRest?.close();
});

/** Places a call through the API and returns it with the call Twilio was asked to make. */
async function placeCall(body: Record<string, unknown>) {
  const res = await admin.post<{ call: OutboundCall }>(OUTBOUND, { chatbotId, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const placed = twilioRest.calls.get(res.body.call.twilioCallSid ?? '');
  if (!placed) throw new Error('Twilio was not asked to place the call');
  return { call: res.body.call, placed };
}

/** What Twilio posts about an outbound call, signed: from our number, to the callee. */
const twilioForm = (placed: FakeTwilioCall, callStatus: string) => ({
  AccountSid: line.twilio.sid,
  ApiVersion: '2010-04-01',
  CallSid: placed.sid,
  CallStatus: callStatus,
  Direction: 'outbound-api',
  From: placed.from,
  To: placed.to,
});

const statusCallback = (placed: FakeTwilioCall, callStatus: string): Promise<WebhookAnswer> =>
  postSignedForm(placed.created.get('StatusCallback') ?? '', line.authToken, {
    ...twilioForm(placed, callStatus),
    CallbackSource: 'call-progress-events',
  });

/** The callee answers: Twilio fetches the call's TwiML and opens the stream it names. */
async function pickUp(placed: FakeTwilioCall): Promise<TwilioMediaClient> {
  const twiml = await postSignedForm(
    placed.created.get('Url') ?? '',
    line.authToken,
    twilioForm(placed, 'in-progress'),
  );
  const stream = streamOf(twiml.text);
  if (!stream) throw new Error(`no stream in the TwiML: ${twiml.text}`);
  const client = await TwilioMediaClient.connect(stream.url, line.authToken);
  client.start({ accountSid: line.twilio.sid, callSid: placed.sid, token: stream.token });
  return client;
}

const callRow = async (id: string) => {
  const [row] = await t.db.select().from(calls).where(eq(calls.id, id));
  return row;
};

const agentLines = async (callSid: string) =>
  (await line.transcript(callSid)).filter((row) => row.speaker === 'agent').map((row) => row.text);

describe('POST /api/company/calls/outbound', () => {
  it('places the call from the chatbot’s number; answered, the agent opens with why it calls', async () => {
    const { call, placed } = await placeCall({ to: '+1 (555) 010-2030', reason: REASON });
    expect(call).toMatchObject({
      status: 'pending',
      direction: 'outbound',
      callerId: CALLEE,
      outboundReason: REASON,
      twilioCallSid: placed.sid,
    });

    const request = twilioRest.requests.find(
      (r) => r.method === 'POST' && r.path.endsWith('/Calls.json'),
    );
    expect(request?.auth).toEqual({ username: line.twilio.sid, password: line.authToken });
    expect(request?.path).toBe(`/2010-04-01/Accounts/${line.twilio.sid}/Calls.json`);
    expect(placed.created.get('To')).toBe(CALLEE);
    expect(placed.created.get('From')).toBe(line.number);
    expect(placed.created.get('Url')).toBe(
      `${t.url}/api/webhooks/twilio/voice/connect?callId=${call.id}`,
    );
    expect(placed.created.get('Method')).toBe('POST');
    expect(placed.created.get('StatusCallback')).toBe(`${t.url}${STATUS_PATH}`);
    expect(placed.created.getAll('StatusCallbackEvent')).toEqual([
      'initiated',
      'ringing',
      'answered',
      'completed',
    ]);

    expect((await statusCallback(placed, 'initiated')).status).toBe(204);
    expect((await statusCallback(placed, 'ringing')).status).toBe(204);
    expect((await callRow(call.id))?.status).toBe('pending');

    // Only Twilio, signing with the account's token, gets the call's TwiML.
    const forged = await postSignedForm(
      placed.created.get('Url') ?? '',
      'not-the-auth-token',
      twilioForm(placed, 'in-progress'),
    );
    expect(forged.status).toBe(403);
    expect(forged.text).not.toContain('<Stream');

    const client = await pickUp(placed);
    await client.until(() => client.player.receivedBytes > 0, 'the greeting');
    const greeting = `Hello, this is the virtual assistant of Alpha Dental. I'm calling about ${REASON}. Is now a good time to talk?`;
    await eventually(async () => expect(await agentLines(placed.sid)).toEqual([greeting]));
    const session = openai.eventsOf('session.update').at(-1)?.session as { instructions: string };
    expect(session.instructions).toContain(`You placed this call`);
    expect(session.instructions).toContain(REASON);
    expect(await callRow(call.id)).toMatchObject({ status: 'in_progress', direction: 'outbound' });

    client.hangUp();
    await client.closed;
    await eventually(async () =>
      expect(await callRow(call.id)).toMatchObject({
        status: 'completed',
        endReason: 'caller_hangup',
        twilioCallSid: placed.sid,
        callerId: CALLEE,
        outboundReason: REASON,
        integrationAccountId: line.accountId,
      }),
    );
  }, 30_000);

  it('opens with a follow-up when no reason was given', async () => {
    const { call, placed } = await placeCall({ to: CALLEE });
    expect(call.outboundReason).toBeNull();
    const client = await pickUp(placed);
    await eventually(async () =>
      expect(await agentLines(placed.sid)).toEqual([
        "Hello, this is the virtual assistant of Alpha Dental. I'm calling to follow up with you. Is now a good time to talk?",
      ]),
    );
    client.hangUp();
    await client.closed;
  }, 30_000);

  it('holds a line while it rings, and a call nobody answers ends no_answer', async () => {
    await t.db
      .update(companies)
      .set({ settings: { features: { callEnabled: true }, limits: { maxConcurrentCalls: 1 } } })
      .where(eq(companies.id, tenants.companyA.id));
    try {
      const { call, placed } = await placeCall({ to: CALLEE, reason: REASON });
      expect((await statusCallback(placed, 'ringing')).status).toBe(204);
      const created = twilioRest.calls.size;
      expectError(await admin.post(OUTBOUND, { chatbotId, to: CALLEE }), 409, 'call_limit_reached');
      expect(twilioRest.calls.size).toBe(created);

      expect((await statusCallback(placed, 'no-answer')).status).toBe(204);
      expect(await callRow(call.id)).toMatchObject({
        status: 'no_answer',
        endReason: 'no_answer',
        endedAt: expect.any(Date),
      });
      // The line is free again.
      const next = await placeCall({ to: CALLEE });
      expect((await statusCallback(next.placed, 'busy')).status).toBe(204);
      expect(await callRow(next.call.id)).toMatchObject({ status: 'no_answer', endReason: 'busy' });
    } finally {
      await t.db
        .update(companies)
        .set({ settings: { features: { callEnabled: true }, limits: { maxConcurrentCalls: 5 } } })
        .where(eq(companies.id, tenants.companyA.id));
    }
  }, 30_000);

  it('answers 502 with Twilio’s message when Twilio refuses the call, and the call is failed', async () => {
    const [number] = line.twilio.numbers.splice(0, 1);
    if (!number) throw new Error('the line has no number');
    try {
      const res = await admin.post(OUTBOUND, { chatbotId, to: CALLEE, reason: REASON });
      const body = expectError(res, 502, 'twilio_error');
      expect(body.message).toContain('21210');
      expect(body.message).toContain('is not yet verified for your account');
      expect(JSON.stringify(res.body)).not.toContain(line.authToken);
      // Twilio never took it, so it has no Call SID.
      const failed = (
        await t.db.select().from(calls).where(eq(calls.integrationAccountId, line.accountId))
      ).filter((row) => row.twilioCallSid === null);
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({
        status: 'failed',
        endReason: 'not_placed',
        direction: 'outbound',
        endedAt: expect.any(Date),
      });
    } finally {
      line.twilio.numbers.push(number);
    }
  });

  it('answers 409 for a chatbot without a Twilio account, or whose account is inactive', async () => {
    const unconnected = await phoneBot('No line');
    const none = expectError(
      await admin.post(OUTBOUND, { chatbotId: unconnected.id, to: CALLEE }),
      409,
      'conflict',
    );
    expect(none.message).toMatch(/no Twilio integration account/);

    const broken = await phoneBot('Broken line');
    const brokenLine = await PhoneLine.connect(t, twilioRest, admin, broken.id);
    brokenLine.twilio.authToken = 'rotated-in-the-twilio-console';
    const retest = await admin.post<{ account: { status: string } }>(
      `${INTEGRATION_ACCOUNTS}/${brokenLine.accountId}/test`,
    );
    expect(retest.body.account.status).toBe('inactive');
    const requestsBefore = twilioRest.requests.length;
    const inactive = expectError(
      await admin.post(OUTBOUND, { chatbotId: broken.id, to: CALLEE }),
      409,
      'conflict',
    );
    expect(inactive.message).toMatch(/"Main line" of this chatbot is inactive/);
    expect(twilioRest.requests).toHaveLength(requestsBefore);
  });

  it('refuses a number it cannot call, support agents, and other companies’ chatbots', async () => {
    expectFieldError(await admin.post(OUTBOUND, { chatbotId, to: 'call me maybe' }), 'to');
    expectFieldError(await admin.post(OUTBOUND, { chatbotId, to: '+1 555' }), 'to');
    const requestsBefore = twilioRest.requests.length;
    expectError(
      await tenants.as.agentA.post(OUTBOUND, { chatbotId, to: CALLEE }),
      403,
      'forbidden',
    );
    expectError(
      await tenants.as.adminB.post(OUTBOUND, { chatbotId, to: CALLEE }),
      404,
      'not_found',
    );
    expect(twilioRest.requests).toHaveLength(requestsBefore);
  });
});
