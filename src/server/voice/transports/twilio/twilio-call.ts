import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { AppDeps } from '../../../app-deps.js';
import { AppError } from '../../../http/errors.js';
import type { CallSession, LiveCall } from '../../calls/session-manager.js';
import { safeError } from '../../runner/log-safe.js';
import type { StreamStart } from './media-messages.js';
import type { TwilioRequestGuard } from './request-guard.js';
import type { TwilioLeg } from './twilio-leg.js';
import { TwilioLineControl } from './twilio-line-control.js';
import { isSignedBy } from './twilio-signature.js';
import { webhookAccountById } from './webhook-account.js';

export type TwilioCallDeps = Pick<AppDeps, 'calls' | 'config' | 'db' | 'secretBox'> & {
  logger: Logger;
};

/** The stream upgrade as Twilio signed it: the wss URL, no parameters. */
export type SignedUpgrade = { signature: string; url: string };

/** `<sessionId>.<token>`: the one `<Parameter>` the TwiML gave the stream. */
export const streamToken = (session: { sessionId: string; token: string }) =>
  `${session.sessionId}.${session.token}`;

/**
 * Starts the call a Media Stream's `start` names, once it has proven to be
 * Twilio's stream of that call: its single-use token redeems, the token was
 * issued for this Call SID, and the upgrade was signed with the auth token of
 * the account the call came in through. Anything else closes the stream and
 * starts nothing. Never throws (a socket handler has no caller to catch).
 */
export async function runTwilioCall(input: {
  leg: TwilioLeg;
  start: StreamStart;
  upgrade: SignedUpgrade;
  /** The upgrade request, counted against its address when the stream is refused. */
  request: FastifyRequest;
  guard: Pick<TwilioRequestGuard, 'badSignature' | 'recordRefusal'>;
  deps: TwilioCallDeps;
}): Promise<void> {
  const { leg, start, deps, guard } = input;
  const log = deps.logger.child({ callSid: start.callSid });
  const refuse = async (reason: string, accountId?: string) => {
    leg.refuse(reason);
    await guard.recordRefusal(input.request, reason, accountId).catch(() => {});
  };
  const session = await redeem(deps, start.customParameters.token);
  const phoneCall = session?.phoneCall;
  if (!session || !phoneCall) return refuse('invalid_token');
  if (phoneCall.callSid !== start.callSid) return refuse('token_of_another_call');
  const account = await webhookAccountById(deps.db, deps.secretBox, {
    companyId: session.companyId,
    id: phoneCall.integrationAccountId,
  }).catch(() => null);
  if (!account || account.accountSid !== start.accountSid) return refuse('unknown_account');
  const { signature, url } = input.upgrade;
  if (!isSignedBy(account.authToken, signature, url, {})) {
    guard.badSignature(account);
    return refuse('bad_signature', account.id);
  }
  let call: LiveCall;
  try {
    const phoneLine = new TwilioLineControl(deps.config, account, start.callSid);
    call = await deps.calls.startCall({ session, leg, source: 'twilio', phoneLine });
  } catch (err) {
    const code = err instanceof AppError ? err.code : 'internal_error';
    if (err instanceof AppError) log.warn({ code }, 'twilio call not started');
    else log.error({ err: safeError(err) }, 'twilio call failed to start');
    leg.close(code);
    return;
  }
  leg.deliverHeldAudio();
  // The caller may have hung up while the call was being set up.
  const leftEarly = leg.hangupReason;
  if (leftEarly) await deps.calls.endCall(call.callId, leftEarly).catch(() => {});
  await call.finished.catch(() => {});
}

async function redeem(
  deps: TwilioCallDeps,
  value: string | undefined,
): Promise<CallSession | null> {
  const [sessionId, token] = value?.split('.') ?? [];
  if (!sessionId || !token) return null;
  return deps.calls.redeem(sessionId, token).catch(() => null);
}
