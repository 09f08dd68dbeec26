import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import { callChangeBody, changeCall, deleteCall } from './call-changes.js';
import { getCallDetails } from './call-details.js';
import { callListQuery, listCalls } from './call-list.js';
import { callStats, callStatsQuery } from './call-stats.js';

export const CALLS = '/api/company/calls';

const idParams = z.object({ id: z.uuid() });

/** The Calls page's list, figures and one call's details: read and marked by members, deleted by admins. */
export async function callManagementRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, bus, guards, recordings, recordingLinks } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tenant = (request: FastifyRequest) => ({ companyId: tenantOf(request).id });
  const target = (request: FastifyRequest) => ({
    companyId: tenantOf(request).id,
    callId: (request.params as { id: string }).id,
  });

  r.get(
    CALLS,
    { onRequest: guards.callFeature, schema: { querystring: callListQuery } },
    async (request) => listCalls(db, tenant(request), request.query),
  );

  r.get(
    `${CALLS}/stats`,
    { onRequest: guards.callFeature, schema: { querystring: callStatsQuery } },
    async (request) => callStats(db, tenant(request), request.query),
  );

  r.get(
    `${CALLS}/:id`,
    { onRequest: guards.callFeature, schema: { params: idParams } },
    async (request) => ({
      call: await getCallDetails(db, tenant(request), request.params.id, recordingLinks),
    }),
  );

  r.patch(
    `${CALLS}/:id`,
    { onRequest: guards.callFeature, schema: { params: idParams, body: callChangeBody } },
    async (request) => ({ call: await changeCall({ db, bus }, target(request), request.body) }),
  );

  r.delete(
    `${CALLS}/:id`,
    { onRequest: [guards.companyAdmin, guards.callFeature], schema: { params: idParams } },
    async (request, reply) => {
      await deleteCall({ db, recordings }, target(request));
      return reply.status(204).send();
    },
  );
}
