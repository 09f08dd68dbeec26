import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callPhrases } from '../../../../src/server/voice/runner/call-phrases.js';
import type { PhoneLineControl } from '../../../../src/server/voice/transports/phone-line-control.js';
import { RecordingCallerLeg } from '../../../fakes/recording-caller-leg.js';
import {
  callRow,
  createRunnerWorld,
  type RunnerWorld,
  startRunner,
  until,
} from './runner-world.js';

// What the runner does with a phone line it can steer (transfer, apology),
// against a phone line of our own interface that records what it was asked.

const NUMBER = '+15550001111';

/** A phone line whose redirects the test settles by hand. */
class RecordingPhoneLine implements PhoneLineControl {
  readonly transfers: string[] = [];
  #settle: ((ok: boolean) => void) | null = null;

  constructor(readonly log: string[]) {}

  transfer(phoneNumber: string): Promise<void> {
    this.transfers.push(phoneNumber);
    return new Promise((resolve, reject) => {
      this.#settle = (ok) => (ok ? resolve() : reject(new Error('Twilio refused the redirect')));
    });
  }

  async apologize(): Promise<void> {
    this.log.push('phone.apologize');
  }

  settle(ok: boolean): void {
    this.#settle?.(ok);
  }
}

/** A caller leg that notes its closing in the shared log, to order it against the phone line. */
class ClosingLoggedLeg extends RecordingCallerLeg {
  override close(reason: string): void {
    this.log.push(`leg.close:${reason}`);
    super.close(reason);
  }
}

const heardSilence = (frames: Array<{ samples: Int16Array }>) =>
  frames.every((frame) => frame.samples.every((sample) => sample === 0));

let world: RunnerWorld;

beforeAll(async () => {
  world = await createRunnerWorld();
});
afterAll(() => world?.close());

/** A phone call whose agent escalates, up to the redirect the hand-off line leads to. */
async function handOff() {
  const log: string[] = [];
  const phone = new RecordingPhoneLine(log);
  const started = await startRunner(world, {
    settings: { greeting: '' },
    phone: { line: phone, transferNumber: NUMBER },
  });
  const { session, clock } = started;
  session.emit('tool.call', {
    callId: 'fc_1',
    name: 'escalate_to_human',
    arguments: { reason: 'The caller asked for a person' },
  });
  await until(() => session.said.length === 1);
  expect(session.said).toEqual([callPhrases.transferring]);
  // The hand-off line plays, then the agent stays quiet a moment.
  await clock.advance(10_000);
  await until(() => phone.transfers.length === 1);
  return { ...started, phone };
}

describe('CallRunner on a phone line', () => {
  it('stops the agent, says the hand-off line, then redirects; the model hears nothing more', async () => {
    const { session, phone, runner, leg, callId } = await handOff();
    expect(phone.transfers).toEqual([NUMBER]);
    expect(session.log.indexOf('session.cancelResponse')).toBeLessThan(
      session.log.indexOf(`session.say:${callPhrases.transferring}`),
    );
    expect(session.toolResults).toEqual([]);

    // The network stops the stream it replaced before its answer reached us.
    leg.hangUp();
    phone.settle(true);
    expect(await runner.finished).toMatchObject({
      status: 'completed',
      endReason: 'transferred',
      transferredTo: NUMBER,
    });
    expect(await callRow(world, callId)).toMatchObject({
      endReason: 'transferred',
      transferredTo: NUMBER,
    });
  });

  it('ends the call as the caller hanging up when the redirect failed meanwhile', async () => {
    const { phone, runner, leg, callId } = await handOff();
    leg.hangUp();
    phone.settle(false);
    expect(await runner.finished).toMatchObject({ endReason: 'caller_hangup' });
    expect((await callRow(world, callId)).transferredTo).toBeNull();
  });

  it('gives the call back to the agent when the redirect is refused', async () => {
    const { session, phone, runner, leg } = await handOff();
    // On hold, the model hears silence.
    leg.speak(100);
    expect(heardSilence(session.audioIn.slice(-5))).toBe(true);

    phone.settle(false);
    await until(() => session.said.length === 2);
    expect(session.said.at(-1)).toBe(callPhrases.transferFailed);
    leg.speak(100);
    expect(heardSilence(session.audioIn.slice(-5))).toBe(false);
    await runner.end('caller_hangup');
    expect((await runner.finished).endReason).toBe('caller_hangup');
  });

  it('redirects to the apology before closing the leg when the model cannot be reached', async () => {
    const log: string[] = [];
    const { runner } = await startRunner(world, {
      setup: (s) => {
        s.failConnects = 5;
      },
      leg: new ClosingLoggedLeg(24000, 24000, log),
      phone: { line: new RecordingPhoneLine(log) },
    });
    expect((await runner.finished).endReason).toBe('provider_unavailable');
    expect(log.filter((entry) => !entry.startsWith('session.'))).toEqual([
      'phone.apologize',
      'leg.close:provider_unavailable',
    ]);
  });
});
