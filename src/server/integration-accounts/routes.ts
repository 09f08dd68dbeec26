import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import { publicBaseUrl } from '../http/public-url.js';
import {
  createTwilioAccount,
  getAccountView,
  listAccountViews,
  removeAccount,
  retestAccount,
  testUnsavedValues,
  updateAccount,
} from './account-service.js';
import { twilioWebhookUrls } from './webhook-urls.js';

const BASE = '/api/company/integration-accounts';

const idParams = z.object({ id: z.uuid() });

const credentials = z.strictObject({
  accountSid: z.string().trim().min(1).max(64),
  authToken: z.string().trim().min(1).max(200),
});
const accountConfig = z.strictObject({ phoneNumber: z.string().trim().min(1).max(40) });
const name = z.string().trim().min(1).max(120);
const description = z.string().max(2000).nullable().optional();

const createBody = z.strictObject({
  accountType: z.literal('twilio'),
  name,
  description,
  chatbotId: z.uuid(),
  credentials,
  config: accountConfig,
});

const patchBody = z.strictObject({
  /** Forms may send it back; an account's type never changes. */
  accountType: z.literal('twilio').optional(),
  name: name.optional(),
  description,
  chatbotId: z.uuid().nullable().optional(),
  credentials: credentials.optional(),
  config: accountConfig.optional(),
});

/** The add/edit form as it stands; only what the test needs is read. */
const unsavedTestBody = z.strictObject({
  id: z.uuid().optional(),
  accountType: z.literal('twilio'),
  name: z.string().max(120).optional(),
  description: z.string().max(2000).nullable().optional(),
  chatbotId: z.string().max(64).nullable().optional(),
  credentials: credentials.optional(),
  config: accountConfig,
});

export async function integrationAccountRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = [guards.callFeature, guards.companyAdmin];
  const tenant = (request: FastifyRequest) => ({ companyId: tenantOf(request).id });
  const webhooks = (request: FastifyRequest) =>
    twilioWebhookUrls(publicBaseUrl(deps.config, request));

  r.get(BASE, { onRequest }, async (request) => ({
    accounts: await listAccountViews(db, tenant(request), webhooks(request)),
  }));

  r.post(BASE, { onRequest, schema: { body: createBody } }, async (request, reply) => {
    const saved = await createTwilioAccount(deps, tenant(request), request.body, webhooks(request));
    return reply.status(201).send(saved);
  });

  r.post(`${BASE}/test`, { onRequest, schema: { body: unsavedTestBody } }, async (request) => ({
    test: await testUnsavedValues(deps, tenant(request), request.body, webhooks(request)),
  }));

  r.get(`${BASE}/:id`, { onRequest, schema: { params: idParams } }, async (request) => ({
    account: await getAccountView(db, tenant(request), request.params.id, webhooks(request)),
  }));

  r.patch(
    `${BASE}/:id`,
    { onRequest, schema: { params: idParams, body: patchBody } },
    async (request) =>
      updateAccount(deps, tenant(request), request.params.id, request.body, webhooks(request)),
  );

  r.delete(`${BASE}/:id`, { onRequest, schema: { params: idParams } }, async (request, reply) => {
    await removeAccount(db, tenant(request), request.params.id);
    return reply.status(204).send();
  });

  r.post(`${BASE}/:id/test`, { onRequest, schema: { params: idParams } }, async (request) =>
    retestAccount(deps, tenant(request), request.params.id, webhooks(request)),
  );
}
