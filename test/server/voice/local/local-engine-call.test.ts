import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, conversations, messages, tickets } from '../../../../src/server/db/schema/index.js';
import { resample, type SampleRate } from '../../../../src/server/voice/audio/resampler.js';
import { createTenants } from '../../../helpers/fixtures.js';
import { createLocalCallBot } from '../../../helpers/local-call-bot.js';
import { concatAudio, silenceAudio, spokenAudio } from '../../../helpers/speech.js';
import { startTestApp, type TestApp } from '../../../helpers/test-app.js';
import { CallClient, type CallEvent } from '../browser-gateway-client.js';
import { newCallSession } from '../browser-gateway-setup.js';

// End to end with nothing fake: Silero VAD, pocketsphinx, the offline
// knowledge responder and flite answer a caller whose words are flite speech.

let t: TestApp;
let publicId: string;
let companyId: string;

beforeAll(async () => {
  t = await startTestApp();
  const tenants = await createTenants(t, { callEnabled: true });
  companyId = tenants.companyA.id;
  const bot = await createLocalCallBot(t, tenants.as.adminA, {
    call: { greeting: 'Hello, Alpha Dental.' },
  });
  publicId = bot.publicId;
}, 60_000);
afterAll(() => t?.close());

const finals = (client: CallClient, speaker: 'caller' | 'agent') =>
  client
    .eventsOf('transcript.final')
    .filter((e: CallEvent) => e.speaker === speaker)
    .map((e) => String(e.text));

async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The caller says `text` into the microphone, then is quiet long enough for the turn to end. */
async function say(client: CallClient, text: string, rate: SampleRate): Promise<void> {
  const speech = concatAudio([spokenAudio(text), silenceAudio(1200)]);
  const samples = rate === 16000 ? speech.samples : resample(speech.samples, 16000, rate);
  await client.streamAudio(samples, rate);
}

