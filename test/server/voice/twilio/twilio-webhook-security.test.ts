import { Writable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../../../src/server/db/schema/index.js';
import {
  FAKE_OPENAI_KEY,
  type FakeOpenAIRealtime,
  startFakeOpenAIRealtime,
} from '../../../fakes/openai-realtime-server.js';
import {
  postSignedForm,
  sidOf,
  streamOf,
  TwilioMediaClient,
  UpgradeRefused,
} from '../../../fakes/twilio-media-client.js';
import { type FakeTwilioRest, newAuthToken, startFakeTwilio } from '../../../fakes/twilio-rest.js';
import type { ApiClient } from '../../../helpers/api-client.js';
import { createTenants, seededModelId } from '../../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../../helpers/test-app.js';
import { INTEGRATION_ACCOUNTS } from '../../../helpers/twilio-accounts.js';
import { createCallChatbot } from '../../../helpers/widget-visitor.js';
import { CALLER, MEDIA_PATH, PhoneLine, STATUS_PATH, VOICE_PATH } from './phone-line.js';

// Who may reach the Twilio webhooks and the media socket, and what a caller
// hears when the call cannot be taken. Twilio is the fake REST API plus
// signed requests; the agent is the fake OpenAI Realtime server.

let t: TestApp;
let twilioRest: FakeTwilioRest;
let openai: FakeOpenAIRealtime;
let admin: ApiClient;
let master: ApiClient;
let companyId: string;
let chatbotId: string;
let line: PhoneLine;
const logLines: string[] = [];

beforeAll(async () => {
  twilioRest = await startFakeTwilio();
  openai = await startFakeOpenAIRealtime();
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  t = await startTestApp(
    {
      TWILIO_API_BASE_URL: twilioRest.url,
      OPENAI_API_KEY: FAKE_OPENAI_KEY,
      OPENAI_BASE_URL: openai.url,
      TRUST_PROXY: 'true',
    },
    { logger },
  );
  const tenants = await createTenants(t, { callEnabled: true });
  admin = tenants.as.adminA;
  master = tenants.as.master;
  companyId = tenants.companyA.id;
  const realtime = await seededModelId(t.db, 'gpt-realtime');
  chatbotId = (await createCallChatbot(admin, 'Phone desk', realtime)).id;
  line = await PhoneLine.connect(t, twilioRest, admin, chatbotId);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await openai?.close();
  await twilioRest?.close();
});

const callRow = async (callSid: string) => {
  const [row] = await t.db
    .select()
    .from(calls)
    .where(and(eq(calls.companyId, companyId), eq(calls.twilioCallSid, callSid)));
  return row;
};

const callRows = () => t.db.select().from(calls).where(eq(calls.companyId, companyId));

const refused = { error: 'forbidden', message: expect.any(String) };

describe('the voice webhook', () => {
  it('answers a signed call with a stream to the media socket, holding a line for it', async () => {
    const ringing = await line.ring(sidOf('CA'), CALLER);
    expect(ringing.status).toBe(200);
    expect(ringing.contentType).toMatch(/^text\/xml/);
    const wsUrl = `${t.url.replace(/^http/, 'ws')}${MEDIA_PATH}`;
    expect(ringing.text).toMatch(
      new RegExp(
        `<Response><Connect><Stream url="${wsUrl}"><Parameter name="token" value="[\\w.-]+"/></Stream></Connect></Response>$`,
      ),
    );
    expect(await callRow(ringing.callSid)).toMatchObject({
      status: 'pending',
      source: 'twilio',
      direction: 'inbound',
      callerId: CALLER.from,
      callerName: CALLER.callerName,
      integrationAccountId: line.accountId,
      chatbotId,
    });
  });

  it('refuses forged, unsigned and unknown-account webhooks with 403, logging no secret', async () => {
    const before = (await callRows()).length;
    const url = `${t.url}${VOICE_PATH}`;
    const params = (overrides: Record<string, string> = {}) => ({
      AccountSid: line.twilio.sid,
      CallSid: sidOf('CA'),
      From: CALLER.from,
      To: line.number,
      ...overrides,
    });
    const forgedToken = newAuthToken();
    const signedElsewhere = (p: Record<string, string>) =>
      twilio.getExpectedTwilioSignature(line.authToken, `${t.url}/somewhere-else`, p);
    const elsewhere = params();
    const { headers } = line;
    const answers = await Promise.all([
      postSignedForm(url, forgedToken, params(), { headers }),
      postSignedForm(url, line.authToken, params(), { headers, signature: null }),
      postSignedForm(url, line.authToken, params(), { headers, signature: 'bm90IGEgc2lnbmF0dXJl' }),
      postSignedForm(url, line.authToken, elsewhere, {
        headers,
        signature: signedElsewhere(elsewhere),
      }),
      postSignedForm(url, line.authToken, params({ AccountSid: sidOf('AC') }), { headers }),
      postSignedForm(url, line.authToken, params({ To: '+15550000000' }), { headers }),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.text)).toEqual(refused);
    }
    expect((await callRows()).length).toBe(before);
    const log = logLines.join('');
    expect(log).toContain('twilio request refused');
    for (const secret of [line.authToken, forgedToken, line.number, CALLER.from]) {
      expect(log).not.toContain(secret);
    }
  });
});

