import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAKE_OPENAI_KEY,
  type FakeOpenAIRealtime,
  startFakeOpenAIRealtime,
} from '../../../fakes/openai-realtime-server.js';
import { type FakeTwilioRest, startFakeTwilio } from '../../../fakes/twilio-rest.js';
import { createTenants, seededModelId } from '../../../helpers/fixtures.js';
import { spokenAudio } from '../../../helpers/speech.js';
import { startTestApp, type TestApp } from '../../../helpers/test-app.js';
import { createChatChatbot } from '../../../helpers/widget-visitor.js';
import { eventually } from '../runner/runner-world.js';
import { PhoneLine } from './phone-line.js';

// A phone call answered by OpenAI Realtime (the fake): μ-law from Twilio
// reaches the model byte for byte, and the model's μ-law reaches the caller
// byte for byte; nothing on the way decodes, resamples or encodes it.

let t: TestApp;
let twilioRest: FakeTwilioRest;
let openai: FakeOpenAIRealtime;
let line: PhoneLine;

beforeAll(async () => {
  twilioRest = await startFakeTwilio();
  // The first handshake fails: the caller talks while the agent is still connecting.
  openai = await startFakeOpenAIRealtime({
    refuse: [500],
    turnAfterAudioMs: 0,
    pacing: 'realtime',
    chunkMs: 100,
  });
  t = await startTestApp({
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
      },
    },
  });
  line = await PhoneLine.connect(t, twilioRest, tenants.as.adminA, chatbot.id);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await openai?.close();
  await twilioRest?.close();
});

const deltas = () =>
  openai
    .sentOf('response.output_audio.delta')
    .map((event) => Buffer.from(String(event.delta), 'base64'));

describe('a phone call answered by OpenAI Realtime', () => {
  it('passes μ-law through both ways untouched, from the caller’s first frame on', async () => {
    const { client, callSid } = await line.answer();
    // Spoken at once, while the agent's first connection attempt is refused and retried.
    await client.speak(spokenAudio('Hello, is anybody there?'));
    const session = openai.eventsOf('session.update')[0]?.session as {
      audio: { input: { format: unknown }; output: { format: unknown } };
    };
    expect(session.audio.input.format).toEqual({ type: 'audio/pcmu' });
    expect(session.audio.output.format).toEqual({ type: 'audio/pcmu' });
    expect(openai.handshakes.map((handshake) => handshake.status)).toEqual([500, 101]);

    const connection = openai.connections[0];
    if (!connection) throw new Error('no OpenAI connection');
    const sent = Buffer.concat(client.sentAudio);
    await client.until(
      () => Buffer.concat(connection.callerAudio).length >= sent.length,
      'the caller audio at the model',
    );
    expect(Buffer.concat(connection.callerAudio)).toEqual(sent);

    await client.until(() => client.player.queuedMs === 0 && deltas().length > 0, 'the greeting');
    await client.until(
      () => client.player.receivedBytes === Buffer.concat(deltas()).length,
      'all of the greeting',
    );
    expect(Buffer.concat(client.player.received)).toEqual(Buffer.concat(deltas()));
    // The greeting is 600 ms of 8 kHz μ-law.
    expect(client.player.receivedBytes).toBe(4800);

    client.hangUp();
    await client.closed;
    await eventually(async () =>
      expect(await line.callRow(callSid)).toMatchObject({
        source: 'twilio',
        status: 'completed',
        endReason: 'caller_hangup',
      }),
    );
  }, 30_000);

  it('cuts the answer on barge-in to exactly what the caller heard', async () => {
    const { client, callSid } = await line.answer();
    await client.until(() => client.player.receivedBytes >= 4800, 'the greeting');
    await client.until(() => client.player.queuedMs === 0, 'the greeting played');
    // A moment of quiet: the agent has finished, so the question is no barge-in.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const heardBefore = client.player.playedBytes;

    void openai.callerTurn({
      transcript: 'When are you open?',
      reply: {
        say: 'We are open from nine to five on weekdays and until one on Saturday.',
        // Long enough that the caller is still hearing it when the cut-in reaches the
        // server, even when CI's cores are busy (then a cut-in found it all heard).
        audioMs: 12_000,
      },
    });
    await client.until(
      () => client.player.playedBytes - heardBefore >= 8 * 1300,
      'part of the answer',
    );
    await openai.callerTurn({ transcript: 'Thanks, that is all.' });
    await client.until(() => client.clears.length === 1, 'the clear');
    await client.until(
      () => openai.eventsOf('conversation.item.truncate').length === 1,
      'the truncation',
    );
    const heardMs = ((client.clears[0]?.playedBytes ?? 0) - heardBefore) / 8;
    const truncate = openai.eventsOf('conversation.item.truncate')[0];
    const audioEndMs = Number(truncate?.audio_end_ms);
    // Never more than the caller heard; less by the marks still on their way back
    // (one 20 ms piece on a quiet machine, a few more when CI shares its cores).
    expect(audioEndMs).toBeLessThanOrEqual(heardMs);
    expect(audioEndMs).toBeGreaterThanOrEqual(heardMs - 120);
    expect(client.clears[0]?.droppedBytes).toBeGreaterThan(0);

    // The stored answer ends where the caller stopped hearing it.
    await eventually(async () => {
      const cut = (await line.transcript(callSid)).find((row) => row.interrupted);
      expect(cut && cut.endMs - cut.startMs).toBe(audioEndMs);
    });
    client.hangUp();
    await client.closed;
  }, 30_000);
});
