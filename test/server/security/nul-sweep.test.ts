import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NUL_MESSAGE } from '../../../src/server/http/nul-guard.js';
import type { ApiClient } from '../../helpers/api-client.js';
import { expectFieldError, expectServerStillServes } from '../../helpers/expect-error.js';
import { createTenants, login } from '../../helpers/fixtures.js';
import { createCategory, DOCUMENTS, upload } from '../../helpers/knowledge.js';
import type { TestApp } from '../../helpers/test-app.js';
import { describeAnswer, type Probe as HttpProbe, send } from './http-probe.js';
import { type RouteEntry, startAppWithRouteTable } from './route-table.js';
import {
  jsonSchemaOf,
  type Path,
  sampleOf,
  stringPaths,
  valueAt,
  withValueAt,
} from './schema-samples.js';

// PostgreSQL cannot store U+0000 in text or jsonb; a NUL that reached a query
// used to be a 500. Every route from Fastify's own table gets a NUL in each
// parameter, query field and body string, and must answer 400 naming the field.

let t: TestApp;
let routes: RouteEntry[];
let tenants: Awaited<ReturnType<typeof createTenants>>;

beforeAll(async () => {
  ({ t, routes } = await startAppWithRouteTable());
  tenants = await createTenants(t, { callEnabled: true });
});
afterAll(() => t?.close());

type Probe = HttpProbe & { field: string };

/**
 * Bodies checked against their sender's signature before they are parsed:
 * an unsigned body is refused 403 whatever it holds, NUL or not.
 */
const SIGNED_RAW_BODIES = new Set(['POST /api/webhooks/whatsapp/call']);

const PARAM = /:(\w+)/g;
const NUL = '\u0000';

function pathWith(route: RouteEntry, value: (name: string) => string): string {
  return route.url.replace(PARAM, (_match, name: string) => value(name));
}

/** Every request that puts one NUL somewhere a client controls, with the field it must name. */
function probesOf(route: RouteEntry): Probe[] {
  const { method, schema } = route;
  const paramSchema = schema.params ? jsonSchemaOf(schema.params) : undefined;
  const validParam = (name: string) =>
    encodeURIComponent(String(sampleOf(paramSchema?.properties?.[name] ?? {}, name)));
  const path = pathWith(route, validParam);
  const bodySchema = schema.body ? jsonSchemaOf(schema.body) : undefined;
  const validBody = bodySchema ? sampleOf(bodySchema) : undefined;
  const sendsBody = method !== 'GET' && method !== 'DELETE';
  const base = { method, ...(sendsBody && validBody !== undefined ? { body: validBody } : {}) };
  const probes: Probe[] = [];

  for (const [, name] of route.url.matchAll(PARAM)) {
    const nulParam = (n: string) => (n === name ? 'x%00y' : validParam(n));
    probes.push({ ...base, path: pathWith(route, nulParam), field: String(name) });
  }

  const queryFields = schema.querystring
    ? stringPaths(jsonSchemaOf(schema.querystring)).map((p) => String(p[0]))
    : ['probe'];
  for (const name of new Set(queryFields)) {
    probes.push({ ...base, path: `${path}?${name}=x%00y`, field: name });
  }

  if (sendsBody && bodySchema) {
    for (const stringPath of stringPaths(bodySchema)) {
      const current = valueAt(validBody, stringPath);
      const nul = `${typeof current === 'string' ? current : 'probe'}${NUL}`;
      probes.push({
        method,
        path,
        body: withValueAt(validBody, stringPath as Path, nul),
        field: stringPath.join('.') || 'body',
      });
    }
  } else if (sendsBody) {
    probes.push({ method, path, body: { probe: `x${NUL}y` }, field: 'probe' });
  }
  return probes;
}

