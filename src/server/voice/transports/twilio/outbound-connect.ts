import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../http/errors.js';
import { publicBaseUrl } from '../../../http/public-url.js';
import { twilioWebhookUrls } from '../../../integration-accounts/webhook-urls.js';
import { safeError } from '../../runner/log-safe.js';
import { formParamsOf, paramOf } from './form-params.js';
import type { TwilioRequestGuard } from './request-guard.js';
import { streamToken } from './twilio-call.js';
import { APOLOGIES, apologyTwiml, streamTwiml } from './twiml.js';
import type { VoiceWebhookDeps } from './voice-webhook.js';

/** The call row an outbound call's TwiML URL names (`?callId=`); the signature covers it. */
const connectQuery = z.object({ callId: z.uuid() });

/**
 * The TwiML of an outbound call the callee has answered, fetched by Twilio
 * from the URL the call was placed with: once the request is proven to be
 * Twilio's for the account that placed the call, it connects the call to our
 * Media Streams socket with a token for this call alone, exactly as an
 * inbound call's is. A call that can no longer be taken hears an apology.
 */
export async function answerOutboundConnect(
  request: FastifyRequest,
  deps: VoiceWebhookDeps,
  guard: TwilioRequestGuard,
): Promise<string> {
  const params = formParamsOf(request.body);
  const numbers = [paramOf(params, 'From'), paramOf(params, 'To')].filter(
    (number): number is string => Boolean(number),
  );
  const account = await guard.webhookAccount(request, params, {
    accountSid: paramOf(params, 'AccountSid'),
    numbers,
  });
  const log = deps.logger.child({ integrationAccountId: account.id });
  const query = connectQuery.safeParse(request.query);
  const callSid = paramOf(params, 'CallSid');
  if (!query.success || !callSid) {
    log.warn('twilio outbound call connected without its call id or CallSid');
    return apologyTwiml(APOLOGIES.unavailable);
  }
  if (account.status !== 'active') {
    log.info({ status: account.status }, 'twilio outbound call refused: integration not ready');
    return apologyTwiml(APOLOGIES.unavailable);
  }
  try {
    const session = await deps.calls.createOutboundStreamSession({
      companyId: account.companyId,
      callId: query.data.callId,
      callSid,
      integrationAccountId: account.id,
      ip: request.ip,
    });
    const { mediaStreamUrl } = twilioWebhookUrls(publicBaseUrl(deps.config, request));
    return streamTwiml(mediaStreamUrl, streamToken(session));
  } catch (err) {
    if (err instanceof AppError) log.info({ code: err.code }, 'twilio outbound call refused');
    else log.error({ err: safeError(err) }, 'twilio outbound call could not be connected');
    return apologyTwiml(APOLOGIES.unavailable);
  }
}
