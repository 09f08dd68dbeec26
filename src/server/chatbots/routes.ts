import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agentsListSchema, chatbotSettingsPatchSchema } from '../../shared/chatbot-settings.js';
import { chatbotTypes } from '../../shared/domain.js';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import { callFeatureDisabled } from '../http/errors.js';
import {
  createChatbot,
  deleteChatbot,
  getChatbot,
  listChatbots,
  updateChatbot,
} from './service.js';

const idParams = z.object({ id: z.uuid() });

const editableFields = {
  name: z.string().trim().min(1).max(120),
  description: z.string().max(2000).optional(),
  packageId: z.uuid().nullable().optional(),
  chatModelId: z.uuid().nullable().optional(),
  instructions: z.string().max(50_000).optional(),
  isActive: z.boolean().optional(),
  settings: chatbotSettingsPatchSchema.optional(),
  agentsList: agentsListSchema.optional(),
};

const createBody = z.strictObject({ ...editableFields, chatbotType: z.enum(chatbotTypes) });
const patchBody = z.strictObject(editableFields).partial();

export async function chatbotRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/company/chatbots', { onRequest: guards.company }, async (request) => ({
    chatbots: await listChatbots(db, { companyId: tenantOf(request).id }),
  }));

  r.post(
    '/api/company/chatbots',
    { onRequest: guards.companyAdmin, schema: { body: createBody } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const wantsCalls = request.body.chatbotType === 'call' || request.body.settings?.call;
      if (wantsCalls && !tenant.features.callEnabled) throw callFeatureDisabled();
      const chatbot = await createChatbot(db, { companyId: tenant.id }, request.body);
      return reply.status(201).send({ chatbot });
    },
  );

  r.get(
    '/api/company/chatbots/:id',
    { onRequest: guards.company, schema: { params: idParams } },
    async (request) => ({
      chatbot: await getChatbot(db, { companyId: tenantOf(request).id }, request.params.id),
    }),
  );

  r.patch(
    '/api/company/chatbots/:id',
    { onRequest: guards.companyAdmin, schema: { params: idParams, body: patchBody } },
    async (request) => {
      const tenant = tenantOf(request);
      if (request.body.settings?.call && !tenant.features.callEnabled) throw callFeatureDisabled();
      return {
        chatbot: await updateChatbot(db, { companyId: tenant.id }, request.params.id, request.body),
      };
    },
  );

  r.delete(
    '/api/company/chatbots/:id',
    { onRequest: guards.companyAdmin, schema: { params: idParams } },
    async (request, reply) => {
      await deleteChatbot(db, { companyId: tenantOf(request).id }, request.params.id);
      return reply.status(204).send();
    },
  );
}
