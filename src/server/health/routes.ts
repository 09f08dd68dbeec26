import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { checkDependencies } from './dependency-checks.js';

export async function healthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // Liveness: the process answers. A load balancer should route by /api/health/ready instead.
  app.get('/api/health', async (_request, reply) => {
    const { database, redis } = await checkDependencies(deps);
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

  // Readiness: this node should get new requests and calls. A draining node
  // says so first, so the balancer stops sending it calls it would refuse.
  app.get('/api/health/ready', async (_request, reply) => {
    if (deps.calls.draining) {
      return reply.status(503).send({
        status: 'not_ready',
        reason: 'draining',
        message: 'This node is shutting down and takes no new calls.',
        liveCalls: deps.calls.liveCallCount,
      });
    }
    const { database, redis } = await checkDependencies(deps);
    const reason = !database
      ? 'database_unreachable'
      : redis === 'error'
        ? 'redis_unreachable'
        : null;
    if (reason) {
      return reply.status(503).send({
        status: 'not_ready',
        reason,
        message:
          reason === 'database_unreachable'
            ? 'The database does not answer.'
            : 'Redis does not answer.',
        liveCalls: deps.calls.liveCallCount,
      });
    }
    return reply.send({ status: 'ready', liveCalls: deps.calls.liveCallCount });
  });
}
