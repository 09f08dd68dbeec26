import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callPhrases } from '../../../../src/server/voice/runner/call-phrases.js';
import type { FakeTwilioCall, FakeTwilioRest } from '../../../fakes/twilio-rest.js';
import { startFakeTwilio } from '../../../fakes/twilio-rest.js';
import type { ApiClient } from '../../../helpers/api-client.js';
import { createTenants } from '../../../helpers/fixtures.js';
import { createLocalCallBot } from '../../../helpers/local-call-bot.js';
import { startTestApp, type TestApp } from '../../../helpers/test-app.js';
import { eventually } from '../runner/runner-world.js';
import { PhoneLine, playedOut, say } from './phone-line.js';

// A caller who asks for a person is handed to the chatbot's transfer number:
// the local engine hears the request, the agent says the hand-off line, and
// the live call is redirected with Twilio's REST API (the fake) to a <Dial>.

const TRANSFER_NUMBER = '+15550001111';
const DIAL_TWIML = `<?xml version="1.0" encoding="UTF-8"?><Response><Dial>${TRANSFER_NUMBER}</Dial></Response>`;

let t: TestApp;
let twilioRest: FakeTwilioRest;
let admin: ApiClient;
let line: PhoneLine;

beforeAll(async () => {
  twilioRest = await startFakeTwilio();
  t = await startTestApp({ TWILIO_API_BASE_URL: twilioRest.url });
  admin = (await createTenants(t, { callEnabled: true })).as.adminA;
  const bot = await createLocalCallBot(t, admin, {
    call: { greeting: 'Hello, Alpha Dental.', transferNumber: '+1 (555) 000-1111' },
  });
  line = await PhoneLine.connect(t, twilioRest, admin, bot.id);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await twilioRest?.close();
});

const agentLines = async (callSid: string) =>
  (await line.transcript(callSid)).filter((row) => row.speaker === 'agent').map((row) => row.text);

const redirectsOf = (callSid: string) =>
  twilioRest.requests.filter(
    (request) =>
      request.method === 'POST' &&
      request.path === `/2010-04-01/Accounts/${line.twilio.sid}/Calls/${callSid}.json`,
  );

describe('transfer to a person by phone', () => {
  it('stores the transfer number E.164 in the call settings', async () => {
    const chatbots = await admin.get<{ chatbots: Array<{ id: string }> }>('/api/company/chatbots');
    const id = chatbots.body.chatbots[0]?.id;
    const settings = await admin.get<{ callSettings: { transferNumber: string | null } }>(
      `/api/company/chatbots/${id}/call-settings`,
    );
    expect(settings.body.callSettings.transferNumber).toBe(TRANSFER_NUMBER);
    const refused = await admin.patch(`/api/company/chatbots/${id}/call-settings`, {
      transferNumber: 'front desk',
    });
    expect(refused.status).toBe(400);
    expect((refused.body as { fields?: Record<string, string> }).fields).toHaveProperty(
      'transferNumber',
    );
  });

  it('says the hand-off line, redirects the live call to <Dial> the number, and records it', async () => {
    const { client, callSid } = await line.answer();
    await client.until(() => client.player.receivedBytes > 0, 'the greeting', 30_000);
    await playedOut(client);
    const heardBefore = client.player.playedBytes;

    const redirected = once(twilioRest.events, 'callUpdated') as Promise<[FakeTwilioCall]>;
    await say(client, 'I want to talk to a person');
    const [call] = await redirected;
    expect(call.sid).toBe(callSid);
    expect(call.updates.map((update) => update.get('Twiml'))).toEqual([DIAL_TWIML]);
    // The caller heard the hand-off line before the line was redirected.
    expect(client.player.playedBytes - heardBefore).toBeGreaterThan(8 * 1500);
    expect(await agentLines(callSid)).toEqual(['Hello, Alpha Dental.', callPhrases.transferring]);
    expect(redirectsOf(callSid)[0]?.auth).toEqual({
      username: line.twilio.sid,
      password: line.authToken,
    });

    // The <Dial> replaces the stream: Twilio stops it.
    client.hangUp();
    await client.closed;
    await eventually(async () =>
      expect(await line.callRow(callSid)).toMatchObject({
        status: 'completed',
        endReason: 'transferred',
        transferredTo: TRANSFER_NUMBER,
      }),
    );
    // The Calls page shows where the call went.
    const row = await line.callRow(callSid);
    const details = await admin.get<{ call: { transferredTo: string | null } }>(
      `/api/company/calls/${row?.id}`,
    );
    expect(details.body.call.transferredTo).toBe(TRANSFER_NUMBER);
  }, 90_000);

  it('keeps the agent on the line when Twilio refuses the redirect', async () => {
    const { client, callSid } = await line.answer();
    // Twilio no longer knows the call: the redirect gets its 404.
    twilioRest.calls.delete(callSid);
    await client.until(() => client.player.receivedBytes > 0, 'the greeting', 30_000);
    await playedOut(client);

    await say(client, 'I want to talk to a person');
    await eventually(
      async () =>
        expect(await agentLines(callSid)).toEqual([
          'Hello, Alpha Dental.',
          callPhrases.transferring,
          callPhrases.transferFailed,
        ]),
      30_000,
    );
    expect(redirectsOf(callSid)).toHaveLength(1);
    expect(client.isOpen).toBe(true);
    expect(await line.callRow(callSid)).toMatchObject({ status: 'in_progress' });
    await playedOut(client);

    // The conversation goes on.
    await say(client, 'What are your business hours?');
    await eventually(async () => {
      const lines = await agentLines(callSid);
      expect(lines.at(-1)).toContain('Monday to Friday from 8 am to 6 pm');
    }, 30_000);
    client.hangUp();
    await client.closed;
    await eventually(async () =>
      expect(await line.callRow(callSid)).toMatchObject({
        status: 'completed',
        endReason: 'caller_hangup',
        transferredTo: null,
      }),
    );
  }, 90_000);

  it('without a transfer number, the agent says all agents are busy and offers to take a message', async () => {
    const bot = await createLocalCallBot(t, admin, {
      name: 'No transfer',
      call: { greeting: 'Hello, Alpha Dental.' },
    });
    const noTransfer = await PhoneLine.connect(t, twilioRest, admin, bot.id);
    const { client, callSid } = await noTransfer.answer();
    await client.until(() => client.player.receivedBytes > 0, 'the greeting', 30_000);
    await playedOut(client);
    await say(client, 'I want to talk to a person');
    await eventually(async () => {
      const lines = (await noTransfer.transcript(callSid)).filter((r) => r.speaker === 'agent');
      expect(lines.at(-1)?.text).toBe(callPhrases.busy);
    }, 30_000);
    expect(twilioRest.calls.get(callSid)?.updates).toEqual([]);
    client.hangUp();
    await client.closed;
  }, 90_000);
});
