import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';

export async function healthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/api/health', async (_request, reply) => {
    const database = await deps.db
      .execute(sql`select 1`)
      .then(() => true)
      .catch(() => false);
    const redis = deps.bus.kind === 'redis' ? await deps.bus.ping() : 'off';
    const healthy = database && redis !== 'error';
    return reply.status(healthy ? 200 : 503).send({
      status: healthy ? 'ok' : 'error',
      database: deps.databaseKind,
      redis,
    });
  });
}
