import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiModels, calls, callTranscripts } from '../../../src/server/db/schema/index.js';
import { LOCAL_ENGINE_MODEL_ID } from '../../../src/server/seed/catalog.js';
import { decodeWav } from '../../../src/server/voice/audio/wav.js';
import { toneSamples } from '../../fakes/pcm-tone.js';
import type { CallClient } from './browser-gateway-client.js';
import {
  fundamentalHz,
  type GatewayWorld,
  hangUp,
  type newCallSession,
  speechLikeWav,
  startBrowserCall,
  startGatewayWorld,
} from './browser-gateway-setup.js';

// A whole browser call over a real WebSocket: the widget's side streams a WAV
// file in real time against a chatbot answered by OpenAI Realtime (the local
// fake speaking its protocol), and the call's record lands in the database.

const GREETING = 'Hello from Alpha Dental.';
const FIRST_QUESTION = 'I would like to book a cleaning';
const LONG_ANSWER = 'Sure, we have openings on Monday and Tuesday morning, and on Friday too.';
const INTERRUPTION = 'Monday works';

let world: GatewayWorld;
const turns: NonNullable<Parameters<typeof startGatewayWorld>[0]>['turns'] = [];

beforeAll(async () => {
  world = await startGatewayWorld({ turns, turnAfterAudioMs: 300 });
});

afterAll(async () => {
  await world?.close();
});

describe('a browser call', () => {
  let client: CallClient;
  let callId: string;
  let sessionBody: Awaited<ReturnType<typeof newCallSession>>;

  it('hands the widget a session with its socket, audio rates and call settings', async () => {
    const bot = await world.createCallBot({ echoCancellation: false, maxDurationMin: 5 });
    const res = await world.visitor().request(
      'POST',
      '/api/widget/call/session',
      { chatbotId: bot.publicId },
      {
        origin: 'https://dentist.example',
      },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    sessionBody = res.body as typeof sessionBody;
    // The caller sends at OpenAI Realtime's own rate, so the server resamples nothing.
    expect(sessionBody).toMatchObject({
      inputSampleRate: 24_000,
      outputSampleRate: 24_000,
      settings: {
        echoCancellation: false,
        noiseSuppression: true,
        allowInterruption: true,
        maxDurationMs: 300_000,
        showTranscript: true,
      },
    });
    expect(sessionBody.wsUrl).toBe(
      `${world.t.url.replace('http', 'ws')}/api/widget/call/${sessionBody.sessionId}/ws`,
    );
    expect(sessionBody.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(JSON.stringify(sessionBody)).not.toMatch(/companyId|instructions|modelId|greeting/);
  });

  it('asks callers of a 16 kHz provider for 16 kHz audio', async () => {
    const [local] = await world.t.db
      .select({ id: aiModels.id })
      .from(aiModels)
      .where(eq(aiModels.modelId, LOCAL_ENGINE_MODEL_ID));
    const bot = await world.createCallBot({ modelId: local?.id ?? null });
    const res = await world
      .visitor()
      .request('POST', '/api/widget/call/session', { chatbotId: bot.publicId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ inputSampleRate: 16_000, outputSampleRate: 24_000 });
  });

  it('starts the call and plays the greeting as 24 kHz PCM16 with its transcript', async () => {
    client = await startBrowserCall(sessionBody);
    client.startPlayer();
    callId = String(client.eventsOf('call.started')[0]?.callId);
    expect(callId).toMatch(/^[0-9a-f-]{36}$/);

    await client.waitFor('agent.speaking', (e) => e.speaking === true);
    await client.until(() => client.receivedAudioMs() >= 600, '600 ms of greeting audio');
    // The fake speaks a continuous 440 Hz tone at 24 kHz; it arrives sample for sample.
    const greeting = client.receivedSamples();
    expect([...greeting.subarray(0, 2400)]).toEqual([...toneSamples(0, 2400)]);
    const deltas = client
      .eventsOf('transcript.delta')
      .filter((e) => e.speaker === 'agent')
      .map((e) => e.text)
      .join('');
    expect(deltas).toBe(GREETING);
    await client.waitFor('transcript.final', (e) => e.speaker === 'agent' && e.text === GREETING);
    await client.waitFor('agent.speaking', (e) => e.speaking === false, 3000);
  });

  it('carries the caller’s WAV in real time to the provider at 24 kHz and clears playback on barge-in', async () => {
    turns?.push(
      { transcript: FIRST_QUESTION, reply: { say: LONG_ANSWER, audioMs: 4000 } },
      { transcript: INTERRUPTION, reply: { say: 'Great, Monday it is.', audioMs: 400 } },
    );
    const wav = decodeWav(speechLikeWav(1000, sessionBody.inputSampleRate));
    expect(wav.sampleRate).toBe(24_000);
    const streamedAt = performance.now();
    await client.streamAudio(wav.samples, wav.sampleRate);
    expect(performance.now() - streamedAt).toBeGreaterThanOrEqual(950);

    await client.waitFor(
      'transcript.final',
      (e) => e.speaker === 'caller' && e.text === FIRST_QUESTION,
    );
    await client.waitFor('user.speaking', (e) => e.speaking === true);
    // The second turn begins while the 4 s answer is still playing: the widget must drop it.
    await client.waitFor('playback.clear');
    await client.waitFor(
      'transcript.final',
      (e) => e.speaker === 'caller' && e.text === INTERRUPTION,
    );

    const session = world.fake.eventsOf('session.update')[0]?.session as {
      audio: { input: { format: { type: string; rate: number } } };
    };
    expect(session.audio.input.format).toEqual({ type: 'audio/pcm', rate: 24_000 });
    const heard = world.fake.callerAudio();
    // One second of caller audio reaches the provider as one second at 24 kHz, same pitch.
    expect(heard.length).toBeGreaterThan(24_000 * 0.9);
    expect(heard.length).toBeLessThan(24_000 * 1.1);
    expect(fundamentalHz(heard.subarray(2400), 24_000)).toBeCloseTo(220, -1);
  });

  it('ends on the caller’s "end" with call.ending, call.ended and a closed socket', async () => {
    const ended = await hangUp(client);
    expect(client.eventsOf('call.ending').map((e) => e.reason)).toEqual(['caller_ended']);
    expect(ended.reason).toBe('caller_ended');
    expect(ended.durationMs).toBeGreaterThan(1000);
    expect((await client.closed).code).toBe(1000);
  });

  it('leaves the call and its transcript in the database', async () => {
    const [call] = await world.t.db.select().from(calls).where(eq(calls.id, callId));
    expect(call).toMatchObject({
      companyId: world.tenants.companyA.id,
      source: 'web',
      status: 'completed',
      endReason: 'caller_ended',
    });
    expect(call?.durationMs).toBeGreaterThan(1000);
    const lines = await world.t.db
      .select()
      .from(callTranscripts)
      .where(
        and(
          eq(callTranscripts.companyId, world.tenants.companyA.id),
          eq(callTranscripts.callId, callId),
        ),
      )
      .orderBy(asc(callTranscripts.seq));
    expect(lines.map((l) => [l.speaker, l.text])).toEqual(
      expect.arrayContaining([
        ['agent', GREETING],
        ['caller', FIRST_QUESTION],
        ['caller', INTERRUPTION],
      ]),
    );
    const cut = lines.find((l) => l.speaker === 'agent' && l.text !== GREETING);
    expect(cut?.interrupted).toBe(true);
  });
});
