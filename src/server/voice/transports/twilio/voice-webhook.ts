import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { AppDeps } from '../../../app-deps.js';
import { AppError } from '../../../http/errors.js';
import { publicBaseUrl } from '../../../http/public-url.js';
import { twilioWebhookUrls } from '../../../integration-accounts/webhook-urls.js';
import { safeError } from '../../runner/log-safe.js';
import { formParamsOf, paramOf } from './form-params.js';
import type { TwilioRequestGuard } from './request-guard.js';
import { streamToken } from './twilio-call.js';
import { APOLOGIES, apologyTwiml, streamTwiml } from './twiml.js';

export type VoiceWebhookDeps = Pick<AppDeps, 'calls' | 'config'> & { logger: Logger };

/** Column sizes of what a call row keeps of the webhook. */
const MAX_CALLER_ID = 64;
const MAX_CALLER_NAME = 120;
const MAX_CALL_SID = 64;

/**
 * Twilio's voice webhook for an incoming call: once the request is proven to
 * be Twilio's for an account of ours, the TwiML that connects the call to our
 * Media Streams socket with a token for this call alone, or a short spoken
 * apology and a hang-up when the call cannot be taken (never an error status:
 * the caller would hear Twilio's "application error" instead).
 */
export async function answerVoiceWebhook(
  request: FastifyRequest,
  deps: VoiceWebhookDeps,
  guard: TwilioRequestGuard,
): Promise<string> {
  const params = formParamsOf(request.body);
  const to = paramOf(params, 'To');
  const account = await guard.webhookAccount(request, params, {
    accountSid: paramOf(params, 'AccountSid'),
    numbers: to ? [to] : [],
  });
  const log = deps.logger.child({ integrationAccountId: account.id });
  const callSid = paramOf(params, 'CallSid');
  if (!callSid || callSid.length > MAX_CALL_SID) {
    log.warn('twilio voice webhook without a usable CallSid');
    return apologyTwiml(APOLOGIES.unavailable);
  }
  if (account.status !== 'active' || !account.chatbotId) {
    log.info({ status: account.status }, 'twilio call refused: integration not ready');
    return apologyTwiml(APOLOGIES.unavailable);
  }
  try {
    const session = await deps.calls.createPhoneSession({
      companyId: account.companyId,
      chatbotId: account.chatbotId,
      integrationAccountId: account.id,
      callSid,
      from: (paramOf(params, 'From') ?? '').slice(0, MAX_CALLER_ID),
      callerName: paramOf(params, 'CallerName')?.slice(0, MAX_CALLER_NAME) || null,
      ip: request.ip,
    });
    const { mediaStreamUrl } = twilioWebhookUrls(publicBaseUrl(deps.config, request));
    return streamTwiml(mediaStreamUrl, streamToken(session));
  } catch (err) {
    if (!(err instanceof AppError)) {
      log.error({ err: safeError(err) }, 'twilio call could not be answered');
      return apologyTwiml(APOLOGIES.unavailable);
    }
    log.info({ code: err.code }, 'twilio call refused');
    return apologyTwiml(err.code === 'call_limit_reached' ? APOLOGIES.busy : APOLOGIES.unavailable);
  }
}
