import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { tenantOf } from '../auth/guards.js';

/** Uploads a company may start per minute: each holds the document worker for up to its time limit. */
export const UPLOADS_PER_MINUTE = 30;

/**
 * One per-company budget shared by the upload routes (new file and
 * replacement), checked before the file is read; shared across nodes when
 * the rate limiter uses Redis.
 */
export function uploadRateLimit(app: FastifyInstance): preHandlerAsyncHookHandler {
  return app.rateLimit({
    max: UPLOADS_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => `knowledge-upload:${tenantOf(request).id}`,
    errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) => ({
      statusCode: 429,
      message: `Too many uploads for this company: at most ${UPLOADS_PER_MINUTE} a minute. Try again in ${context.after}.`,
    }),
  });
}
