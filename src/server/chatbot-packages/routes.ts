import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { chatbotTypes } from '../../shared/domain.js';
import type { AppDeps } from '../app-deps.js';
import { createPackage, deletePackage, listPackages, updatePackage } from './service.js';

const idParams = z.object({ id: z.uuid() });
const limit = z.number().int().min(0).max(10_000_000).optional();
const packageBody = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().max(2000).optional(),
  chatbotType: z.enum(chatbotTypes),
  limits: z
    .strictObject({
      monthlyMessages: limit,
      monthlyCallMinutes: limit,
      maxConcurrentCalls: z.number().int().min(0).max(1000).optional(),
    })
    .optional(),
  isActive: z.boolean().optional(),
});

export async function chatbotPackageRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const master = { onRequest: guards.masterAdmin };

  r.get('/api/master/chatbot-packages', master, async () => ({ packages: await listPackages(db) }));

  r.post(
    '/api/master/chatbot-packages',
    { ...master, schema: { body: packageBody } },
    async (request, reply) =>
      reply.status(201).send({ package: await createPackage(db, request.body) }),
  );

  r.patch(
    '/api/master/chatbot-packages/:id',
    { ...master, schema: { params: idParams, body: packageBody.partial() } },
    async (request) => ({ package: await updatePackage(db, request.params.id, request.body) }),
  );

  r.delete(
    '/api/master/chatbot-packages/:id',
    { ...master, schema: { params: idParams } },
    async (request, reply) => {
      await deletePackage(db, request.params.id);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/company/chatbot-packages',
    {
      onRequest: guards.company,
      schema: { querystring: z.object({ chatbotType: z.enum(chatbotTypes).optional() }) },
    },
    async (request) => ({
      packages: await listPackages(db, {
        activeOnly: true,
        chatbotType: request.query.chatbotType,
      }),
    }),
  );
}
