import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAKE_OPENAI_KEY,
  type FakeOpenAIRealtime,
  startFakeOpenAIRealtime,
} from '../../fakes/openai-realtime-server.js';
import { type FakeTwilioRest, startFakeTwilio } from '../../fakes/twilio-rest.js';
import { createTenants, seededModelId } from '../../helpers/fixtures.js';
import { decodeOggOpus, rmsBetween } from '../../helpers/recording-audio.js';
import { spokenAudio } from '../../helpers/speech.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createChatChatbot } from '../../helpers/widget-visitor.js';
import { eventually } from '../voice/runner/runner-world.js';
import { PhoneLine, playedOut } from '../voice/twilio/phone-line.js';

// A phone call with recording on: Twilio's μ-law passes through to OpenAI
// Realtime (the fake) untouched, and the recording still has the caller on
// the left and the agent's greeting on the right, each when it was heard.

let t: TestApp;
let twilioRest: FakeTwilioRest;
let openai: FakeOpenAIRealtime;
let line: PhoneLine;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'buzzi-phone-recordings-'));
  twilioRest = await startFakeTwilio();
  openai = await startFakeOpenAIRealtime({ pacing: 'realtime', chunkMs: 100 });
  t = await startTestApp({
    BUZZI_DATA_DIR: dataDir,
    TWILIO_API_BASE_URL: twilioRest.url,
    OPENAI_API_KEY: FAKE_OPENAI_KEY,
    OPENAI_BASE_URL: openai.url,
  });
  const tenants = await createTenants(t, { callEnabled: true });
  const chatbot = await createChatChatbot(tenants.as.adminA, {
    name: 'Phone desk',
    chatbotType: 'call',
    settings: {
      call: {
        modelId: await seededModelId(t.db, 'gpt-realtime'),
        greeting: 'Hello from Alpha Dental.',
        recording: true,
      },
    },
  });
  line = await PhoneLine.connect(t, twilioRest, tenants.as.adminA, chatbot.id);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await openai?.close();
  await twilioRest?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a recorded phone call', () => {
  it('records the caller left and the agent right on one timeline', async () => {
    const { client, callSid } = await line.answer();
    const start = performance.now();
    const since = () => performance.now() - start;
    await client.until(() => client.player.receivedBytes > 0, 'the greeting');
    await playedOut(client, 300);
    const greetingEndMs = since() - 300;
    const speechFromMs = since();
    await client.speak(spokenAudio('What are your business hours?'));
    const speechToMs = since();
    await new Promise((resolve) => setTimeout(resolve, 400));
    client.hangUp();
    await client.closed;

    let row: Awaited<ReturnType<PhoneLine['callRow']>>;
    await eventually(async () => {
      row = await line.callRow(callSid);
      expect(row?.recordingPath).toBeTruthy();
    });
    const file = path.join(dataDir, 'recordings', row?.recordingPath ?? '');
    const { left, right, sampleRate } = await decodeOggOpus(await readFile(file));
    expect(row?.recordingDurationMs).toBeGreaterThan(speechToMs);

    // The greeting (600 ms of tone, sent in real time): the agent only.
    expect(rmsBetween(right, sampleRate, 150, 550)).toBeGreaterThan(0.05);
    expect(rmsBetween(left, sampleRate, 150, 550)).toBeLessThan(0.01);
    expect(rmsBetween(right, sampleRate, 900, greetingEndMs)).toBeLessThan(0.01);
    // The caller's question where it was spoken, with nothing from the agent over it.
    expect(rmsBetween(left, sampleRate, speechFromMs + 200, speechToMs - 300)).toBeGreaterThan(
      0.02,
    );
    expect(rmsBetween(right, sampleRate, speechFromMs, speechToMs)).toBeLessThan(0.01);
  }, 30_000);
});
