import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import { resolveSearchScope } from './search-scope.js';

// Generous: the retriever reads only the start of a query, but pasting a whole
// customer e-mail into the search tester should still work.
const MAX_QUERY_CHARS = 10_000;

const searchBody = z
  .strictObject({
    query: z.string().max(MAX_QUERY_CHARS),
    chatbotId: z.uuid().optional(),
    categoryIds: z.array(z.uuid()).max(200).optional(),
    limit: z.number().int().min(1).max(20).default(5),
  })
  .refine((body) => !(body.chatbotId && body.categoryIds?.length), {
    path: ['categoryIds'],
    message: 'search either as a chatbot or within categories, not both',
  });

export async function knowledgeSearchRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards, retriever } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/company/knowledge/search',
    { onRequest: guards.company, schema: { body: searchBody } },
    async (request) => {
      const tenant = { companyId: tenantOf(request).id };
      const { query, limit, chatbotId, categoryIds } = request.body;
      const scope = await resolveSearchScope(db, tenant, { chatbotId, categoryIds });
      const results = await retriever.search({ ...tenant, ...scope, query, limit });
      return { results, mode: retriever.usesVectors ? 'hybrid' : 'fulltext' };
    },
  );
}
