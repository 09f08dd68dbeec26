import type { WebSocket } from 'ws';
import type { AppDeps } from '../../../app-deps.js';
import { AppError } from '../../../http/errors.js';
import type { CallSession, LiveCall } from '../../calls/session-manager.js';
import { BrowserLeg } from './browser-leg.js';
import type { BrowserCallSessions } from './browser-sessions.js';

/** Caller audio rate unless the provider listens at another rate a browser can send. */
export const BROWSER_INPUT_SAMPLE_RATE = 16_000;
const BROWSER_CAPTURE_RATES: readonly number[] = [16_000, 24_000];

/**
 * The rate a browser is asked to send caller audio at: the provider's own
 * when it is one a browser captures cheaply, so the server passes the audio
 * on without resampling it (it resamples anything else).
 */
export function browserInputSampleRate(providerRate: number | undefined): number {
  return providerRate !== undefined && BROWSER_CAPTURE_RATES.includes(providerRate)
    ? providerRate
    : BROWSER_INPUT_SAMPLE_RATE;
}
/** Agent audio rate: what OpenAI Realtime and Gemini Live produce, so it usually passes untouched. */
export const BROWSER_OUTPUT_SAMPLE_RATE = 24_000;

/**
 * One browser call on a socket whose session was just redeemed: starts the
 * call on a BrowserLeg and keeps the session's record in step with it. Never
 * throws (a socket handler has no caller to catch).
 */
export async function runBrowserCall(input: {
  socket: WebSocket;
  session: CallSession;
  deps: Pick<AppDeps, 'calls' | 'logger'>;
  sessions: BrowserCallSessions;
}): Promise<void> {
  const { socket, session, deps, sessions } = input;
  const log = deps.logger.child({ callSessionId: session.id });
  const leg = new BrowserLeg({
    socket,
    inputSampleRate: browserInputSampleRate(session.providerInputSampleRate),
    outputSampleRate: BROWSER_OUTPUT_SAMPLE_RATE,
    logger: log,
  });
  let call: LiveCall;
  try {
    call = await deps.calls.startCall({ session, leg, source: 'web' });
  } catch (err) {
    const known = err instanceof AppError;
    if (!known) log.error({ err }, 'browser call failed to start');
    await sessions.ended(session.id).catch(() => {});
    leg.notify({
      type: 'error',
      code: known ? err.code : 'internal_error',
      message: known ? err.message : 'The call could not be started.',
    });
    leg.close(known ? err.code : 'internal_error');
    return;
  }
  const { callId } = call;
  try {
    const stillWanted = await sessions.connected(session.id, callId);
    // The caller may have left, or ended the call from outside, while it was being set up.
    const leftEarly = leg.hangupReason;
    if (!stillWanted || leftEarly) await deps.calls.endCall(callId, leftEarly ?? 'caller_ended');
  } catch (err) {
    log.error({ err }, 'browser call session not recorded');
    await deps.calls.endCall(callId, 'internal_error').catch(() => {});
  }
  // After `connected`, so the end of a short call is never overwritten by its start.
  await call.finished
    .then(
      () => sessions.ended(session.id),
      () => sessions.ended(session.id),
    )
    .catch((err: unknown) => log.warn({ err }, 'browser call session end not recorded'));
}
