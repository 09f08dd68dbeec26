import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../app-deps.js';
import { AppError } from '../../../http/errors.js';
import { WHATSAPP_WEBHOOK_PATH } from '../../../integration-accounts/webhook-urls.js';
import { safeError } from '../../runner/log-safe.js';
import {
  callNotificationsOf,
  phoneNumberIdsOf,
  type WebhookEnvelope,
  webhookEnvelope,
} from './webhook-payload.js';
import { isSignedByMeta } from './webhook-signature.js';
import {
  isKnownVerifyToken,
  type WhatsAppAccount,
  whatsAppAccountsByNumberId,
} from './whatsapp-account.js';
import { WhatsAppCalls } from './whatsapp-calls.js';

export type WhatsAppWebhookDeps = Pick<AppDeps, 'calls' | 'config' | 'db' | 'secretBox' | 'logger'>;

/** A calls payload with an SDP offer is a few kilobytes; room for a batch of them. */
const BODY_LIMIT_BYTES = 256 * 1024;
/** Refused requests one address may send a minute before it gets 429 instead of 403. */
const REFUSALS_PER_MINUTE = 100;

const SIGNATURE_HEADER = 'x-hub-signature-256';

const forbidden = () =>
  new AppError(
    403,
    'forbidden',
    'This request is not signed by Meta for a connected WhatsApp number.',
  );
const tooManyRefusals = () =>
  new AppError(429, 'rate_limited', 'Too many requests failed validation. Try again in a minute.');
const malformed = () => new AppError(400, 'bad_request', 'This is not a WhatsApp webhook payload.');

/**
 * WhatsApp Business calls: Meta's subscription handshake (GET) and its
 * `calls` webhook (POST), proven with X-Hub-Signature-256 over the raw body
 * and the app secret of every number the payload names, before anything in
 * it is acted on. The 200 goes out first; the calls are handled after it.
 */
export async function whatsappWebhookRoutes(
  app: FastifyInstance,
  deps: WhatsAppWebhookDeps,
): Promise<void> {
  const whatsappCalls = new WhatsAppCalls(deps);
  await app.register(async (scope) => webhookRoutes(scope, deps, whatsappCalls));
}

async function webhookRoutes(
  app: FastifyInstance,
  deps: WhatsAppWebhookDeps,
  whatsappCalls: WhatsAppCalls,
): Promise<void> {
  // The signature covers the bytes as sent: the body stays raw in this scope.
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );
  const refusals = app.createRateLimit({
    max: REFUSALS_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (request) => `whatsapp-refused:${request.ip}`,
  });
  const refuse = async (request: FastifyRequest, reason: string, error = forbidden()) => {
    const verdict = await refusals(request);
    if (!verdict.isAllowed && verdict.isExceeded) throw tooManyRefusals();
    deps.logger.warn({ reason, path: WHATSAPP_WEBHOOK_PATH }, 'whatsapp request refused');
    throw error;
  };

  const handshake = z.object({
    'hub.mode': z.string().max(40).optional(),
    'hub.verify_token': z.string().max(200).optional(),
    'hub.challenge': z.string().max(200).optional(),
  });
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(WHATSAPP_WEBHOOK_PATH, { schema: { querystring: handshake } }, async (request, reply) => {
    const {
      'hub.mode': mode,
      'hub.verify_token': token,
      'hub.challenge': challenge,
    } = request.query;
    if (mode !== 'subscribe' || token === undefined || challenge === undefined) {
      return refuse(request, 'bad_handshake');
    }
    if (!(await isKnownVerifyToken(deps.db, token))) {
      return refuse(request, 'unknown_verify_token');
    }
    return reply.type('text/plain').send(challenge);
  });

  app.post(WHATSAPP_WEBHOOK_PATH, { bodyLimit: BODY_LIMIT_BYTES }, async (request, reply) => {
    const signature = request.headers[SIGNATURE_HEADER];
    if (typeof signature !== 'string' || signature.length === 0) {
      return refuse(request, 'unsigned');
    }
    const raw = request.body;
    if (!Buffer.isBuffer(raw)) return refuse(request, 'not_json', malformed());
    let envelope: WebhookEnvelope;
    try {
      envelope = webhookEnvelope.parse(JSON.parse(raw.toString('utf8')));
    } catch {
      return refuse(request, 'malformed', malformed());
    }
    const ids = phoneNumberIdsOf(envelope);
    let accounts: Map<string, WhatsAppAccount>;
    try {
      accounts = await whatsAppAccountsByNumberId(deps.db, deps.secretBox, ids);
    } catch (err) {
      deps.logger.error({ err: safeError(err) }, 'whatsapp account credentials unreadable');
      return refuse(request, 'unreadable_credentials');
    }
    if (ids.length === 0 || ids.some((id) => !accounts.has(id))) {
      return refuse(request, 'unknown_number');
    }
    for (const account of accounts.values()) {
      if (!isSignedByMeta(account.appSecret, signature, raw)) {
        return refuse(request, 'bad_signature');
      }
    }
    await reply.status(200).send({ received: true });
    for (const notification of callNotificationsOf(envelope)) {
      const account = accounts.get(notification.phoneNumberId);
      if (account) void whatsappCalls.handle(notification, account);
    }
    return reply;
  });
}
