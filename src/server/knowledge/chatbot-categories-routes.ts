import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import { getChatbotCategoryIds, setChatbotCategoryIds } from './chatbot-categories-service.js';

const PATH = '/api/company/chatbots/:id/knowledge-categories';

const idParams = z.object({ id: z.uuid() });
const putBody = z.strictObject({ categoryIds: z.array(z.uuid()).max(500) });

export async function chatbotKnowledgeCategoryRoutes(
  app: FastifyInstance,
  deps: AppDeps,
): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(PATH, { onRequest: guards.company, schema: { params: idParams } }, async (request) => ({
    categoryIds: await getChatbotCategoryIds(
      db,
      { companyId: tenantOf(request).id },
      request.params.id,
    ),
  }));

  r.put(
    PATH,
    { onRequest: guards.companyAdmin, schema: { params: idParams, body: putBody } },
    async (request) => ({
      categoryIds: await setChatbotCategoryIds(
        db,
        { companyId: tenantOf(request).id },
        request.params.id,
        request.body.categoryIds,
      ),
    }),
  );
}
