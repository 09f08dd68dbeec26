import type { RouteOptions } from 'fastify';
import type { z } from 'zod';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

/** One route as Fastify registered it, with the zod schemas it validates with. */
export type RouteEntry = {
  /** `METHOD /url`, the key of every table in the security suite. */
  key: string;
  method: string;
  url: string;
  websocket: boolean;
  schema: { params?: z.ZodType; querystring?: z.ZodType; body?: z.ZodType };
};

/**
 * The production app plus every route it registered, read from Fastify's own
 * route table, so a route added later is swept without anyone listing it.
 * HEAD twins of GET routes and CORS preflights are Fastify's and the CORS
 * plugin's, not ours.
 */
export async function startAppWithRouteTable(
  env: Record<string, string> = {},
): Promise<{ t: TestApp; routes: RouteEntry[] }> {
  const routes: RouteEntry[] = [];
  const onRoute = (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      routes.push({
        key: `${method} ${route.url}`,
        method,
        url: route.url,
        websocket: Boolean((route as { websocket?: boolean }).websocket),
        schema: (route.schema ?? {}) as RouteEntry['schema'],
      });
    }
  };
  const t = await startTestApp(env, { onRoute });
  return { t, routes };
}
