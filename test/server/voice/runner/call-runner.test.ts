import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameDurationMs } from '../../../../src/server/voice/audio/frame.js';
import {
  callRow,
  createRunnerWorld,
  eventually,
  type RunnerWorld,
  startRunner,
  transcriptRows,
} from './runner-world.js';

let world: RunnerWorld;

beforeAll(async () => {
  world = await createRunnerWorld();
});
afterAll(() => world?.close());

const GREETING = 'Hello, Alpha Dental, how can I help?';

describe('CallRunner: greeting, audio and the record', () => {
  it('speaks the greeting first, before anything else reaches the caller', async () => {
    const { session, leg, runner } = await startRunner(world, { settings: { greeting: GREETING } });
    expect(session.log.slice(0, 2)).toEqual(['session.connect', `session.say:${GREETING}`]);
    expect(session.said).toEqual([GREETING]);
    expect(leg.notices[0]).toEqual({ type: 'call.started', callId: runner.callId });
    expect(leg.noticesOf('agent.speaking').map((n) => n.speaking)).toEqual([true, false]);
    // The greeting's audio (7 words × 300 ms) reached the caller.
    const playedMs = leg.played.reduce((sum, f) => sum + frameDurationMs(f), 0);
    expect(playedMs).toBe(2100);
    expect(runner.utterances[0]).toMatchObject({ seq: 1, speaker: 'agent', text: GREETING });
    await runner.end('caller_hangup');
  });

  it('passes the call settings to the provider session', async () => {
    const { session, runner } = await startRunner(world, {
      settings: { voice: 'cedar', speed: 1.25, vadThreshold: 0.7, realtimeTranscription: false },
    });
    expect(session.config).toMatchObject({
      voice: 'cedar',
      speed: 1.25,
      vad: { threshold: 0.7 },
      inputTranscription: false,
      callId: runner.callId,
      instructions: 'You are the front desk of Alpha Dental.',
    });
    expect(session.config.tools.map((t) => t.name)).toEqual([
      'search_knowledge_base',
      'escalate_to_human',
      'take_message',
      'end_call',
    ]);
    await runner.end('caller_hangup');
  });

  it.each([
    [8000, 'a phone leg'],
    [48000, 'a WebRTC leg'],
    [24000, 'a leg at the provider rate'],
  ])("forwards caller audio at %i Hz (%s) resampled to the provider's 24 kHz", async (rate) => {
    const { session, leg, runner } = await startRunner(world, { legRates: [rate, rate] });
    leg.speak(400);
    expect(session.audioIn.length).toBe(20);
    for (const frame of session.audioIn) {
      expect(frame.sampleRate).toBe(24000);
      expect(frame.samples.length).toBe(480);
    }
    // The tone survives the conversion: the same loudness at the new rate.
    const tail = session.audioIn.slice(5).flatMap((f) => [...f.samples]);
    const rms = Math.sqrt(tail.reduce((sum, s) => sum + s * s, 0) / tail.length);
    expect(rms).toBeGreaterThan(6000 / Math.SQRT2 - 150);
    expect(rms).toBeLessThan(6000 / Math.SQRT2 + 150);
    // And the agent's 24 kHz audio is played at the leg's rate.
    session.answer('Sure, one moment.');
    const frame = leg.played.at(-1);
    expect(frame?.sampleRate).toBe(rate);
    expect(frame?.samples.length).toBe((rate * 20) / 1000);
    await runner.end('caller_hangup');
  });

  it('stores each utterance as it finalizes and the outcome when the caller hangs up', async () => {
    const { session, leg, runner, clock, callId } = await startRunner(world, {
      settings: { greeting: GREETING },
    });
    await eventually(async () =>
      expect(await transcriptRows(world, callId)).toEqual([
        { seq: 1, speaker: 'agent', text: GREETING, startMs: 0, endMs: 2100, interrupted: false },
      ]),
    );
    expect(await callRow(world, callId)).toMatchObject({ status: 'in_progress', endReason: null });

    await clock.advance(3000);
    session.emit('speech.started');
    leg.speak(1000);
    await clock.advance(1500);
    session.emit('speech.stopped');
    await clock.advance(200);
    session.emit('transcript.final', { speaker: 'caller', text: 'Do you take new patients?' });
    // Stored at once, while the call goes on: a crash now would keep it.
    await eventually(async () =>
      expect((await transcriptRows(world, callId)).at(-1)).toEqual({
        seq: 2,
        speaker: 'caller',
        text: 'Do you take new patients?',
        startMs: 3000,
        endMs: 4500,
        interrupted: false,
      }),
    );
    session.emit('usage', { inputTokens: 120, outputTokens: 40 });
    session.answer('Yes, we do.');
    session.emit('usage', { inputTokens: 30, outputTokens: 25 });
    await clock.advance(1000);
    leg.hangUp();
    const outcome = await runner.finished;

    expect(outcome).toMatchObject({
      status: 'completed',
      endReason: 'caller_hangup',
      durationMs: 5700,
    });
    expect(await transcriptRows(world, callId)).toEqual([
      { seq: 1, speaker: 'agent', text: GREETING, startMs: 0, endMs: 2100, interrupted: false },
      {
        seq: 2,
        speaker: 'caller',
        text: 'Do you take new patients?',
        startMs: 3000,
        endMs: 4500,
        interrupted: false,
      },
      {
        seq: 3,
        speaker: 'agent',
        text: 'Yes, we do.',
        startMs: 4700,
        endMs: 5600,
        interrupted: false,
      },
    ]);
    const row = await callRow(world, callId);
    expect(row).toMatchObject({
      status: 'completed',
      endReason: 'caller_hangup',
      durationMs: 5700,
      nodeId: 'test-node',
      source: 'web',
      chatbotId: world.chatbot.id,
      usage: { inputTokens: 150, outputTokens: 65, inputAudioMs: 1000, outputAudioMs: 3000 },
    });
    expect(row.endedAt).toBeInstanceOf(Date);
    expect(session.closed).toBe(true);
    expect(leg.closedWith).toBe('caller_hangup');
    expect(leg.notices.at(-2)).toEqual({ type: 'call.ending', reason: 'caller_hangup' });
    expect(leg.notices.at(-1)).toEqual({
      type: 'call.ended',
      reason: 'caller_hangup',
      durationMs: 5700,
    });
  });

  it('tells live views on the bus what happens, with the company', async () => {
    const { session, runner, callId } = await startRunner(world, { settings: { greeting: 'Hi!' } });
    session.callerSays('Hello there');
    await runner.end('caller_hangup');
    await new Promise((resolve) => setImmediate(resolve));
    const mine = world.busEvents.filter((e) => e.payload.callId === callId);
    expect(mine.map((e) => e.channel)).toEqual([
      'call.started',
      'call.agent_speaking',
      'call.transcript',
      'call.transcript',
      'call.agent_speaking',
      'call.transcript',
      'call.ended',
    ]);
    for (const event of mine) expect(event.payload.companyId).toBe(world.company.id);
    expect(mine.filter((e) => e.channel === 'call.transcript').map((e) => e.payload)).toEqual([
      expect.objectContaining({ speaker: 'agent', kind: 'delta', text: 'Hi!' }),
      expect.objectContaining({ speaker: 'agent', kind: 'final', text: 'Hi!' }),
      expect.objectContaining({ speaker: 'caller', kind: 'final', text: 'Hello there' }),
    ]);
    expect(mine.at(-1)?.payload).toMatchObject({ status: 'completed', reason: 'caller_hangup' });
  });
});
