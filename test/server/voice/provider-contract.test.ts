import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { frameDurationMs } from '../../../src/server/voice/audio/frame.js';
import { callPhrases } from '../../../src/server/voice/runner/call-phrases.js';
import type { CallSettings } from '../../../src/shared/chatbot-settings.js';
import { createCompany } from '../../helpers/fixtures.js';
import { insertCategory, insertDocument } from '../../helpers/retrieval.js';
import {
  callRow,
  createRunnerWorld,
  type RunnerWorld,
  startRunner,
  transcriptRows,
  until,
} from './runner/runner-world.js';
import { type VoiceProviderHarness, voiceProviderHarnesses } from './voice-provider-harness.js';

let world: RunnerWorld;

beforeAll(async () => {
  world = await createRunnerWorld();
  const category = await insertCategory(world.db, world.company.id, 'Practice');
  await insertDocument(world.db, {
    companyId: world.company.id,
    categoryId: category.id,
    title: 'Opening hours',
    paragraphs: [
      'Alpha Dental is open on Saturday from 9 am to 1 pm, and on weekdays from 8 to 6.',
    ],
    status: 'ready',
  });
  const other = await createCompany(world.db, { callEnabled: true });
  await insertDocument(world.db, {
    companyId: other.id,
    categoryId: (await insertCategory(world.db, other.id)).id,
    title: 'Beta hours',
    paragraphs: ['Beta Clinic is open on Saturday from 7 am to 11 pm.'],
    status: 'ready',
  });
});
afterAll(() => world?.close());

const harnessWorld = () => ({
  companyId: world.company.id,
  chatbotId: world.chatbot.id,
  db: world.db,
  retriever: world.retriever,
});

const GREETING = 'Hello, Alpha Dental, how can I help?';
const LONG_ANSWER =
  'We are open Monday to Friday from eight until six and on Saturday morning from nine';
const heardMs = (frames: Array<{ samples: Int16Array; sampleRate: number }>) =>
  frames.reduce((sum, f) => sum + frameDurationMs(f), 0);
const spoken = (
  runner: { utterances: readonly { speaker: string; text: string }[] },
  speaker: 'caller' | 'agent',
) => runner.utterances.filter((u) => u.speaker === speaker).map((u) => u.text);

