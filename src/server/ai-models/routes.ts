import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { aiProviders, modelTypes } from '../../shared/domain.js';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import { callFeatureDisabled } from '../http/errors.js';
import {
  createAiModel,
  deleteAiModel,
  listAiModels,
  listUsableModels,
  updateAiModel,
} from './service.js';

const idParams = z.object({ id: z.uuid() });
const modelBody = z.object({
  provider: z.enum(aiProviders),
  modelId: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[A-Za-z0-9._:/-]+$/, 'letters, digits and . _ : / - only'),
  displayName: z.string().trim().min(1).max(120),
  modelType: z.enum(modelTypes),
  isActive: z.boolean().optional(),
});

export async function aiModelRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const master = { onRequest: guards.masterAdmin };

  r.get('/api/master/ai-models', master, async () => ({ models: await listAiModels(db) }));

  r.post(
    '/api/master/ai-models',
    { ...master, schema: { body: modelBody } },
    async (request, reply) =>
      reply.status(201).send({ model: await createAiModel(db, request.body) }),
  );

  r.patch(
    '/api/master/ai-models/:id',
    { ...master, schema: { params: idParams, body: modelBody.partial() } },
    async (request) => ({ model: await updateAiModel(db, request.params.id, request.body) }),
  );

  r.delete(
    '/api/master/ai-models/:id',
    { ...master, schema: { params: idParams } },
    async (request, reply) => {
      await deleteAiModel(db, request.params.id);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/company/ai-models',
    {
      onRequest: guards.company,
      schema: { querystring: z.object({ modelType: z.enum(['chat', 'call']).optional() }) },
    },
    async (request) => {
      const { callEnabled } = tenantOf(request).features;
      const { modelType } = request.query;
      if (modelType === 'call' && !callEnabled) throw callFeatureDisabled();
      const purposes: Array<'chat' | 'call'> = modelType
        ? [modelType]
        : callEnabled
          ? ['chat', 'call']
          : ['chat'];
      return { models: await listUsableModels(db, purposes) };
    },
  );
}
