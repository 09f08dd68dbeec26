import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callCallbacks,
  callIntegrationAccounts,
  calls,
  tickets,
} from '../../../src/server/db/schema/index.js';
import { recordNotification } from '../../../src/server/notifications/service.js';
import type { ApiClient } from '../../helpers/api-client.js';
import { createCompany, createTenants, createUser, login } from '../../helpers/fixtures.js';
import {
  addTextDocument,
  CATEGORIES,
  createCategory,
  DOCUMENTS,
  waitForDocument,
} from '../../helpers/knowledge.js';
import type { TestApp } from '../../helpers/test-app.js';
import { createCallChatbot, createChatChatbot } from '../../helpers/widget-visitor.js';
import { describeAnswer, type Probe, type ProbeAnswer, send } from './http-probe.js';
import { type Resource, ROUTE_ACCESS, type RouteAccess } from './route-access.js';
import { type RouteEntry, startAppWithRouteTable } from './route-table.js';
import { jsonSchemaOf, sampleOf } from './schema-samples.js';

// The table-driven net under the per-group security tests: every route in
// Fastify's own table is called anonymously, with the wrong role, without the
// Call Feature and, for every row it names, as another company's admin.

let t: TestApp;
let routes: RouteEntry[];
let as: Awaited<ReturnType<typeof createTenants>>['as'] & { adminC: ApiClient };
let ids: { companyA: string; adminA: string; agentA: string };
/** A row of company A per resource, and where A reads it back to see it unchanged. */
let rows: Record<Resource, { id: string; read: string; pick?: (body: unknown) => unknown }>;

const PARAM = /:(\w+)/g;
const NOTIFICATIONS = '/api/company/notifications';

beforeAll(async () => {
  ({ t, routes } = await startAppWithRouteTable());
  const tenants = await createTenants(t, { callEnabled: true });
  const companyC = await createCompany(t.db, { name: 'Gamma Care', callEnabled: false });
  const adminC = await createUser(t.db, {
    memberships: [{ companyId: companyC.id, role: 'company_admin' }],
  });
  as = { ...tenants.as, adminC: await login(t, adminC.email) };
  ids = {
    companyA: tenants.companyA.id,
    adminA: tenants.users.adminA.id,
    agentA: tenants.users.agentA.id,
  };

  const admin = as.adminA;
  const chatbot = await createChatChatbot(admin);
  const callBot = await createCallChatbot(admin, 'Phone desk');
  const category = await createCategory(admin, 'Practice');
  const document = await addTextDocument(admin, { categoryId: category.id, content: 'Open 9-5.' });
  await waitForDocument(admin, document.id);
  await recordNotification(t.db, {
    companyId: ids.companyA,
    chatbotId: callBot.id,
    kind: 'call_failed',
    reason: 'provider_unavailable',
    title: 'Callers could not connect',
    body: 'The call model is not reachable.',
  });
  // Saved directly: through the API it would be tested against Twilio.
  const [integrationAccount] = await t.db
    .insert(callIntegrationAccounts)
    .values({
      companyId: ids.companyA,
      accountType: 'twilio',
      name: 'Alpha main line',
      credentialsEncrypted: 'sealed',
      phoneNumber: '+15550001111',
      config: { phoneNumber: '+15550001111' },
      chatbotId: callBot.id,
    })
    .returning({ id: callIntegrationAccounts.id });
  if (!integrationAccount) throw new Error('the integration account was not saved');
  // Calls are made by the call path, not through the API.
  const [call] = await t.db
    .insert(calls)
    .values({ companyId: ids.companyA, chatbotId: callBot.id, source: 'web', status: 'completed' })
    .returning({ id: calls.id });
  if (!call) throw new Error('the call was not saved');
  const [ticket] = await t.db
    .insert(tickets)
    .values({ companyId: ids.companyA, callId: call.id, message: 'Call me back' })
    .returning({ id: tickets.id });
  const [callback] = await t.db
    .insert(callCallbacks)
    .values({ companyId: ids.companyA, callId: call.id, phone: '+15550100', dueAt: new Date() })
    .returning({ id: callCallbacks.id });
  if (!ticket || !callback) throw new Error('the ticket or callback was not saved');
  const webhook = await admin.post<{ webhook: { id: string } }>('/api/company/webhooks', {
    url: 'https://hooks.example.com/alpha',
    events: ['call.ended'],
  });
  expect(webhook.status, JSON.stringify(webhook.body)).toBe(201);
  const routingRule = await admin.post<{ rule: { id: string } }>('/api/company/routing-rules', {
    name: 'After hours',
    action: { type: 'take_message' },
  });
  const callerList = await admin.post<{ callerList: { id: string } }>('/api/company/caller-lists', {
    name: 'Blocked',
    kind: 'blocked',
    numbers: ['+19005550100'],
  });
  expect([routingRule.status, callerList.status]).toEqual([201, 201]);
  const bell = await admin.get<{ notifications: Array<{ id: string }> }>(NOTIFICATIONS);
  const notification = bell.body.notifications[0];
  if (!notification) throw new Error('the notification was not recorded');
  const started = await t
    .client()
    .post<{ conversationId: string }>(`/api/widget/${chatbot.publicId}/conversations`, {});
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const find = (list: string, key: string, id: string) => (body: unknown) =>
    (body as Record<string, Array<Record<string, unknown>>>)[list]?.find((row) => row[key] === id);
  rows = {
    chatbot: { id: chatbot.id, read: `/api/company/chatbots/${chatbot.id}` },
    callChatbot: {
      id: callBot.id,
      read: `/api/company/chatbots/${callBot.id}/call-settings`,
    },
    category: { id: category.id, read: CATEGORIES, pick: find('categories', 'id', category.id) },
    document: { id: document.id, read: `${DOCUMENTS}/${document.id}` },
    conversation: {
      id: started.body.conversationId,
      read: `/api/company/inbox/conversations/${started.body.conversationId}`,
    },
    member: {
      id: ids.agentA,
      read: '/api/company/members',
      pick: find('members', 'userId', ids.agentA),
    },
    notification: {
      id: notification.id,
      read: NOTIFICATIONS,
      pick: find('notifications', 'id', notification.id),
    },
    integrationAccount: {
      id: integrationAccount.id,
      read: `/api/company/integration-accounts/${integrationAccount.id}`,
    },
    call: { id: call.id, read: `/api/company/calls/${call.id}` },
    ticket: { id: ticket.id, read: `/api/company/tickets/${ticket.id}` },
    callback: {
      id: callback.id,
      read: `/api/company/callbacks?callId=${call.id}`,
      pick: find('callbacks', 'id', callback.id),
    },
    webhook: {
      id: webhook.body.webhook.id,
      read: `/api/company/webhooks/${webhook.body.webhook.id}`,
    },
    routingRule: {
      id: routingRule.body.rule.id,
      read: '/api/company/routing-rules',
      pick: find('rules', 'id', routingRule.body.rule.id),
    },
    callerList: {
      id: callerList.body.callerList.id,
      read: '/api/company/caller-lists',
      pick: find('callerLists', 'id', callerList.body.callerList.id),
    },
  };
});
afterAll(() => t?.close());

