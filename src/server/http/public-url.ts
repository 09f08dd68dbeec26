import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';

/** The address users reach this server at: PUBLIC_URL, else what the request came in on. */
export function publicBaseUrl(config: Pick<Config, 'publicUrl'>, request: FastifyRequest): string {
  return config.publicUrl ?? `${request.protocol}://${request.host}`;
}