describe.each(voiceProviderHarnesses())(
  'CallRunner with $label',
  (harness: VoiceProviderHarness) => {
    /** The `response.done` events of each session the runner created, from its creation on. */
    let responsesDone: Array<Array<{ responseId: string; status: string }>> = [];
    beforeEach(() => {
      responsesDone = [];
      return harness.start();
    });
    afterEach(() => harness.close());

    const call = (settings: Partial<CallSettings> = {}, legRate = 8000) =>
      startRunner(world, {
        settings,
        legRates: [legRate, legRate],
        createSession: (config) => {
          const session = harness.createSession(config, harnessWorld());
          const done: Array<{ responseId: string; status: string }> = [];
          session.on('response.done', (event) => done.push(event));
          responsesDone.push(done);
          return session;
        },
        connectRetry: { baseDelayMs: 20 },
      });

    it('plays the greeting, brings caller audio to the provider at its rate, and records the call', async () => {
      harness.answerSay(GREETING);
      const { runner, leg, callId } = await call({ greeting: GREETING });
      await until(() => runner.utterances.length === 1);
      expect(harness.sayRequests()[0]).toContain(GREETING);
      expect(runner.utterances[0]).toMatchObject({ speaker: 'agent', text: GREETING });
      expect(heardMs(leg.played)).toBeGreaterThan(0);
      expect(leg.played.every((f) => f.sampleRate === 8000)).toBe(true);

      harness.scriptUtterance('Do you take new patients?', { say: 'Yes, we do.' });
      const before = harness.callerAudio().samples;
      const spokenMs = harness.speak(leg);
      await until(() => runner.utterances.length === 3);
      const sentMs = ((harness.callerAudio().samples - before) * 1000) / harness.inputSampleRate;
      expect(harness.callerAudio().sampleRates).toEqual([harness.inputSampleRate]);
      expect(sentMs).toBe(spokenMs);

      leg.hangUp();
      expect(await runner.finished).toMatchObject({
        status: 'completed',
        endReason: 'caller_hangup',
      });
      const rows = await transcriptRows(world, callId);
      expect(
        rows.map(({ seq, speaker, text, interrupted }) => ({ seq, speaker, text, interrupted })),
      ).toEqual([
        { seq: 1, speaker: 'agent', text: GREETING, interrupted: false },
        { seq: 2, speaker: 'caller', text: 'Do you take new patients?', interrupted: false },
        { seq: 3, speaker: 'agent', text: 'Yes, we do.', interrupted: false },
      ]);
      const row = await callRow(world, callId);
      expect(row).toMatchObject({ status: 'completed', endReason: 'caller_hangup' });
      expect(row.usage.inputAudioMs).toBe(spokenMs);
      expect(row.usage.outputAudioMs).toBeGreaterThan(0);
      expect(row.usage.outputTokens).toBeGreaterThan(0);
    });

    it('lets the caller cut in: the leg is cleared and the answer cut to what was heard', async () => {
      harness.answerSay(LONG_ANSWER, { long: true });
      const { runner, leg, callId } = await call({ greeting: LONG_ANSWER });
      leg.hearingLimitMs = 400;
      await until(() => heardMs(leg.played) >= 800);
      harness.bargeIn(leg);
      // How fast is for the benchmark (bench/gateway.bench.ts, barge-in); here: that it happens.
      await until(() => leg.clearedAt.length > 0);
      const [bargeIn] = runner.bargeIns;
      expect(bargeIn).toMatchObject({ playedMs: 400, truncated: harness.truncation });
      if (harness.truncation) await until(() => harness.truncations().length === 1);
      expect(harness.truncations()).toEqual(harness.truncation ? [400] : []);

      // The provider reports the cut answer done after the last of its audio,
      // some of which was still on its way when the leg was cleared.
      await until(() => (responsesDone[0]?.length ?? 0) > 0);
      expect(leg.played.length).toBe(leg.clearedAfterFrames[0]);
      await runner.end('caller_hangup');
      const [answer] = await transcriptRows(world, callId);
      expect(answer).toMatchObject({ speaker: 'agent', interrupted: true, startMs: 0, endMs: 400 });
      expect(LONG_ANSWER.startsWith(answer?.text ?? 'x')).toBe(true);
      expect(answer?.text.length).toBeLessThan(LONG_ANSWER.length);
    });

    it("runs a tool round trip with the chatbot's knowledge from the database", async () => {
      const { runner, leg } = await call({ greeting: '' });
      harness.scriptUtterance('When are you open on Saturday?', {
        toolCall: { name: 'search_knowledge_base', args: { query: 'Saturday opening hours' } },
        answer: { say: 'On Saturday we are open from nine to one.' },
      });
      harness.speak(leg);
      await until(() => spoken(runner, 'agent').length === 1);
      const [output] = harness.toolOutputs();
      expect(output).toContain('Opening hours');
      expect(output).toContain('on Saturday from 9 am to 1 pm');
      expect(output).not.toContain('Beta');
      expect(spoken(runner, 'agent')).toEqual(['On Saturday we are open from nine to one.']);
      expect(spoken(runner, 'caller')).toEqual(['When are you open on Saturday?']);
      await runner.end('caller_hangup');
    });

    it('asks once whether the caller is still there, then ends for inactivity', async () => {
      harness.answerSay(callPhrases.stillThere);
      const { runner, leg, clock, callId } = await call({ greeting: '', silenceTimeoutSec: 30 });
      await clock.advance(30_000);
      await until(() => runner.utterances.length === 1);
      expect(harness.sayRequests().at(-1)).toContain(callPhrases.stillThere);
      await clock.advance(30_000);
      expect(await runner.finished).toMatchObject({
        endReason: 'silence_timeout',
        durationMs: 60_000,
      });
      expect(leg.noticesOf('call.ending')).toEqual([
        { type: 'call.ending', reason: 'silence_timeout', message: 'Call ended due to inactivity' },
      ]);
      expect(await callRow(world, callId)).toMatchObject({
        status: 'completed',
        endReason: 'silence_timeout',
      });
    });

    it('closes politely at the maximum duration', async () => {
      harness.answerSay(callPhrases.maxDurationClosing);
      const { runner, clock } = await call({
        greeting: '',
        maxDurationMin: 1,
        silenceTimeoutSec: 300,
      });
      await clock.advance(60_000);
      await until(() => runner.utterances.length === 1);
      expect(runner.utterances[0]?.text).toBe(callPhrases.maxDurationClosing);
      await clock.advance(2_000);
      expect(await runner.finished).toMatchObject({
        endReason: 'max_duration',
        durationMs: 62_000,
      });
    });

    it("ends after the agent's farewell when the caller says the end-call phrase", async () => {
      const { runner, leg, clock } = await call({ greeting: '' });
      harness.scriptUtterance('Thanks, that is all. Goodbye!', {
        say: 'Goodbye, have a nice day!',
      });
      harness.speak(leg);
      await until(() => spoken(runner, 'agent').length === 1);
      await clock.advance(2_000);
      expect(await runner.finished).toMatchObject({ status: 'completed', endReason: 'end_phrase' });
      expect(harness.sayRequests()).toEqual([]);
    });
  },
);

describe.each(voiceProviderHarnesses().filter((h) => h.canRefuseConnections))(
  'CallRunner with $label unavailable',
  (harness) => {
    afterEach(() => harness.close());

    it('retries the connection 3 times, then ends the call cleanly with provider_unavailable', async () => {
      await harness.start({ refuseConnects: 5 });
      const { runner, leg, callId } = await startRunner(world, {
        createSession: (config) => harness.createSession(config, harnessWorld()),
        connectRetry: { baseDelayMs: 20 },
      });
      expect(await runner.finished).toMatchObject({
        status: 'failed',
        endReason: 'provider_unavailable',
      });
      expect(harness.connectionAttempts()).toBe(3);
      expect(leg.notices[0]).toEqual({
        type: 'error',
        code: 'provider_unavailable',
        message: 'Unable to connect',
      });
      expect(leg.closedWith).toBe('provider_unavailable');
      expect(await callRow(world, callId)).toMatchObject({
        status: 'failed',
        endReason: 'provider_unavailable',
      });
    });
  },
);
