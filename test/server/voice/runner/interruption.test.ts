import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameDurationMs } from '../../../../src/server/voice/audio/frame.js';
import {
  createRunnerWorld,
  type RunnerWorld,
  startRunner,
  transcriptRows,
} from './runner-world.js';

let world: RunnerWorld;

beforeAll(async () => {
  world = await createRunnerWorld();
});
afterAll(() => world?.close());

// Ten words: 3000 ms of agent audio at 300 ms a word.
const ANSWER = 'We are open Monday to Friday from eight until six';
const playedMs = (frames: { samples: Int16Array; sampleRate: number }[]) =>
  frames.reduce((sum, f) => sum + frameDurationMs(f), 0);

describe('CallRunner: barge-in', () => {
  it('clears the leg first, then cancels and truncates to what was heard, and stores the cut answer', async () => {
    const { session, leg, runner, log, callId } = await startRunner(world, {
      settings: { greeting: '' },
    });
    leg.hearingLimitMs = 1200;
    const responseId = session.answer(ANSWER, { final: false, done: false });
    log.length = 0;

    session.emit('speech.started');

    expect(log).toEqual([
      'leg.clear',
      'session.cancelResponse',
      `session.truncate:${responseId}:1200`,
    ]);
    expect(runner.bargeIns).toEqual([
      expect.objectContaining({ responseId, playedMs: 1200, generatedMs: 3000, truncated: true }),
    ]);
    expect(leg.noticesOf('agent.speaking').at(-1)).toEqual({
      type: 'agent.speaking',
      speaking: false,
    });
    expect(leg.noticesOf('user.speaking').at(-1)).toEqual({
      type: 'user.speaking',
      speaking: true,
    });

    // The rest of the cancelled answer never reaches the caller, nor its late transcript the record.
    const before = leg.played.length;
    session.audio(responseId, 400);
    session.emit('transcript.final', { speaker: 'agent', text: ANSWER });
    session.emit('response.done', { responseId, status: 'cancelled' });
    expect(leg.played.length).toBe(before);

    session.emit('speech.stopped');
    session.emit('transcript.final', { speaker: 'caller', text: 'And on Saturday?' });
    leg.hearingLimitMs = null;
    session.answer('On Saturday we open at nine.');
    await runner.end('caller_hangup');

    expect(await transcriptRows(world, callId)).toEqual([
      {
        seq: 1,
        speaker: 'agent',
        text: 'We are open Monday',
        startMs: 0,
        endMs: 1200,
        interrupted: true,
      },
      {
        seq: 2,
        speaker: 'caller',
        text: 'And on Saturday?',
        startMs: 0,
        endMs: 0,
        interrupted: false,
      },
      {
        seq: 3,
        speaker: 'agent',
        text: 'On Saturday we open at nine.',
        startMs: 0,
        endMs: 1800,
        interrupted: false,
      },
    ]);
  });

  it('also cuts an answer that is fully generated but still playing, without cancelling it', async () => {
    const { session, leg, runner, log, clock } = await startRunner(world, {
      settings: { greeting: '' },
    });
    leg.hearingLimitMs = 600;
    const responseId = session.answer(ANSWER);
    await clock.advance(100);
    log.length = 0;
    session.emit('speech.started');
    expect(log).toEqual(['leg.clear', `session.truncate:${responseId}:600`]);
    expect(runner.utterances.at(-1)).toMatchObject({ text: 'We are', interrupted: true });
    await runner.end('caller_hangup');
  });

  it('relies on the server for a provider without truncation (Gemini): clears and cancels only', async () => {
    const { session, leg, runner, log } = await startRunner(world, {
      settings: { greeting: '' },
      capabilities: { truncation: false },
    });
    leg.hearingLimitMs = 1500;
    session.answer(ANSWER, { final: false, done: false });
    log.length = 0;
    session.emit('speech.started');
    expect(log).toEqual(['leg.clear', 'session.cancelResponse']);
    expect(runner.utterances.at(-1)).toMatchObject({
      text: 'We are open Monday to',
      interrupted: true,
      endMs: 1500,
    });
    await runner.end('caller_hangup');
  });

  it('treats an answer the provider cancelled on its own (server-side barge-in) as interrupted', async () => {
    const { session, leg, runner, log } = await startRunner(world, { settings: { greeting: '' } });
    leg.hearingLimitMs = 900;
    const responseId = session.answer(ANSWER, { final: false, done: false });
    log.length = 0;
    session.emit('response.done', { responseId, status: 'cancelled' });
    expect(log).toEqual(['leg.clear', `session.truncate:${responseId}:900`]);
    expect(runner.utterances.at(-1)).toMatchObject({ text: 'We are open', interrupted: true });
    await runner.end('caller_hangup');
  });
});

describe('CallRunner: interruption not allowed', () => {
  it('holds caller audio back while the agent speaks and never cuts the answer', async () => {
    const { session, leg, runner, log, clock, callId } = await startRunner(world, {
      settings: { greeting: '', allowInterruption: false },
    });
    leg.hearingLimitMs = 1000;
    session.answer(ANSWER);
    log.length = 0;

    leg.speak(200);
    session.emit('speech.started');
    expect(log).toEqual([]);
    // The provider's input clock keeps running on silence, so its VAD cannot cut in.
    expect(session.audioIn).toHaveLength(10);
    expect(session.audioIn.every((f) => f.samples.every((s) => s === 0))).toBe(true);
    expect(playedMs(leg.played)).toBe(3000);

    // Once the caller has heard the whole answer, their audio flows again.
    leg.hearingLimitMs = null;
    await clock.advance(3500);
    expect(leg.noticesOf('agent.speaking').at(-1)?.speaking).toBe(false);
    leg.speak(100);
    expect(session.audioIn.slice(10).some((f) => f.samples.some((s) => s !== 0))).toBe(true);
    await runner.end('caller_hangup');
    expect(await transcriptRows(world, callId)).toEqual([
      { seq: 1, speaker: 'agent', text: ANSWER, startMs: 0, endMs: 3000, interrupted: false },
    ]);
  });
});

describe('CallRunner: ending mid-answer', () => {
  it('stores the answer the caller hung up on as interrupted', async () => {
    const { session, leg, runner } = await startRunner(world, { settings: { greeting: '' } });
    leg.hearingLimitMs = 300;
    session.answer(ANSWER, { final: false, done: false });
    leg.hangUp();
    await runner.finished;
    expect(runner.utterances).toEqual([
      expect.objectContaining({ speaker: 'agent', text: 'We', interrupted: true, endMs: 300 }),
    ]);
  });
});
