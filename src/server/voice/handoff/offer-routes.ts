import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { principalOf, tenantOf } from '../../auth/guards.js';

const callParams = z.object({ id: z.uuid() });

/** A ringing call's Accept and Decline, for the people it rings for. */
export async function offerRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { guards, callOffers } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const answerer = (request: Parameters<typeof tenantOf>[0]) => {
    const principal = principalOf(request);
    return {
      companyId: tenantOf(request).id,
      userId: principal.id,
      userName: principal.name || principal.email,
    };
  };

  r.post(
    '/api/company/calls/:id/accept',
    { onRequest: guards.callFeature, schema: { params: callParams } },
    async (request) => callOffers.accept(answerer(request), request.params.id),
  );

  r.post(
    '/api/company/calls/:id/decline',
    { onRequest: guards.callFeature, schema: { params: callParams } },
    async (request, reply) => {
      await callOffers.decline(answerer(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