/** The route with its parameters filled by values its schema accepts, naming no real row. */
function samplePath(route: RouteEntry): string {
  const params = route.schema.params ? jsonSchemaOf(route.schema.params) : undefined;
  return route.url.replace(PARAM, (_match, name: string) =>
    encodeURIComponent(String(sampleOf(params?.properties?.[name] ?? {}, name))),
  );
}

/** Every route of the table with its access rule; unlisted routes fail the first test. */
const listed = () =>
  routes.flatMap((route) => {
    const rule = ROUTE_ACCESS[route.key];
    return rule ? [{ route, rule }] : [];
  });

type Expectation = (answer: ProbeAnswer) => boolean;
const refused =
  (status: number, error: string): Expectation =>
  (answer) =>
    answer.status === status && (answer.body as { error?: string })?.error === error;
// `npm test` runs before the widget bundle is built; the asset route then says so.
const servedOrUnbuilt: Expectation = (answer) =>
  answer.status < 500 || refused(503, 'widget_not_built')(answer);
const allowed: Expectation = (answer) =>
  answer.status < 500 && answer.status !== 401 && answer.status !== 403;

/** `valid`: a sample the body schema accepts; `empty`: `{}`, which most body schemas refuse. */
type Check = { as?: ApiClient; expect: Expectation; label: string; body?: 'valid' | 'empty' };

/** Sends one probe per selected route and returns a line per answer that broke its rule. */
async function sweep(select: (rule: RouteAccess) => Check[]): Promise<string[]> {
  const failures: string[] = [];
  for (const { route, rule } of listed()) {
    for (const check of select(rule)) {
      const body = !route.schema.body
        ? undefined
        : check.body === 'valid'
          ? sampleOf(jsonSchemaOf(route.schema.body))
          : check.body === 'empty'
            ? {}
            : undefined;
      const probe: Probe = { method: route.method, path: samplePath(route), body };
      const answer = await send(t.url, check.as, probe);
      if (!check.expect(answer)) failures.push(`${check.label}: ${describeAnswer(probe, answer)}`);
    }
  }
  return failures;
}

