import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import { callAnalytics, callAnalyticsQuery } from './call-analytics.js';

/** The Analytics page's figures, for every member of a company with the call feature. */
export async function callAnalyticsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/api/company/analytics/calls',
      { onRequest: guards.callFeature, schema: { querystring: callAnalyticsQuery } },
      async (request) => callAnalytics(db, { companyId: tenantOf(request).id }, request.query),
    );
}
