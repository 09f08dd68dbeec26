import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../../app-deps.js';
import { AppError } from '../../../http/errors.js';
import { TWILIO_WEBHOOK_PATHS } from '../../../integration-accounts/webhook-urls.js';
import { answerOutboundConnect } from './outbound-connect.js';
import { TwilioRequestGuard } from './request-guard.js';
import { TWILIO_GATHER_PATH } from './routing-twiml.js';
import { applyCallStatus } from './status-webhook.js';
import { awaitStreamStart } from './stream-start.js';
import { runTwilioCall } from './twilio-call.js';
import { signedUrlOf, twilioSignatureOf } from './twilio-signature.js';
import { answerVoiceWebhook } from './voice-webhook.js';

/** What the Twilio webhooks use of the app's dependencies. */
export type TwilioWebhookDeps = Pick<
  AppDeps,
  'calls' | 'config' | 'db' | 'secretBox' | 'logger' | 'integrations' | 'webhooks'
>;

/** Twilio's webhook forms are a few hundred bytes. */
const BODY_LIMIT_BYTES = 16 * 1024;

/**
 * Phone calls over Twilio: the voice webhook answers a call with TwiML (the
 * connect webhook an outbound call once answered), the status callback
 * follows it, and the Media Streams socket carries its audio.
 * Each request proves itself with the account's X-Twilio-Signature; form
 * bodies are parsed only here (an encapsulated scope).
 */
export async function twilioWebhookRoutes(
  app: FastifyInstance,
  deps: TwilioWebhookDeps,
): Promise<void> {
  await app.register(async (scope) => webhookRoutes(scope, deps));
}

async function webhookRoutes(app: FastifyInstance, deps: TwilioWebhookDeps): Promise<void> {
  await app.register(fastifyFormbody, { bodyLimit: BODY_LIMIT_BYTES });
  const guard = new TwilioRequestGuard(app, deps);

  app.post(TWILIO_WEBHOOK_PATHS.voice, { bodyLimit: BODY_LIMIT_BYTES }, async (request, reply) => {
    const twiml = await answerVoiceWebhook(request, deps, guard);
    return reply.type('text/xml').send(twiml);
  });

  app.post(TWILIO_GATHER_PATH, { bodyLimit: BODY_LIMIT_BYTES }, async (request, reply) => {
    const twiml = await answerVoiceWebhook(request, deps, guard, 'menu');
    return reply.type('text/xml').send(twiml);
  });

  app.post(
    TWILIO_WEBHOOK_PATHS.outboundConnect,
    { bodyLimit: BODY_LIMIT_BYTES },
    async (request, reply) => {
      const twiml = await answerOutboundConnect(request, deps, guard);
      return reply.type('text/xml').send(twiml);
    },
  );

  app.post(TWILIO_WEBHOOK_PATHS.status, { bodyLimit: BODY_LIMIT_BYTES }, async (request, reply) => {
    await applyCallStatus(request, deps, guard);
    return reply.status(204).send();
  });

  app.get(
    TWILIO_WEBHOOK_PATHS.media,
    {
      websocket: true,
      // Refusals are plain HTTP answers to the upgrade request, before any socket exists.
      preHandler: async (request) => {
        if (!twilioSignatureOf(request)) await guard.refuse(request, 'unsigned');
        if (!request.ws) {
          throw new AppError(426, 'upgrade_required', 'Open this URL as a WebSocket.');
        }
      },
    },
    (socket, request) => {
      // Twilio signs the wss URL alone; whose token signed it is known once `start` names the call.
      const upgrade = {
        signature: twilioSignatureOf(request) ?? '',
        url: signedUrlOf(deps.config, request, 'ws'),
      };
      awaitStreamStart({
        socket,
        transport: request.socket,
        logger: deps.logger,
        onStart: (leg, start) => void runTwilioCall({ leg, start, upgrade, request, guard, deps }),
      });
    },
  );
}
