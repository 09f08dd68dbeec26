import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import {
  createCategory,
  deleteCategory,
  listCategories,
  updateCategory,
} from './categories-service.js';

const BASE = '/api/company/knowledge/categories';

const idParams = z.object({ id: z.uuid() });
const fields = {
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).optional(),
};
const createBody = z.strictObject(fields);
const patchBody = z.strictObject(fields).partial();

export async function knowledgeCategoryRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(BASE, { onRequest: guards.company }, async (request) => ({
    categories: await listCategories(db, { companyId: tenantOf(request).id }),
  }));

  r.post(
    BASE,
    { onRequest: guards.companyAdmin, schema: { body: createBody } },
    async (request, reply) => {
      const category = await createCategory(db, { companyId: tenantOf(request).id }, request.body);
      return reply.status(201).send({ category });
    },
  );

  r.patch(
    `${BASE}/:id`,
    { onRequest: guards.companyAdmin, schema: { params: idParams, body: patchBody } },
    async (request) => ({
      category: await updateCategory(
        db,
        { companyId: tenantOf(request).id },
        request.params.id,
        request.body,
      ),
    }),
  );

  r.delete(
    `${BASE}/:id`,
    { onRequest: guards.companyAdmin, schema: { params: idParams } },
    async (request, reply) => {
      await deleteCategory(db, { companyId: tenantOf(request).id }, request.params.id);
      return reply.status(204).send();
    },
  );
}