describe('a browser call answered by the local engine', () => {
  it('answers from the knowledge base, escalates on request and ends on goodbye', async () => {
    const session = await newCallSession(t.client(), publicId);
    expect(session.inputSampleRate).toBe(16000);
    const client = await CallClient.connect(
      `${session.wsUrl}?token=${session.token}`,
      session.outputSampleRate,
    );
    client.startPlayer();
    await waitFor(() => finals(client, 'agent').includes('Hello, Alpha Dental.'), 'the greeting');
    expect(client.receivedAudioMs()).toBeGreaterThan(500);

    await say(client, 'What are your business hours?', session.inputSampleRate as SampleRate);
    await waitFor(() => finals(client, 'agent').length >= 2, 'the answer');
    expect(finals(client, 'caller')[0]).toMatch(/business hours/);
    const answer = finals(client, 'agent')[1];
    expect(answer).toContain('Monday to Friday from 8 am to 6 pm');
    const audioBefore = client.receivedAudioMs();

    await say(client, 'I want to talk to a person.', session.inputSampleRate as SampleRate);
    await waitFor(() => finals(client, 'agent').length >= 3, 'the hand-off');
    expect(finals(client, 'caller')[1]).toMatch(/talk to a person/);
    expect(finals(client, 'agent')[2]).toBe('All agents are busy. Can I take a message?');
    expect(client.receivedAudioMs()).toBeGreaterThan(audioBefore + 1000);
    const [call] = await t.db.select().from(calls).where(eq(calls.companyId, companyId));
    expect(call?.conversationId).toBeTruthy();
    const [conversation] = await t.db
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.companyId, companyId),
          eq(conversations.id, call?.conversationId ?? ''),
        ),
      );
    expect(conversation).toMatchObject({ channel: 'voice_call', status: 'waiting_human' });

    await say(client, 'Goodbye.', session.inputSampleRate as SampleRate);
    const closed = await client.closed;
    expect(closed.code).toBe(1000);
    const ended = client.eventsOf('call.ended')[0];
    expect(ended?.reason).toMatch(/end_phrase|agent_ended/);
    expect(finals(client, 'agent').at(-1)).toMatch(/Goodbye/);
    // Nobody took the call and no message was left: a missed escalation, not a caller still waiting.
    expect(await conversationOf(call?.conversationId ?? '')).toMatchObject({
      status: 'closed',
      notes: [expect.stringMatching(/^Missed escalation: .*left no message/)],
    });
  }, 90_000);

  it('takes a message from a caller nobody can take: name and number by voice become a ticket', async () => {
    const session = await newCallSession(t.client(), publicId);
    const rate = session.inputSampleRate as SampleRate;
    const client = await CallClient.connect(
      `${session.wsUrl}?token=${session.token}`,
      session.outputSampleRate,
    );
    client.startPlayer();
    await waitFor(() => finals(client, 'agent').length >= 1, 'the greeting');
    const answerTo = async (text: string) => {
      const before = finals(client, 'agent').length;
      await say(client, text, rate);
      await waitFor(() => finals(client, 'agent').length > before, `the answer to "${text}"`);
      return finals(client, 'agent').at(-1) ?? '';
    };

    expect(await answerTo('I want to talk to a person.')).toBe(
      'All agents are busy. Can I take a message?',
    );
    expect(await answerTo('Yes please.')).toBe('May I have your name, please?');
    expect(await answerTo('My name is John Smith.')).toMatch(
      /^Thank you, \w+\. What number can we call you back on\?$/,
    );
    expect(await answerTo('Five five five, one two three, four five six seven.')).toBe(
      'What would you like us to call you about?',
    );
    expect(await answerTo('I need a new appointment.')).toBe(
      'And when is the best time to call you back?',
    );
    expect(await answerTo('Tomorrow morning.')).toMatch(
      /^Let me read that back: .* Is that right\?$/,
    );
    expect(await answerTo('Yes.')).toMatch(/I've passed your message to the team.*Goodbye!$/);
    await client.closed;
    expect(client.eventsOf('call.ended')[0]?.reason).toBe('agent_ended');
    const callId = String(client.eventsOf('call.started')[0]?.callId);

    const [call] = await t.db
      .select()
      .from(calls)
      .where(and(eq(calls.companyId, companyId), eq(calls.id, callId)));
    const [ticket] = await t.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.companyId, companyId), eq(tickets.callId, callId)));
    // Recognition of a name and of ten digits may slip on one word; the rest must be right.
    expect(ticket?.name).toMatch(/John|Smith/);
    expect(ticket?.phone).toMatch(/^555\d{4,}$/);
    expect(ticket?.message).toMatch(/appointment[\s\S]*Best time to call: .*morning/);
    expect(ticket?.conversationId).toBe(call?.conversationId);
    expect(await conversationOf(call?.conversationId ?? '')).toMatchObject({
      status: 'closed',
      notes: [expect.stringMatching(/left a message, see Tickets/)],
    });
  }, 120_000);
});

async function conversationOf(conversationId: string) {
  const [conversation] = await t.db
    .select()
    .from(conversations)
    .where(and(eq(conversations.companyId, companyId), eq(conversations.id, conversationId)));
  const notes = await t.db
    .select({ content: messages.content })
    .from(messages)
    .where(and(eq(messages.companyId, companyId), eq(messages.conversationId, conversationId)));
  return { status: conversation?.status, notes: notes.map((note) => note.content) };
}

describe('a local-engine call on a server without the speech packages', () => {
  let bare: TestApp;
  let botId: string;
  beforeAll(async () => {
    bare = await startTestApp({ FLITE_BIN: '/nonexistent/bin/flite' });
    const tenants = await createTenants(bare, { callEnabled: true });
    botId = (await createLocalCallBot(bare, tenants.as.adminA)).publicId;
  }, 60_000);
  afterAll(() => bare?.close());

  it('ends the call cleanly as provider_unavailable, and the server keeps serving', async () => {
    const session = await newCallSession(bare.client(), botId);
    const client = await CallClient.connect(
      `${session.wsUrl}?token=${session.token}`,
      session.outputSampleRate,
    );
    const closed = await client.closed;
    expect(client.eventsOf('error')[0]).toMatchObject({ code: 'provider_unavailable' });
    expect(client.eventsOf('call.ended')[0]).toMatchObject({ reason: 'provider_unavailable' });
    expect(closed.code).toBe(1000);
    expect((await bare.client().get('/api/health')).status).toBe(200);
  });
});
