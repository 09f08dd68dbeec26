import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';

/** A dependency that does not answer in time is down: a hung server must not hang the health check. */
const CHECK_TIMEOUT_MS = 2000;

function within<T>(check: Promise<T>, otherwise: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(otherwise), CHECK_TIMEOUT_MS);
  });
  return Promise.race([check, late]).finally(() => clearTimeout(timer));
}

export async function healthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/api/health', async (_request, reply) => {
    const [database, redis] = await Promise.all([
      within(
        deps.db
          .execute(sql`select 1`)
          .then(() => true)
          .catch(() => false),
        false,
      ),
      deps.bus.kind === 'redis' ? within(deps.bus.ping(), 'error' as const) : ('off' as const),
    ]);
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
