import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhooks } from '../../../src/server/db/schema/index.js';
import { createTenants } from '../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

// The Webhooks API as admins use it, and who may not: the default (production)
// URL rules, so only public https endpoints are accepted.

const WEBHOOKS = '/api/company/webhooks';
const URL_A = 'https://hooks.example.com/buzzi';

type View = {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  isActive: boolean;
  secretHint: string;
};

let t: TestApp;
let as: Awaited<ReturnType<typeof createTenants>>['as'];

beforeAll(async () => {
  t = await startTestApp();
  // Webhooks need no Call Feature: a chat-only company has them too.
  ({ as } = await createTenants(t, { callEnabled: false }));
});
afterAll(() => t?.close());

async function create(body: Record<string, unknown> = {}) {
  const res = await as.adminA.post<{ webhook: View; secret: string }>(WEBHOOKS, {
    url: URL_A,
    events: ['call.ended', 'call.analyzed'],
    description: 'CRM sync',
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('webhook endpoints', () => {
  it('shows the signing secret once, seals it at rest, and afterwards only its hint', async () => {
    const { webhook, secret } = await create();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(webhook).toMatchObject({
      url: URL_A,
      events: ['call.ended', 'call.analyzed'],
      description: 'CRM sync',
      isActive: true,
      secretHint: `whsec_…${secret.slice(-4)}`,
    });
    const [row] = await t.db.select().from(webhooks).where(eq(webhooks.id, webhook.id));
    expect(row?.secretEncrypted).not.toContain(secret);
    expect(t.secretBox.open(row?.secretEncrypted ?? '')).toBe(secret);

    for (const path of [WEBHOOKS, `${WEBHOOKS}/${webhook.id}`]) {
      const res = await as.adminA.get(path);
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(secret);
    }
    const patched = await as.adminA.patch(`${WEBHOOKS}/${webhook.id}`, { description: 'Renamed' });
    expect(JSON.stringify(patched.body)).not.toContain(secret);
  });

  it('rotates the secret: a new one, shown once', async () => {
    const { webhook, secret } = await create();
    const rotated = await as.adminA.post<{ webhook: View; secret: string }>(
      `${WEBHOOKS}/${webhook.id}/rotate-secret`,
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secret);
    expect(rotated.body.webhook.secretHint).toBe(`whsec_…${rotated.body.secret.slice(-4)}`);
  });

  it('lists, edits and deletes endpoints', async () => {
    const { webhook } = await create({ url: 'https://crm.example.org/in' });
    const edited = await as.adminA.patch<{ webhook: View }>(`${WEBHOOKS}/${webhook.id}`, {
      url: 'https://crm.example.org/v2',
      events: ['ticket.created', 'ticket.created'],
      description: '  ',
      isActive: false,
    });
    expect(edited.body.webhook).toMatchObject({
      url: 'https://crm.example.org/v2',
      events: ['ticket.created'],
      description: null,
      isActive: false,
    });
    const list = await as.adminA.get<{ webhooks: View[]; events: string[] }>(WEBHOOKS);
    expect(list.body.events).toEqual([
      'call.started',
      'call.ended',
      'call.analyzed',
      'ticket.created',
    ]);
    expect(list.body.webhooks.map((w) => w.id)).toContain(webhook.id);

    expect((await as.adminA.delete(`${WEBHOOKS}/${webhook.id}`)).status).toBe(204);
    expect((await as.adminA.get(`${WEBHOOKS}/${webhook.id}`)).status).toBe(404);
  });

  it.each([
    ['http://hooks.example.com/x', 'must start with https://'],
    ['https://127.0.0.1/x', 'public address'],
    ['https://10.1.2.3/x', 'public address'],
    ['https://169.254.169.254/latest/meta-data', 'public address'],
    ['https://[::1]/x', 'public address'],
    ['https://[::ffff:127.0.0.1]/x', 'public address'],
    ['https://localhost/x', 'public address'],
    ['https://user:pw@hooks.example.com/x', 'user name or password'],
    ['ftp://hooks.example.com/x', 'must start with https://'],
    ['not a url', 'full URL'],
  ])('refuses %s', async (url, problem) => {
    const res = await as.adminA.post<{ fields: Record<string, string> }>(WEBHOOKS, {
      url,
      events: ['call.ended'],
    });
    expect(res.status).toBe(400);
    expect(res.body.fields.url).toContain(problem);
  });

  it('refuses unknown events and an empty event list', async () => {
    for (const events of [[], ['call.deleted']]) {
      const res = await as.adminA.post(WEBHOOKS, { url: URL_A, events });
      expect(res.status).toBe(400);
    }
  });

  it('"Send test event" to an internal address is refused at send time too', async () => {
    const { webhook } = await create();
    // Saved when the operator allowed private URLs, which was later turned off.
    await t.db
      .update(webhooks)
      .set({ url: 'http://127.0.0.1:9/x' })
      .where(eq(webhooks.id, webhook.id));
    const res = await as.adminA.post<{ delivery: { status: string; responseBody: string } }>(
      `${WEBHOOKS}/${webhook.id}/test`,
    );
    expect(res.body.delivery).toMatchObject({
      status: 'failed',
      responseBody: 'Only https:// URLs are allowed',
    });
  });
});

describe('webhook security', () => {
  const routes = (id: string) => [
    ['GET', WEBHOOKS],
    ['POST', WEBHOOKS],
    ['GET', `${WEBHOOKS}/${id}`],
    ['PATCH', `${WEBHOOKS}/${id}`],
    ['DELETE', `${WEBHOOKS}/${id}`],
    ['POST', `${WEBHOOKS}/${id}/test`],
    ['GET', `${WEBHOOKS}/${id}/deliveries`],
    ['POST', `${WEBHOOKS}/${id}/rotate-secret`],
  ];
  const body = { url: 'https://evil.example.com/x', events: ['call.ended'] };

  it('answers 401 without a session and 403 to a support agent', async () => {
    const { webhook } = await create();
    for (const [method = '', path = ''] of routes(webhook.id)) {
      const anonymous = await as.anonymous.request(
        method,
        path,
        method === 'GET' ? undefined : body,
      );
      expect(anonymous.status, `${method} ${path}`).toBe(401);
      const agent = await as.agentA.request(method, path, method === 'GET' ? undefined : body);
      expect(agent.status, `${method} ${path}`).toBe(403);
    }
  });

  it("another company's admin finds none of company A's endpoints", async () => {
    const { webhook, secret } = await create();
    for (const [method = '', path = ''] of routes(webhook.id).slice(2)) {
      const res = await as.adminB.request(method, path, method === 'GET' ? undefined : body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(secret);
    }
    const list = await as.adminB.get<{ webhooks: View[] }>(WEBHOOKS);
    expect(list.body.webhooks).toEqual([]);
    // Still there, unchanged, with its secret.
    const [row] = await t.db.select().from(webhooks).where(eq(webhooks.id, webhook.id));
    expect(row?.url).toBe(URL_A);
    expect(t.secretBox.open(row?.secretEncrypted ?? '')).toBe(secret);
  });
});
