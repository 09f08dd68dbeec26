import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import { listNotifications, markNotificationRead } from './service.js';

const params = z.object({ id: z.uuid() });

/** What the company's admins should act on: the dashboard's bell. */
export async function notificationRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/company/notifications', { onRequest: guards.companyAdmin }, async (request) =>
    listNotifications(db, { companyId: tenantOf(request).id }),
  );

  r.post(
    '/api/company/notifications/:id/read',
    { onRequest: guards.companyAdmin, schema: { params } },
    async (request) => ({
      notification: await markNotificationRead(
        db,
        { companyId: tenantOf(request).id },
        request.params.id,
      ),
    }),
  );
}