describe('the route table', () => {
  it('gives every route an access rule and every row-naming route a tenant check', () => {
    const problems = [
      ...routes
        .filter((route) => !ROUTE_ACCESS[route.key])
        .map((route) => `route ${route.key} has no access rule in route-access.ts`),
      ...routes
        .filter((route) => route.url.includes(':') && !ROUTE_ACCESS[route.key]?.tenant)
        .map((route) => `route ${route.key} has no tenant-isolation check`),
      ...Object.keys(ROUTE_ACCESS)
        .filter((key) => !routes.some((route) => route.key === key))
        .map((key) => `route-access.ts lists ${key}, which is no longer a route`),
    ];
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

describe('guards', () => {
  it('answer anonymous callers 401 on every route that is not public', async () => {
    const failures = await sweep((rule) => [
      rule.access === 'public'
        ? { label: 'public', expect: servedOrUnbuilt }
        : rule.access === 'signed'
          ? { label: 'needs a signature', expect: refused(403, 'forbidden') }
          : rule.access === 'token'
            ? // Visitor and call tokens are checked after validation: a valid body reaches them.
              { label: 'needs a token', expect: (answer) => answer.status === 401, body: 'valid' }
            : // Guards run before validation: an invalid body must not tell a stranger its fields.
              { label: 'needs sign-in', expect: refused(401, 'unauthorized'), body: 'empty' },
    ]);
    expect(failures, failures.join('\n')).toEqual([]);
  }, 60_000);

  it('refuse support agents on company-admin routes and let them use member routes', async () => {
    const failures = await sweep((rule) => {
      if (rule.access === 'admin') {
        return [
          { as: as.agentA, label: 'agent on admin route', expect: refused(403, 'forbidden') },
          { as: as.adminA, label: 'admin on admin route', expect: allowed },
        ];
      }
      if (rule.access === 'member' || rule.access === 'signedIn') {
        return [{ as: as.agentA, label: 'agent on member route', expect: allowed }];
      }
      return [];
    });
    expect(failures, failures.join('\n')).toEqual([]);
  }, 60_000);

  it('refuse company admins and agents on master routes', async () => {
    const failures = await sweep((rule) =>
      rule.access === 'master'
        ? [
            { as: as.adminA, label: 'company admin', expect: refused(403, 'forbidden') },
            { as: as.agentA, label: 'support agent', expect: refused(403, 'forbidden') },
            { as: as.master, label: 'master admin', expect: allowed },
          ]
        : [],
    );
    expect(failures, failures.join('\n')).toEqual([]);
  }, 60_000);

  it('refuse call routes to a company without the Call Feature', async () => {
    const failures = await sweep((rule) =>
      rule.callFeature
        ? [
            {
              as: as.adminC,
              label: 'no Call Feature',
              expect: refused(403, 'call_feature_disabled'),
            },
          ]
        : [],
    );
    expect(failures, failures.join('\n')).toEqual([]);
  }, 60_000);
});

describe('tenant isolation', () => {
  const snapshot = async (resource: Resource) => {
    const row = rows[resource];
    const res = await as.adminA.get(row.read);
    expect(res.status, `${row.read}: ${JSON.stringify(res.body)}`).toBe(200);
    const picked = row.pick ? row.pick(res.body) : res.body;
    expect(picked, `${resource} ${row.id} is gone from ${row.read}`).toBeDefined();
    return JSON.stringify(picked);
  };

  it('answers 404 to company B for every row of company A, and leaves the row as it was', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const { route, rule } of listed()) {
      const check = rule.tenant;
      if (!check || !('resource' in check)) continue;
      const before = await snapshot(check.resource);
      const probe: Probe = {
        method: route.method,
        path: route.url.replace(PARAM, rows[check.resource].id),
        body: check.body,
        multipart: check.multipart,
      };
      const answer = await send(t.url, as.adminB, probe);
      if (!refused(404, 'not_found')(answer)) failures.push(describeAnswer(probe, answer));
      if ((await snapshot(check.resource)) !== before) {
        failures.push(`${route.key} changed company A's ${check.resource}`);
      }
      checked++;
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(20);
  }, 60_000);

  it("lists none of company A's rows to company B", async () => {
    const secrets = [ids.companyA, ids.adminA, ...Object.values(rows).map((row) => row.id)];
    const failures: string[] = [];
    for (const { route, rule } of listed()) {
      const scoped = ['signedIn', 'member', 'admin'].includes(rule.access);
      if (route.method !== 'GET' || route.url.includes(':') || !scoped) continue;
      const probe: Probe = { method: 'GET', path: route.url };
      const answer = await send(t.url, as.adminB, probe);
      const text = JSON.stringify(answer.body);
      const leaked = secrets.filter((id) => text.includes(id));
      if (answer.status !== 200 || leaked.length > 0) {
        failures.push(`${describeAnswer(probe, answer)} leaks ${leaked.join(', ')}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  }, 60_000);
});
