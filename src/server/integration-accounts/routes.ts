import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import { publicBaseUrl } from '../http/public-url.js';
import {
  createTwilioAccount,
  createWhatsAppAccount,
  getAccountView,
  listAccountViews,
  removeAccount,
  retestAccount,
  testUnsavedValues,
  updateAccount,
} from './account-service.js';
import { integrationWebhookUrls } from './webhook-urls.js';

const BASE = '/api/company/integration-accounts';

const idParams = z.object({ id: z.uuid() });

const credentials = z.strictObject({
  accountSid: z.string().trim().min(1).max(64),
  authToken: z.string().trim().min(1).max(200),
});
const accountConfig = z.strictObject({ phoneNumber: z.string().trim().min(1).max(40) });
/** Meta's ids are digits (the phone number id is the account's external id, 64 characters at most). */
const metaId = z
  .string()
  .trim()
  .regex(/^\d{1,64}$/, 'must be the numeric id Meta shows');
const whatsappCredentials = z.strictObject({
  accessToken: z.string().trim().min(1).max(1000),
  appSecret: z.string().trim().min(1).max(200),
});
const whatsappConfig = z.strictObject({
  businessAccountId: metaId,
  phoneNumberId: metaId,
  phoneNumber: z.string().trim().min(1).max(40),
  verifyToken: z.string().trim().min(8).max(200).optional(),
});
const name = z.string().trim().min(1).max(120);
const description = z.string().max(2000).nullable().optional();

const createBody = z.discriminatedUnion('accountType', [
  z.strictObject({
    accountType: z.literal('twilio'),
    name,
    description,
    chatbotId: z.uuid(),
    credentials,
    config: accountConfig,
  }),
  z.strictObject({
    accountType: z.literal('whatsapp'),
    name,
    description,
    chatbotId: z.uuid(),
    credentials: whatsappCredentials,
    config: whatsappConfig,
  }),
]);

const patchBody = z.strictObject({
  /** Forms may send it back; an account's type never changes. */
  accountType: z.enum(['twilio', 'whatsapp']).optional(),
  name: name.optional(),
  description,
  chatbotId: z.uuid().nullable().optional(),
  credentials: z.union([credentials, whatsappCredentials]).optional(),
  config: z.union([accountConfig, whatsappConfig]).optional(),
});

/** The add/edit form as it stands; only what the test needs is read. */
const unsavedTestFields = {
  id: z.uuid().optional(),
  name: z.string().max(120).optional(),
  description: z.string().max(2000).nullable().optional(),
  chatbotId: z.string().max(64).nullable().optional(),
};
const unsavedTestBody = z.discriminatedUnion('accountType', [
  z.strictObject({
    ...unsavedTestFields,
    accountType: z.literal('twilio'),
    credentials: credentials.optional(),
    config: accountConfig,
  }),
  z.strictObject({
    ...unsavedTestFields,
    accountType: z.literal('whatsapp'),
    credentials: whatsappCredentials.optional(),
    // Only the phone number id is tested; the rest of the form may still be half typed.
    config: z.strictObject({
      phoneNumberId: metaId,
      businessAccountId: z.string().max(64).optional(),
      phoneNumber: z.string().max(40).optional(),
      verifyToken: z.string().max(200).optional(),
    }),
  }),
]);

export async function integrationAccountRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = [guards.callFeature, guards.companyAdmin];
  const tenant = (request: FastifyRequest) => ({ companyId: tenantOf(request).id });
  const webhooks = (request: FastifyRequest) =>
    integrationWebhookUrls(publicBaseUrl(deps.config, request));

  r.get(BASE, { onRequest }, async (request) => ({
    accounts: await listAccountViews(db, tenant(request), webhooks(request)),
  }));

  r.post(BASE, { onRequest, schema: { body: createBody } }, async (request, reply) => {
    const { body } = request;
    const saved =
      body.accountType === 'whatsapp'
        ? await createWhatsAppAccount(deps, tenant(request), body, webhooks(request))
        : await createTwilioAccount(deps, tenant(request), body, webhooks(request));
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
