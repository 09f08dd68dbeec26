import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * /api routes that take no zod-validated input, each with why. Any other
 * /api route without a schema fails the test below: add a zod schema
 * (params, querystring, body) to the route rather than a line here.
 */
const WITHOUT_SCHEMA: Record<string, string> = {
  'GET /api/health': 'no input',
  'GET /api/health/ready': 'no input',
  'POST /api/auth/logout': 'no input',
  'GET /api/auth/me': 'no input',
  'GET /api/master/companies': 'no input',
  'GET /api/master/ai-models': 'no input',
  'GET /api/master/chatbot-packages': 'no input',
  'GET /api/company/chatbots': 'no input',
  'GET /api/company/members': 'no input',
  'GET /api/company/integration-accounts': 'no input',
  'GET /api/company/knowledge/categories': 'no input',
  'GET /api/company/call-models/readiness': 'no input',
  'GET /api/company/notifications': 'no input',
  'GET /api/company/recording-settings': 'no input',
  'GET /api/company/webhooks': 'no input',
  'GET /api/company/business-hours': 'no input',
  'GET /api/company/caller-lists': 'no input',
  'GET /api/company/routing-rules': 'no input',
  'GET /api/company/calls/events': 'server-sent events, no input',
  'GET /api/company/inbox/events': 'server-sent events, no input',
  'GET /api/company/agent-events': 'server-sent events, no input',
  'GET /api/company/presence': 'no input',
  'GET /api/company/escalation-settings': 'no input',
  'POST /api/company/knowledge/documents/upload': 'multipart file, checked by the upload parser',
  'POST /api/webhooks/twilio/voice': "Twilio's form post, checked with its signature",
  'POST /api/webhooks/twilio/voice/connect': "Twilio's form post, checked with its signature",
  'POST /api/webhooks/twilio/voice/gather': "Twilio's form post, checked with its signature",
  'POST /api/webhooks/twilio/status': "Twilio's form post, checked with its signature",
  'GET /api/webhooks/twilio/media': 'WebSocket, authenticated by its single-use token',
  'POST /api/webhooks/whatsapp/call': "Meta's JSON, checked with its signature over the raw body",
};

type OpenApi = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { parameters?: unknown[]; requestBody?: unknown; tags?: string[] }>
  >;
};

const hasSchema = (route: RouteOptions) => {
  const schema = route.schema as Record<string, unknown> | undefined;
  return Boolean(schema?.body || schema?.querystring || schema?.params || schema?.response);
};
const isHidden = (route: RouteOptions) =>
  Boolean((route.schema as { hide?: boolean } | undefined)?.hide);

describe('the OpenAPI reference', () => {
  let t: TestApp;
  const routes: RouteOptions[] = [];
  let doc: OpenApi;
  beforeAll(async () => {
    t = await startTestApp({}, { onRoute: (route) => routes.push(route) });
    const res = await fetch(`${t.url}/api/docs/openapi.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as OpenApi;
  });
  afterAll(() => t.close());

  /** Every /api route as `METHOD /path`, without CORS preflights, HEAD twins and the docs themselves. */
  const apiRoutes = () =>
    routes.flatMap((route) =>
      [route.method]
        .flat()
        .filter((method) => method !== 'HEAD' && method !== 'OPTIONS')
        .filter(() => route.url.startsWith('/api/') && !route.url.startsWith('/api/docs'))
        .map((method) => ({ key: `${method} ${route.url}`, method, route })),
    );

  it('gives every /api route a zod schema, but for the few listed without input', () => {
    const missing = apiRoutes()
      .filter(({ key, route }) => !hasSchema(route) && !(key in WITHOUT_SCHEMA))
      .map(({ key }) => key);
    expect(missing).toEqual([]);
    // A listed route that got a schema leaves the list.
    const keys = new Set(apiRoutes().map(({ key }) => key));
    for (const key of Object.keys(WITHOUT_SCHEMA)) expect(keys, key).toContain(key);
    const listedWithSchema = apiRoutes()
      .filter(({ key, route }) => key in WITHOUT_SCHEMA && hasSchema(route))
      .map(({ key }) => key);
    expect(listedWithSchema).toEqual([]);
  });

  it('documents every /api route with its path parameters and body, as OpenAPI 3', () => {
    expect(doc.openapi).toMatch(/^3\./);
    // Grouped by feature on the page.
    expect(doc.paths['/api/company/calls']?.get?.tags).toEqual(['calls']);
    expect(doc.paths['/api/master/companies']?.get?.tags).toEqual(['master companies']);
    for (const { key, method, route } of apiRoutes()) {
      if (isHidden(route)) continue;
      const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const operation = doc.paths[path]?.[method.toLowerCase()];
      expect(operation, key).toBeDefined();
      const schema = route.schema as Record<string, unknown> | undefined;
      if (schema?.params) expect(operation?.parameters, key).not.toHaveLength(0);
      if (schema?.body) expect(operation?.requestBody, key).toBeDefined();
    }
  });

  it('shows the reference as a browsable page at /api/docs', async () => {
    const page = await fetch(`${t.url}/api/docs/static/index.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('swagger-ui');
    const entry = await fetch(`${t.url}/api/docs`, { redirect: 'manual' });
    expect([200, 302]).toContain(entry.status);
    // The page's initializer loads this document.
    const json = await fetch(`${t.url}/api/docs/json`);
    expect(((await json.json()) as OpenApi).paths).toEqual(doc.paths);
  });
});