const APOLOGY = /<Response><Say>([^<]+)<\/Say><Hangup\/><\/Response>$/;
const apologyOf = (twiml: string) => APOLOGY.exec(twiml)?.[1];

describe('a caller who cannot be put through', () => {
  it('is refused when the same Call SID rings again: no second call', async () => {
    const callSid = sidOf('CA');
    const first = await line.ring(callSid);
    expect(streamOf(first.text)).not.toBeNull();
    const replay = await line.ring(callSid);
    expect(replay.status).toBe(200);
    expect(apologyOf(replay.text)).toMatch(/^Sorry/);
    expect((await callRows()).filter((row) => row.twilioCallSid === callSid)).toHaveLength(1);
  });

  it('hears an apology when the integration account is inactive', async () => {
    const numbers = [...line.twilio.numbers];
    line.twilio.numbers.length = 0;
    const retest = await admin.post<{ account: { status: string } }>(
      `${INTEGRATION_ACCOUNTS}/${line.accountId}/test`,
    );
    expect(retest.body.account.status).toBe('inactive');
    try {
      const ringing = await line.ring();
      expect(ringing.status).toBe(200);
      expect(apologyOf(ringing.text)).toBe(
        'Sorry, we cannot take your call right now. Please try again later.',
      );
      expect(await callRow(ringing.callSid)).toBeUndefined();
    } finally {
      line.twilio.numbers.push(...numbers);
      await admin.post(`${INTEGRATION_ACCOUNTS}/${line.accountId}/test`);
    }
    expect(streamOf((await line.ring()).text)).not.toBeNull();
  });

  it('hears an apology when the company has no Call Feature, or the number no chatbot', async () => {
    const settings = `/api/master/companies/${companyId}/settings`;
    expect((await master.patch(settings, { features: { callEnabled: false } })).status).toBe(200);
    try {
      expect(apologyOf((await line.ring()).text)).toMatch(/^Sorry, we cannot take your call/);
    } finally {
      await master.patch(settings, { features: { callEnabled: true } });
    }
    const spare = await createCallChatbot(admin, 'Spare desk');
    const spareLine = await PhoneLine.connect(t, twilioRest, admin, spare.id);
    expect((await admin.delete(`/api/company/chatbots/${spare.id}`)).status).toBe(204);
    expect(apologyOf((await spareLine.ring()).text)).toMatch(/^Sorry, we cannot take your call/);
  });

  it('hears that all lines are busy over the concurrency limit; a line that rang out frees up', async () => {
    const settings = `/api/master/companies/${companyId}/settings`;
    // Earlier tests left calls ringing: they hold lines until Twilio reports them over.
    for (const row of await callRows()) {
      if (row.status === 'pending' && row.twilioCallSid) {
        await line.status(row.twilioCallSid, 'no-answer');
      }
    }
    expect((await master.patch(settings, { limits: { maxConcurrentCalls: 1 } })).status).toBe(200);
    try {
      const first = await line.ring();
      expect(streamOf(first.text)).not.toBeNull();
      const second = await line.ring();
      expect(apologyOf(second.text)).toBe(
        'Sorry, all our lines are busy right now. Please call again in a few minutes.',
      );
      expect((await line.status(first.callSid, 'no-answer')).status).toBe(204);
      expect(streamOf((await line.ring()).text)).not.toBeNull();
    } finally {
      await master.patch(settings, { limits: { maxConcurrentCalls: 5 } });
    }
  });
});

