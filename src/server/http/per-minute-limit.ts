import type { FastifyRequest } from 'fastify';

/**
 * Route config for @fastify/rate-limit: `max` requests a minute per key. It
 * runs as a preHandler, after validation, so the key can name the chatbot.
 */
export function perMinute(max: number, key: (request: FastifyRequest) => string) {
  return {
    rateLimit: {
      max,
      timeWindow: 60_000,
      hook: 'preHandler' as const,
      keyGenerator: key,
      errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) => ({
        statusCode: 429,
        message: `Too many requests. Try again in ${context.after}.`,
      }),
    },
  };
}
