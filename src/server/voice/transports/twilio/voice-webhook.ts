import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { AppDeps } from '../../../app-deps.js';
import { AppError } from '../../../http/errors.js';
import { publicBaseUrl } from '../../../http/public-url.js';
import { twilioWebhookUrls } from '../../../integration-accounts/webhook-urls.js';
import { type RouteDecision, routeCall } from '../../../routing/call-route.js';
import { menuPrompt } from '../../../routing/evaluate-rules.js';
import { recordRoutedAwayPhoneCall } from '../../calls/routed-calls.js';
import { safeError } from '../../runner/log-safe.js';
import { formParamsOf, paramOf } from './form-params.js';
import type { TwilioRequestGuard } from './request-guard.js';
import { menuTwiml, TWILIO_GATHER_PATH } from './routing-twiml.js';
import { streamToken } from './twilio-call.js';
import { APOLOGIES, apologyTwiml, dialTwiml, streamTwiml } from './twiml.js';

export type VoiceWebhookDeps = Pick<AppDeps, 'calls' | 'config' | 'db' | 'webhooks'> & {
  logger: Logger;
};

/** `ring`: the call's first webhook. `menu`: Twilio posting the key chosen in the routing menu. */
export type VoiceWebhookStage = 'ring' | 'menu';

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
  stage: VoiceWebhookStage = 'ring',
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
  const from = (paramOf(params, 'From') ?? '').slice(0, MAX_CALLER_ID);
  const callerName = paramOf(params, 'CallerName')?.slice(0, MAX_CALLER_NAME) || null;
  const keypress = stage === 'menu' ? (paramOf(params, 'Digits') ?? '').slice(0, 1) : null;
  const { route, menu } = await routeCall(deps.db, account.companyId, {
    source: 'phone',
    callerNumber: from || null,
    chatbotId: account.chatbotId,
    integrationAccountId: account.id,
    keypress,
    canAskKeypress: stage === 'ring',
  }).catch((err: unknown): RouteDecision => {
    // Rules that cannot be read route nothing: the call is answered as without rules.
    log.error({ err: safeError(err) }, 'twilio call routing failed');
    return { route: null, menu: null };
  });
  if (menu) {
    return menuTwiml(
      menuPrompt(menu),
      `${publicBaseUrl(deps.config, request)}${TWILIO_GATHER_PATH}`,
    );
  }
  try {
    if (route?.action.type === 'transfer' || route?.action.type === 'play_and_hangup') {
      const callId = await recordRoutedAwayPhoneCall(deps.db, {
        companyId: account.companyId,
        chatbotId: account.chatbotId,
        integrationAccountId: account.id,
        callSid,
        from,
        callerName,
        route,
      });
      if (callId) {
        const scope = { companyId: account.companyId, callId };
        deps.webhooks.callStarted(scope);
        deps.webhooks.callEnded(scope);
      }
      return route.action.type === 'transfer'
        ? dialTwiml(route.action.phoneNumber)
        : apologyTwiml(route.action.message);
    }
    const session = await deps.calls.createPhoneSession({
      companyId: account.companyId,
      chatbotId: route?.action.type === 'answer' ? route.action.chatbotId : account.chatbotId,
      integrationAccountId: account.id,
      callSid,
      from,
      callerName,
      ip: request.ip,
      route: route ?? undefined,
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
