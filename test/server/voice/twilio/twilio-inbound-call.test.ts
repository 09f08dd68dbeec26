import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTwilioRest, startFakeTwilio } from '../../../fakes/twilio-rest.js';
import type { ApiClient } from '../../../helpers/api-client.js';
import { createTenants } from '../../../helpers/fixtures.js';
import { createLocalCallBot } from '../../../helpers/local-call-bot.js';
import { spokenAudio } from '../../../helpers/speech.js';
import { startTestApp, type TestApp } from '../../../helpers/test-app.js';
import { eventually } from '../runner/runner-world.js';
import { CALLER, PhoneLine, playedOut, say } from './phone-line.js';

// A whole phone call with nothing fake but Twilio itself: a caller dials the
// company's number, the local engine (Silero VAD, pocketsphinx, the offline
// knowledge responder, flite) answers from the knowledge base, the caller
// cuts in, hangs up, and the call is on record.

let t: TestApp;
let twilioRest: FakeTwilioRest;
let admin: ApiClient;
let line: PhoneLine;

beforeAll(async () => {
  twilioRest = await startFakeTwilio();
  t = await startTestApp({ TWILIO_API_BASE_URL: twilioRest.url });
  const tenants = await createTenants(t, { callEnabled: true });
  admin = tenants.as.adminA;
  const bot = await createLocalCallBot(t, admin, { call: { greeting: 'Hello, Alpha Dental.' } });
  line = await PhoneLine.connect(t, twilioRest, admin, bot.id);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await twilioRest?.close();
});

const agentLines = async (callSid: string) =>
  (await line.transcript(callSid)).filter((row) => row.speaker === 'agent');

describe('a phone call answered by the local engine', () => {
  it('greets, answers from the knowledge base, lets the caller cut in, and is on record', async () => {
    const { client, callSid } = await line.answer(CALLER);
    await client.until(() => client.player.receivedBytes > 0, 'the greeting', 30_000);
    await playedOut(client);
    expect(client.heardMs()).toBeGreaterThan(500);
    await eventually(async () =>
      expect((await agentLines(callSid)).map((row) => row.text)).toEqual(['Hello, Alpha Dental.']),
    );

    await say(client, 'What are your business hours?');
    await eventually(async () => expect(await agentLines(callSid)).toHaveLength(2), 20_000);
    const [, answer] = await agentLines(callSid);
    expect(answer?.text).toContain('Monday to Friday from 8 am to 6 pm');
    const callerLines = (await line.transcript(callSid)).filter((row) => row.speaker === 'caller');
    expect(callerLines[0]?.text).toMatch(/business hours/);
    await playedOut(client);

    // The same question again, and the caller talks over the answer.
    const heardBefore = client.player.playedBytes;
    await say(client, 'What are your business hours?');
    await client.until(
      () => client.player.playedBytes - heardBefore > 8 * 1500,
      'the answer under way',
    );
    await client.speak(spokenAudio('Wait, wait, one moment please.'));
    await client.until(() => client.clears.length > 0, 'the clear');
    const [clear] = client.clears;
    expect(clear?.droppedBytes).toBeGreaterThan(0);
    const heardMs = ((clear?.playedBytes ?? 0) - heardBefore) / 8;
    await eventually(async () => {
      const cut = (await agentLines(callSid)).find((row) => row.interrupted);
      expect(cut?.text).toMatch(/^Our business hours/);
      const storedMs = (cut?.endMs ?? 0) - (cut?.startMs ?? 0);
      expect(storedMs).toBeLessThanOrEqual(heardMs);
      expect(storedMs).toBeGreaterThanOrEqual(heardMs - 60);
    });

    client.hangUp();
    await client.closed;
    expect((await line.status(callSid, 'completed')).status).toBe(204);
    await eventually(
      async () =>
        expect(await line.callRow(callSid)).toMatchObject({
          source: 'twilio',
          direction: 'inbound',
          status: 'completed',
          endReason: 'caller_hangup',
          callerId: CALLER.from,
          callerName: CALLER.callerName,
          twilioCallSid: callSid,
          integrationAccountId: line.accountId,
          summary: expect.stringMatching(/\w/),
        }),
      20_000,
    );

    const listed = await admin.get<{ calls: Array<Record<string, unknown>> }>('/api/company/calls');
    expect(listed.body.calls.find((call) => call.twilioCallSid === callSid)).toMatchObject({
      callerId: CALLER.from,
      callerName: CALLER.callerName,
      direction: 'inbound',
      source: 'twilio',
    });
  }, 120_000);
});
