import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import { WEBHOOK_EVENTS } from './webhook-events.js';
import {
  createWebhook,
  getWebhook,
  listWebhooks,
  rotateWebhookSecret,
  updateWebhook,
} from './webhook-service.js';
import { deleteWebhookRow, findWebhookRow, listDeliveries } from './webhook-store.js';

export const WEBHOOKS = '/api/company/webhooks';

const idParams = z.object({ id: z.uuid() });
const url = z.string().trim().min(1).max(500);
const description = z.string().max(500).nullable().optional();
const events = z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'choose at least one event').max(20);

const createBody = z.strictObject({ url, description, events });
const patchBody = z.strictObject({
  url: url.optional(),
  description,
  events: events.optional(),
  isActive: z.boolean().optional(),
});

/** The company's outbound event endpoints: company admins only, with or without the Call Feature. */
export async function webhookRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards, webhookSender } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = guards.companyAdmin;
  const service = {
    db,
    secretBox: deps.secretBox,
    allowPrivateUrls: deps.config.webhooks.allowPrivateUrls,
  };
  const tenant = (request: FastifyRequest) => ({ companyId: tenantOf(request).id });

  r.get(WEBHOOKS, { onRequest }, async (request) => ({
    webhooks: await listWebhooks(service, tenant(request)),
    events: WEBHOOK_EVENTS,
  }));

  r.post(WEBHOOKS, { onRequest, schema: { body: createBody } }, async (request, reply) =>
    reply.status(201).send(await createWebhook(service, tenant(request), request.body)),
  );

  r.get(`${WEBHOOKS}/:id`, { onRequest, schema: { params: idParams } }, async (request) => ({
    webhook: await getWebhook(service, tenant(request), request.params.id),
  }));

  r.patch(
    `${WEBHOOKS}/:id`,
    { onRequest, schema: { params: idParams, body: patchBody } },
    async (request) => ({
      webhook: await updateWebhook(service, tenant(request), request.params.id, request.body),
    }),
  );

  r.delete(
    `${WEBHOOKS}/:id`,
    { onRequest, schema: { params: idParams } },
    async (request, reply) => {
      await deleteWebhookRow(db, tenant(request), request.params.id);
      return reply.status(204).send();
    },
  );

  r.post(`${WEBHOOKS}/:id/test`, { onRequest, schema: { params: idParams } }, async (request) => ({
    delivery: await webhookSender.sendTest(tenant(request), request.params.id),
  }));

  r.get(
    `${WEBHOOKS}/:id/deliveries`,
    { onRequest, schema: { params: idParams } },
    async (request) => {
      await findWebhookRow(db, tenant(request), request.params.id);
      return { deliveries: await listDeliveries(db, tenant(request), request.params.id) };
    },
  );

  r.post(
    `${WEBHOOKS}/:id/rotate-secret`,
    { onRequest, schema: { params: idParams } },
    async (request) => rotateWebhookSecret(service, tenant(request), request.params.id),
  );
}
