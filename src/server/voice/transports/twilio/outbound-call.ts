import { and, eq } from 'drizzle-orm';
import { PHONE_NUMBER_PROBLEM, toE164 } from '../../../../shared/phone-number.js';
import type { AppDeps } from '../../../app-deps.js';
import { calls, chatbots } from '../../../db/schema/index.js';
import { AppError, conflict, invalid, notFound } from '../../../http/errors.js';
import { twilioApiHost, twilioClient } from '../../../integration-accounts/twilio-client.js';
import { describeTwilioFailure } from '../../../integration-accounts/twilio-failure.js';
import {
  TWILIO_WEBHOOK_PATHS,
  twilioWebhookUrls,
} from '../../../integration-accounts/webhook-urls.js';
import type { CallScope } from '../../calls/call-store.js';
import { closeUnansweredCall, recordCallSid } from '../../calls/phone-call-status.js';
import { chatbotTwilioAccount, type WebhookAccount } from './webhook-account.js';

export type OutboundCallDeps = Pick<AppDeps, 'calls' | 'config' | 'db' | 'secretBox' | 'logger'>;

export type OutboundCallRequest = {
  chatbotId: string;
  /** The number to call, E.164 or a common international form. */
  to: string;
  /** Why we call; the agent's greeting names it. */
  reason: string | null;
};

/** Twilio reports each step of the call to the status callback, not only its end. */
const STATUS_EVENTS = ['initiated', 'ringing', 'answered', 'completed'];
/**
 * How long the callee's phone rings. A pending call counts as alive for
 * STALE_AFTER_MS (60 s) after Twilio's last word about it, so it must be
 * answered or given up well within that.
 */
const RING_TIMEOUT_SEC = 45;

const outboundCallColumns = {
  id: calls.id,
  chatbotId: calls.chatbotId,
  integrationAccountId: calls.integrationAccountId,
  source: calls.source,
  direction: calls.direction,
  callerId: calls.callerId,
  outboundReason: calls.outboundReason,
  twilioCallSid: calls.twilioCallSid,
  status: calls.status,
  startedAt: calls.startedAt,
};

export type OutboundCallView = Pick<typeof calls.$inferSelect, keyof typeof outboundCallColumns>;

/**
 * Places a call from the company's Twilio number for a chatbot: a pending
 * outbound row within the concurrency limit, then Twilio's REST API (Calls)
 * with the URL of the TwiML that streams the call to the agent once the
 * callee answers, and the status callback for every step. Twilio refusing
 * the call leaves the row `failed` and answers 502 with Twilio's message.
 */
export async function placeOutboundCall(
  deps: OutboundCallDeps,
  tenant: { companyId: string },
  input: OutboundCallRequest,
  /** PUBLIC_URL, else the address the request came in on (`publicBaseUrl`). */
  baseUrl: string,
): Promise<OutboundCallView> {
  const to = toE164(input.to);
  if (!to) throw invalid('to', PHONE_NUMBER_PROBLEM);
  const account = await chatbotTwilioAccount(deps.db, deps.secretBox, {
    companyId: tenant.companyId,
    chatbotId: input.chatbotId,
  });
  if (!account) throw await missingAccount(deps, tenant, input.chatbotId);
  if (account.status !== 'active' || !account.phoneNumber) throw inactiveAccount(account);
  const { callId } = await deps.calls.reserveOutboundCall({
    companyId: tenant.companyId,
    chatbotId: input.chatbotId,
    integrationAccountId: account.id,
    to,
    reason: input.reason,
  });
  const scope: CallScope = { companyId: tenant.companyId, callId };
  const base = baseUrl.replace(/\/$/, '');
  let callSid: string;
  try {
    const placed = await twilioClient(deps.config, account).calls.create({
      to,
      from: account.phoneNumber,
      url: `${base}${TWILIO_WEBHOOK_PATHS.outboundConnect}?callId=${callId}`,
      method: 'POST',
      timeout: RING_TIMEOUT_SEC,
      statusCallback: twilioWebhookUrls(base).statusCallbackUrl,
      statusCallbackMethod: 'POST',
      statusCallbackEvent: STATUS_EVENTS,
    });
    callSid = placed.sid;
  } catch (err) {
    await closeUnansweredCall(deps.db, scope, { status: 'failed', endReason: 'not_placed' });
    const failure = describeTwilioFailure(err, twilioApiHost(deps.config));
    deps.logger.warn(
      {
        callId,
        integrationAccountId: account.id,
        ...(failure.reached ? { status: failure.status, code: failure.code } : {}),
      },
      'twilio did not place an outbound call',
    );
    throw new AppError(502, 'twilio_error', `Twilio did not place the call. ${failure.detail}.`);
  }
  await recordCallSid(deps.db, scope, callSid);
  const [call] = await deps.db
    .select(outboundCallColumns)
    .from(calls)
    .where(and(eq(calls.companyId, scope.companyId), eq(calls.id, scope.callId)));
  if (!call) throw notFound('Call');
  return call;
}

/** 404 for a chatbot the company does not have; 409 when it has no Twilio number to call from. */
async function missingAccount(
  deps: OutboundCallDeps,
  tenant: { companyId: string },
  chatbotId: string,
): Promise<AppError> {
  const [chatbot] = await deps.db
    .select({ id: chatbots.id })
    .from(chatbots)
    .where(and(eq(chatbots.companyId, tenant.companyId), eq(chatbots.id, chatbotId)));
  if (!chatbot) return notFound('Chatbot');
  return conflict(
    'This chatbot has no Twilio integration account to call from. Connect one under Integration Accounts, then try again.',
  );
}

function inactiveAccount(account: WebhookAccount): AppError {
  const why = account.lastError ? `: ${account.lastError.replace(/\.$/, '')}` : '';
  return conflict(
    `The Twilio integration account "${account.name}" of this chatbot is inactive${why}. Fix it under Integration Accounts, then try again.`,
  );
}
