import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import { getCallDetails } from './call-details.js';
import { callFilterQuery } from './call-filters.js';
import { exportCallsCsv } from './csv-export.js';
import { CALLS } from './management-routes.js';
import { callPdf } from './pdf-export.js';

const idParams = z.object({ id: z.uuid() });

const attachment = (filename: string) => `attachment; filename="${filename}"`;

/** A filtered list as CSV and one call as PDF, for members of the company. */
export async function callExportRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    `${CALLS}/export.csv`,
    { onRequest: guards.callFeature, schema: { querystring: callFilterQuery } },
    async (request, reply) => {
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(`calls-${day}.csv`))
        .send(exportCallsCsv(db, { companyId: tenantOf(request).id }, request.query));
    },
  );

  r.get(
    `${CALLS}/:id/export.pdf`,
    { onRequest: guards.callFeature, schema: { params: idParams } },
    async (request, reply) => {
      const call = await getCallDetails(db, { companyId: tenantOf(request).id }, request.params.id);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          attachment(
            `call-${call.startedAt.toISOString().slice(0, 10)}-${call.id.slice(0, 8)}.pdf`,
          ),
        )
        .send(await callPdf(call));
    },
  );
}
