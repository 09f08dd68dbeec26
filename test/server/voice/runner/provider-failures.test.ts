import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderUnavailableError } from '../../../../src/server/voice/runner/provider-unavailable.js';
import { RecordingCallerLeg } from '../../../fakes/recording-caller-leg.js';
import {
  callRow,
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

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] as number));

describe('CallRunner: provider connect', () => {
  it('retries a failed connect with exponential backoff and goes live', async () => {
    const { session, leg, runner } = await startRunner(world, {
      settings: { greeting: 'Hello!' },
      setup: (s) => {
        s.failConnects = 2;
      },
      connectRetry: { baseDelayMs: 40 },
    });
    expect(session.connectAttemptsAt).toHaveLength(3);
    const [first, second] = gaps(session.connectAttemptsAt);
    expect(first).toBeGreaterThanOrEqual(38);
    expect(second).toBeGreaterThanOrEqual(78);
    expect(leg.notices[0]).toEqual({ type: 'call.started', callId: runner.callId });
    expect(session.said).toEqual(['Hello!']);
    await runner.end('caller_hangup');
  });

  it('gives up after 3 attempts: the caller hears "Unable to connect" and the call fails cleanly', async () => {
    const { session, leg, runner, callId } = await startRunner(world, {
      setup: (s) => {
        s.failConnects = 5;
      },
      connectRetry: { baseDelayMs: 40 },
    });
    const outcome = await runner.finished;
    expect(session.connectAttemptsAt).toHaveLength(3);
    const [first, second] = gaps(session.connectAttemptsAt);
    expect(first).toBeGreaterThanOrEqual(38);
    expect(second).toBeGreaterThanOrEqual(78);
    expect(outcome).toMatchObject({ status: 'failed', endReason: 'provider_unavailable' });
    expect(leg.notices).toEqual([
      { type: 'error', code: 'provider_unavailable', message: 'Unable to connect' },
      { type: 'call.ending', reason: 'provider_unavailable' },
      { type: 'call.ended', reason: 'provider_unavailable', durationMs: 0 },
    ]);
    expect(leg.closedWith).toBe('provider_unavailable');
    expect(session.said).toEqual([]);
    expect(session.closed).toBe(true);
    expect(await callRow(world, callId)).toMatchObject({
      status: 'failed',
      endReason: 'provider_unavailable',
    });
    expect(await transcriptRows(world, callId)).toEqual([]);
  });

  it('does not retry a refused key', async () => {
    const { session, runner } = await startRunner(world, {
      setup: (s) => {
        s.failConnects = 1;
        s.connectError = 'auth_failed';
      },
    });
    expect((await runner.finished).endReason).toBe('provider_unavailable');
    expect(session.connectAttemptsAt).toHaveLength(1);
  });

  it('tells the caller why when the provider cannot serve calls at all (no key)', async () => {
    const message =
      'Voice calls with this model need OPENAI_API_KEY, which is not set on the server';
    const { leg, runner, callId } = await startRunner(world, {
      createSession: () => {
        throw new ProviderUnavailableError(message);
      },
    });
    expect(await runner.finished).toMatchObject({
      status: 'failed',
      endReason: 'provider_unavailable',
    });
    expect(leg.notices[0]).toEqual({ type: 'error', code: 'provider_unavailable', message });
    expect(await callRow(world, callId)).toMatchObject({ endReason: 'provider_unavailable' });
  });

  it('stops trying when the caller hangs up while the provider is being retried', async () => {
    const leg = new RecordingCallerLeg();
    setTimeout(() => leg.hangUp(), 100);
    const { session, runner } = await startRunner(world, {
      leg,
      setup: (s) => {
        s.failConnects = 5;
      },
      connectRetry: { baseDelayMs: 200 },
    });
    expect(await runner.finished).toMatchObject({
      status: 'completed',
      endReason: 'caller_hangup',
    });
    expect(session.connectAttemptsAt).toHaveLength(1);
    expect(leg.noticesOf('error')).toEqual([]);
  });
});

describe('CallRunner: provider failure mid-call', () => {
  it('ends with provider_error on a fatal error, and rides out a recoverable one', async () => {
    const { session, leg, runner, callId } = await startRunner(world, {
      settings: { greeting: 'Hi!' },
    });
    session.emit('error', { code: 'rate_limited', message: 'slow down', fatal: false });
    expect(leg.closedWith).toBeNull();
    session.emit('error', { code: 'server_error', message: 'upstream failed', fatal: true });
    expect(await runner.finished).toMatchObject({ status: 'failed', endReason: 'provider_error' });
    expect(await callRow(world, callId)).toMatchObject({
      status: 'failed',
      endReason: 'provider_error',
    });
    expect((await transcriptRows(world, callId)).map((r) => r.text)).toEqual(['Hi!']);
  });

  it('ends with provider_error when the provider closes the session unasked', async () => {
    const { session, runner } = await startRunner(world);
    session.emit('closed', { reason: 'going away' });
    expect((await runner.finished).endReason).toBe('provider_error');
  });
});

describe('CallRunner logs', () => {
  it('never carry what was said, phone numbers or keys, even when a write fails', async () => {
    const lines: string[] = [];
    const capture = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
    const { session, runner } = await startRunner(world, {
      settings: { greeting: 'Hello!' },
      logger: capture,
      recorder: {
        append: async (u) => {
          throw new Error(`Failed query: insert into "call_transcripts" params: ${u.text}`);
        },
        finish: async () => {},
      },
    });
    session.callerSays('My number is +1 555 0199, call me back.');
    session.emit('error', {
      code: 'invalid_api_key',
      message: 'Incorrect API key provided: sk-live-abcdef0123456789.',
      fatal: false,
    });
    await runner.end('caller_hangup');
    const log = lines.join('\n');
    expect(log).toContain('call transcript row not stored');
    expect(log).toContain(runner.callId);
    for (const secret of ['555 0199', 'Hello!', 'sk-live-abcdef0123456789', 'Failed query']) {
      expect(log).not.toContain(secret);
    }
  });
});
