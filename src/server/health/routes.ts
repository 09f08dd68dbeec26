import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { outcomeWithin } from '../time-limit.js';

/** A dependency that does not answer in time is down: a hung server must not hang the health check. */
const CHECK_TIMEOUT_MS = 2000;

/** The check's answer, or `otherwise` when it fails or does not answer in time. */
async function within<T>(check: Promise<T>, otherwise: T): Promise<T> {
  const outcome = await outcomeWithin(check, CHECK_TIMEOUT_MS);
  return outcome.status === 'done' ? outcome.value : otherwise;
}

export async function healthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/api/health', async (_request, reply) => {
    const [database, redis] = await Promise.all([
      within(
        deps.db.execute(sql`select 1`).then(() => true),
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
