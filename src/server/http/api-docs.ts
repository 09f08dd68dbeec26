import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform } from 'fastify-type-provider-zod';
import { SESSION_COOKIE } from '../auth/cookies.js';

export const API_DOCS_PREFIX = '/api/docs';

const zodTransform = createJsonSchemaTransform({ skipList: [`${API_DOCS_PREFIX}/*`] });

/** Groups the reference by feature: `/api/company/calls/:id` under calls, `/api/master/companies` under master companies. */
export function tagOf(url: string): string {
  const [first = 'api', second] = url.replace(/^\/api\//, '').split('/');
  if (first === 'company' && second) return second;
  if (first === 'master' && second) return `master ${second}`;
  return first;
}

/**
 * The OpenAPI 3 reference, generated from the routes' zod schemas, at
 * /api/docs (a browsable page) and /api/docs/openapi.json. Must be registered
 * before any route: the swagger plugin only sees routes added after it.
 */
export async function registerApiDocs(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Buzzi API',
        description:
          'JSON over HTTP; every error is `{ error, message, fields? }`. Signed-in routes use the session cookie set by POST /api/auth/login.',
        version: '1',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
    },
    transform: (document) => {
      const transformed = zodTransform(document);
      const schema = (transformed.schema ?? {}) as { hide?: boolean; tags?: string[] };
      if (schema.hide || schema.tags) return transformed;
      return { ...transformed, schema: { ...schema, tags: [tagOf(document.url)] } };
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: API_DOCS_PREFIX,
    staticCSP: true,
    uiConfig: { docExpansion: 'list', deepLinking: true },
  });
  app.get(`${API_DOCS_PREFIX}/openapi.json`, { schema: { hide: true } }, async () => app.swagger());
}
