import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callPhrases } from '../../../../src/server/voice/runner/call-phrases.js';
import { callRow, createRunnerWorld, type RunnerWorld, startRunner } from './runner-world.js';

let world: RunnerWorld;

beforeAll(async () => {
  world = await createRunnerWorld();
});
afterAll(() => world?.close());

const STILL_THERE = callPhrases.stillThere;

describe('CallRunner: silence timeout', () => {
  it('asks "Are you still there?" once after the default 180 s, then ends after another 180 s', async () => {
    const { session, leg, runner, clock, callId } = await startRunner(world, {
      settings: { greeting: 'Hi!' },
    });
    await clock.advance(179_999);
    expect(session.said).toEqual(['Hi!']);
    await clock.advance(1);
    expect(session.said).toEqual(['Hi!', STILL_THERE]);
    await clock.advance(179_999);
    expect(leg.closedWith).toBeNull();
    await clock.advance(1);
    const outcome = await runner.finished;

    expect(outcome).toMatchObject({ endReason: 'silence_timeout', durationMs: 360_000 });
    expect(session.said).toEqual(['Hi!', STILL_THERE]);
    expect(leg.noticesOf('call.ending')).toEqual([
      { type: 'call.ending', reason: 'silence_timeout', message: 'Call ended due to inactivity' },
    ]);
    expect(await callRow(world, callId)).toMatchObject({
      status: 'completed',
      endReason: 'silence_timeout',
      durationMs: 360_000,
    });
  });

  it('counts silence only on the caller’s turn, and speaking again earns a fresh prompt', async () => {
    const { session, leg, runner, clock } = await startRunner(world, {
      settings: { greeting: '', silenceTimeoutSec: 30 },
    });
    await clock.advance(30_000);
    expect(session.said).toEqual([STILL_THERE]);
    session.callerSays('Yes, sorry, I am here.');
    // A long answer is not the caller's silence.
    leg.hearingLimitMs = 0;
    session.answer('Take your time, I can wait while you look for it.', { audioMs: 45_000 });
    await clock.advance(40_000);
    expect(session.said).toEqual([STILL_THERE]);
    leg.hearingLimitMs = null;
    await clock.advance(5_500);
    await clock.advance(29_000);
    expect(session.said).toEqual([STILL_THERE]);
    await clock.advance(1_000);
    expect(session.said).toEqual([STILL_THERE, STILL_THERE]);
    expect(leg.closedWith).toBeNull();
    await clock.advance(30_000);
    expect((await runner.finished).endReason).toBe('silence_timeout');
  });
});

describe('CallRunner: maximum duration', () => {
  it('says a closing line when the time is up, then ends with max_duration', async () => {
    const { session, leg, runner, clock, callId } = await startRunner(world, {
      settings: { greeting: '', maxDurationMin: 1, silenceTimeoutSec: 300 },
    });
    await clock.advance(59_000);
    leg.hearingLimitMs = 0;
    const responseId = session.answer('Our hygienist has openings on Tuesday.', { done: false });
    await clock.advance(1_000);
    // The answer in flight is finished first.
    expect(session.said).toEqual([]);
    session.emit('response.done', { responseId, status: 'completed' });
    leg.hearingLimitMs = null;
    await clock.advance(1_300);
    expect(session.said).toEqual([callPhrases.maxDurationClosing]);
    // No new turn may start while the call closes: the caller's audio is held back.
    const before = session.audioIn.length;
    leg.speak(100);
    expect(session.audioIn.slice(before).every((f) => f.samples.every((s) => s === 0))).toBe(true);
    await clock.advance(2_000);
    const outcome = await runner.finished;
    expect(outcome.endReason).toBe('max_duration');
    expect(await callRow(world, callId)).toMatchObject({
      status: 'completed',
      endReason: 'max_duration',
    });
    expect(runner.utterances.at(-1)).toMatchObject({
      speaker: 'agent',
      text: callPhrases.maxDurationClosing,
      interrupted: false,
    });
  });
});

describe('CallRunner: end-call phrase', () => {
  it("lets the agent say farewell after the caller's goodbye, then ends with end_phrase", async () => {
    const { session, runner, clock } = await startRunner(world, { settings: { greeting: '' } });
    session.callerSays('Great, thanks. Goodbye!');
    await clock.advance(500);
    session.answer('You are welcome, goodbye!');
    await clock.advance(1_999);
    expect(runner.utterances.at(-1)?.text).toBe('You are welcome, goodbye!');
    await clock.advance(1);
    expect((await runner.finished).endReason).toBe('end_phrase');
    expect(session.said).toEqual([]);
  });

  it('says the farewell itself when the agent stays quiet', async () => {
    const { session, runner, clock } = await startRunner(world, {
      settings: { greeting: '', endCallPhrase: 'That is all' },
    });
    session.callerSays('that is all, thank you');
    await clock.advance(2_000);
    expect(session.said).toEqual([callPhrases.farewell]);
    await clock.advance(2_000);
    expect((await runner.finished).endReason).toBe('end_phrase');
  });

  it('takes an answer already under way as the farewell when the transcript comes late', async () => {
    const { session, runner, clock } = await startRunner(world, { settings: { greeting: '' } });
    session.emit('speech.started');
    session.emit('speech.stopped');
    const responseId = session.startAnswer();
    session.audio(responseId, 600);
    session.emit('transcript.final', { speaker: 'caller', text: 'Thanks, goodbye.' });
    session.emit('transcript.final', { speaker: 'agent', text: 'Goodbye!' });
    session.emit('response.done', { responseId, status: 'completed' });
    await clock.advance(2_000);
    expect((await runner.finished).endReason).toBe('end_phrase');
    expect(session.said).toEqual([]);
  });

  it('matches whole words only', async () => {
    const { session, runner, clock } = await startRunner(world, { settings: { greeting: '' } });
    session.callerSays('My goodbyes were said yesterday, I need an appointment.');
    await clock.advance(10_000);
    expect(session.said).toEqual([]);
    expect(await runner.end('caller_hangup')).toMatchObject({ endReason: 'caller_hangup' });
  });
});
