import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { BuzziMetrics } from './buzzi-metrics.js';

/** Requests with no matched route share one label, so scanners cannot grow the series. */
const UNMATCHED_ROUTE = '(unmatched)';

/**
 * HTTP latency for every request, and GET /metrics for Prometheus behind a
 * bearer token. Without METRICS_TOKEN the route is not registered: a 404
 * like any unknown path, so nothing about the node leaks.
 */
export async function metricsRoutes(
  app: FastifyInstance,
  metrics: BuzziMetrics,
  token: string | undefined,
): Promise<void> {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    metrics.httpRequest(request.method, route, reply.statusCode, reply.elapsedTime);
  });
  if (!token) return;
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!bearerMatches(request, token)) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send({ error: 'unauthorized', message: 'A valid metrics token is required.' });
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}

function bearerMatches(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