describe('the media socket', () => {
  const mediaUrl = () => `${t.url.replace(/^http/, 'ws')}${MEDIA_PATH}`;

  it('refuses an upgrade without a signature with 403, before any socket opens', async () => {
    const refusal = await TwilioMediaClient.connect(mediaUrl(), line.authToken, {
      signature: null,
      headers: line.headers,
    }).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(UpgradeRefused);
    expect(refusal).toMatchObject({ status: 403, body: refused });
    expect((await t.client().request('GET', MEDIA_PATH, undefined, line.headers)).status).toBe(403);
  });

  it('closes a stream whose upgrade was signed with another token, and starts nothing', async () => {
    const ringing = await line.ring();
    const stream = streamOf(ringing.text);
    if (!stream) throw new Error('no stream');
    const connections = openai.connections.length;
    const client = await TwilioMediaClient.connect(stream.url, newAuthToken(), {
      headers: line.headers,
    });
    client.start({ accountSid: line.twilio.sid, callSid: ringing.callSid, token: stream.token });
    expect(await client.closed).toEqual({ code: 1008, reason: 'bad_signature' });
    expect((await callRow(ringing.callSid))?.status).toBe('pending');
    expect(openai.connections.length).toBe(connections);
  });

  it('starts a call once per token: a replayed token, or another call’s, is closed', async () => {
    const first = await line.ring();
    const other = await line.ring();
    const stream = streamOf(first.text);
    if (!stream) throw new Error('no stream');
    const connections = openai.connections.length;

    const misdirected = await TwilioMediaClient.connect(stream.url, line.authToken, {
      headers: line.headers,
    });
    misdirected.start({ accountSid: line.twilio.sid, callSid: other.callSid, token: stream.token });
    expect(await misdirected.closed).toEqual({ code: 1008, reason: 'token_of_another_call' });
    const garbled = await TwilioMediaClient.connect(stream.url, line.authToken, {
      headers: line.headers,
    });
    garbled.start({ accountSid: line.twilio.sid, callSid: first.callSid, token: 'not-a-token' });
    expect(await garbled.closed).toEqual({ code: 1008, reason: 'invalid_token' });
    expect((await callRow(first.callSid))?.status).toBe('pending');
    expect((await callRow(other.callSid))?.status).toBe('pending');
    expect(openai.connections.length).toBe(connections);

    // The misdirected stream spent the first call's token: it can no longer start.
    const late = await TwilioMediaClient.connect(stream.url, line.authToken, {
      headers: line.headers,
    });
    late.start({ accountSid: line.twilio.sid, callSid: first.callSid, token: stream.token });
    expect(await late.closed).toEqual({ code: 1008, reason: 'invalid_token' });

    const { client, callSid } = await line.answer();
    await client.until(() => client.player.receivedBytes > 0, 'the greeting');
    expect((await callRow(callSid))?.status).toBe('in_progress');
    const replayed = await TwilioMediaClient.connect(stream.url, line.authToken, {
      headers: line.headers,
    });
    replayed.start({ accountSid: line.twilio.sid, callSid, token: stream.token });
    expect((await replayed.closed).code).toBe(1008);
    expect(openai.connections.length).toBe(connections + 1);

    // Twilio reports the call completed while its stream is still open: the call ends.
    expect((await line.status(callSid, 'completed')).status).toBe(204);
    expect((await client.closed).code).toBe(1000);
    const row = await callRow(callSid);
    expect(row).toMatchObject({ status: 'completed', endReason: 'caller_hangup' });
  });
});

describe('status callbacks', () => {
  it('end a call that never connected as no_answer or failed, and only when signed', async () => {
    const cases = [
      { callStatus: 'no-answer', status: 'no_answer', endReason: 'no_answer' },
      { callStatus: 'busy', status: 'no_answer', endReason: 'busy' },
      { callStatus: 'canceled', status: 'no_answer', endReason: 'canceled' },
      { callStatus: 'failed', status: 'failed', endReason: 'network_failed' },
    ];
    for (const { callStatus, status, endReason } of cases) {
      const ringing = await line.ring();
      expect((await line.status(ringing.callSid, 'ringing')).status).toBe(204);
      expect((await callRow(ringing.callSid))?.status).toBe('pending');
      const forged = await line.status(ringing.callSid, callStatus, { signature: 'Zm9yZ2Vk' });
      expect(forged.status).toBe(403);
      expect((await callRow(ringing.callSid))?.status).toBe('pending');
      expect((await line.status(ringing.callSid, callStatus)).status).toBe(204);
      expect(await callRow(ringing.callSid)).toMatchObject({ status, endReason, durationMs: 0 });
    }
  });
});

describe('requests that fail validation', () => {
  let fresh: TestApp;
  let freshLine: PhoneLine;
  beforeAll(async () => {
    // Behind a proxy, so this test's flood comes from an address of its own.
    fresh = await startTestApp({ TWILIO_API_BASE_URL: twilioRest.url, TRUST_PROXY: 'true' });
    const tenants = await createTenants(fresh, { callEnabled: true });
    const bot = await createCallChatbot(tenants.as.adminA, 'Busy line');
    freshLine = await PhoneLine.connect(fresh, twilioRest, tenants.as.adminA, bot.id);
  }, 60_000);
  afterAll(() => fresh?.close());

  it('are cut off with 429 from one address, while Twilio’s signed requests keep going', async () => {
    const url = `${fresh.url}${STATUS_PATH}`;
    const { headers } = freshLine;
    const forged = { AccountSid: freshLine.twilio.sid, CallSid: sidOf('CA'), To: freshLine.number };
    const statuses: number[] = [];
    for (let i = 0; i < 105; i++) {
      statuses.push((await postSignedForm(url, newAuthToken(), forged, { headers })).status);
    }
    expect(statuses.slice(0, 100).every((status) => status === 403)).toBe(true);
    expect(statuses.slice(100)).toEqual(Array(5).fill(429));

    // A busy line: a hundred signed callbacks at once, from the same address, none throttled.
    const signed = await Promise.all(
      Array.from({ length: 100 }, () => freshLine.status(sidOf('CA'), 'ringing')),
    );
    expect(signed.map((answer) => answer.status)).toEqual(Array(100).fill(204));
  });
});
