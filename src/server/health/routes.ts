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
    // A missing speech package disables local calls, not the server: it is reported, not a 503.
    const local = await deps.localVoice.status();
    return reply.status(healthy ? 200 : 503).send({
      status: healthy ? 'ok' : 'error',
      database: deps.databaseKind,
      redis,
      localVoice: {
        status: local.available ? 'ok' : 'unavailable',
        message: local.message,
        installCommand: local.installCommand,
        parts: { vad: local.vad, stt: local.stt, tts: local.tts },
      },
    });
  });
}