describe('NUL in any string of any route', () => {
  it('is a 400 naming the field, on every route in the table', async () => {
    const clientFor = async (route: RouteEntry): Promise<ApiClient> => {
      if (route.url.startsWith('/api/master/')) return tenants.as.master;
      // Logging out would end the session the other probes use.
      if (route.url === '/api/auth/logout') return login(t, tenants.users.agentA.email);
      return tenants.as.adminA;
    };
    const failures: string[] = [];
    let probed = 0;
    for (const route of routes) {
      const client = await clientFor(route);
      for (const probe of probesOf(route)) {
        probed++;
        const res = await send(t.url, client, probe);
        if (probe.body !== undefined && SIGNED_RAW_BODIES.has(route.key)) {
          if (res.status !== 403)
            failures.push(`${route.key} [body] ${describeAnswer(probe, res)}`);
          continue;
        }
        const fields = (res.body as { fields?: Record<string, string> }).fields;
        if (res.status !== 400 || fields?.[probe.field] !== NUL_MESSAGE) {
          failures.push(`${route.key} [${probe.field}] ${describeAnswer(probe, res)}`);
        }
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(probed).toBeGreaterThan(routes.length);
    await expectServerStillServes(t.client());
  }, 120_000);

  it('covers the requests from the report', async () => {
    const visitor = t.client();
    expectFieldError(
      await visitor.post('/api/widget/call/session', { chatbotId: `cb_${NUL}` }),
      'chatbotId',
    );
    expectFieldError(await visitor.get('/api/widget/cb_%00/config'), 'publicId');
    expectFieldError(await visitor.post('/api/widget/cb_%00/conversations', {}), 'publicId');
    const admin = tenants.as.adminA;
    const chatbot = await admin.post('/api/company/chatbots', {
      name: `Front${NUL}desk`,
      chatbotType: 'chat',
      settings: { widget: { title: 'Hi', suggestedQuestions: ['Open?', `Parking${NUL}`] } },
    });
    expectFieldError(chatbot, 'name', 'settings.widget.suggestedQuestions.1');
    expectFieldError(await admin.post('/api/company/chatbots', { [`x${NUL}`]: 1 }), `x${NUL}`);
  });

  it('looks through a body nested 100,000 levels deep without running out of stack', async () => {
    const depth = 100_000;
    const post = (inner: string) =>
      fetch(`${t.url}/api/company/chatbots`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: tenants.as.adminA.cookieHeader },
        body: `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`,
      });
    const withNul = await post('"x\\u0000y"');
    expect(withNul.status).toBe(400);
    expect(((await withNul.json()) as { message: string }).message).toContain(NUL_MESSAGE);
    const plain = await post('"xy"');
    expect(plain.status).toBe(400);
    expect(((await plain.json()) as { error: string }).error).toBe('validation_error');
    await expectServerStillServes(t.client());
  });

  it('refuses NUL in an uploaded file name or form field', async () => {
    const admin = tenants.as.adminA;
    const category = await createCategory(admin, 'Uploads');
    const bytes = new TextEncoder().encode('Opening hours: 9 to 5.');
    const named = await upload(admin, `${DOCUMENTS}/upload`, {
      fileName: `hours${NUL}.txt`,
      bytes,
      fields: { categoryId: category.id },
    });
    expectFieldError(named, 'file');
    const titled = await upload(admin, `${DOCUMENTS}/upload`, {
      fileName: 'hours.txt',
      bytes,
      fields: { categoryId: category.id, title: `Hours${NUL}` },
    });
    expectFieldError(titled, 'title');
    const listed = await admin.get<{ documents: unknown[] }>(DOCUMENTS);
    expect(listed.body.documents).toEqual([]);
  });

  it('leaves NUL in headers and unknown paths to the HTTP parser and the 404 handler', async () => {
    const { port } = new URL(t.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `GET /api/auth/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a${NUL}b\r\nConnection: close\r\n\r\n`,
        );
      });
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1');
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect((await t.client().get('/api/no%00where')).status).toBeLessThan(500);
    await expectServerStillServes(t.client());
  });
});
