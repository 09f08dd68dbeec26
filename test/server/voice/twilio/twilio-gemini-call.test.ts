import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAKE_GEMINI_KEY,
  type FakeGeminiLive,
  startFakeGeminiLive,
} from '../../../fakes/gemini-live-server.js';
import { type FakeTwilioRest, startFakeTwilio } from '../../../fakes/twilio-rest.js';
import { createTenants, seededModelId } from '../../../helpers/fixtures.js';
import { concatAudio, silenceAudio, spokenAudio } from '../../../helpers/speech.js';
import { startTestApp, type TestApp } from '../../../helpers/test-app.js';
import { createChatChatbot } from '../../../helpers/widget-visitor.js';
import { eventually } from '../runner/runner-world.js';
import { PhoneLine } from './phone-line.js';

// A phone call answered by Gemini Live (the fake), which takes PCM: the
// caller's μ-law reaches it as 16 kHz PCM, its 24 kHz answer reaches the
// caller as 8 kHz μ-law, through the runner's resamplers.

let t: TestApp;
let twilioRest: FakeTwilioRest;
let gemini: FakeGeminiLive;
let line: PhoneLine;

beforeAll(async () => {
  twilioRest = await startFakeTwilio();
  gemini = await startFakeGeminiLive({
    replies: [
      { agentText: ['Hello from Alpha Dental.'] },
      { callerText: ['When are you open?'], agentText: ['From nine ', 'to five.'] },
    ],
  });
  t = await startTestApp({
    TWILIO_API_BASE_URL: twilioRest.url,
    GEMINI_API_KEY: FAKE_GEMINI_KEY,
    GEMINI_BASE_URL: gemini.url,
  });
  const tenants = await createTenants(t, { callEnabled: true });
  const chatbot = await createChatChatbot(tenants.as.adminA, {
    name: 'Phone desk',
    chatbotType: 'call',
    settings: {
      call: {
        modelId: await seededModelId(t.db, 'gemini-3.8-live'),
        greeting: 'Hello from Alpha Dental.',
      },
    },
  });
  line = await PhoneLine.connect(t, twilioRest, tenants.as.adminA, chatbot.id);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await gemini?.close();
  await twilioRest?.close();
});

describe('a phone call answered by Gemini Live', () => {
  it('hears the caller at 16 kHz and speaks to them in 8 kHz μ-law', async () => {
    const { client, callSid } = await line.answer();
    // The greeting: 200 ms of 24 kHz tone, 1600 bytes once at 8 kHz μ-law.
    await client.until(() => client.player.receivedBytes >= 1600, 'the greeting');
    await client.speak(concatAudio([spokenAudio('When are you open?'), silenceAudio(1200)]));
    await client.until(() => client.player.receivedBytes >= 1600 + 3200, 'the answer');

    const [connection] = gemini.connections;
    expect(connection?.audio.sampleRates).toEqual([16000]);
    expect(connection?.audio.loudChunks).toBeGreaterThan(0);
    // Time keeps its length across the resamplers: everything the caller said got there.
    const sentMs = Buffer.concat(client.sentAudio).length / 8;
    expect((connection?.audio.samples ?? 0) / 16).toBeGreaterThanOrEqual(sentMs - 20);

    await eventually(async () =>
      expect((await line.transcript(callSid)).map((row) => [row.speaker, row.text])).toEqual([
        ['agent', 'Hello from Alpha Dental.'],
        ['caller', 'When are you open?'],
        ['agent', 'From nine to five.'],
      ]),
    );
    client.hangUp();
    await client.closed;
    await eventually(async () =>
      expect(await line.callRow(callSid)).toMatchObject({
        status: 'completed',
        endReason: 'caller_hangup',
      }),
    );
  }, 30_000);
});
