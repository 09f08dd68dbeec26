import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, messages } from '../../src/server/db/schema/index.js';
import type { ApiClient } from '../helpers/api-client.js';
import { expectError, expectFieldError, expectServerStillServes } from '../helpers/expect-error.js';
import { createTenants, createUser, login } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  addKnowledge,
  createChatChatbot,
  inboxEvents,
  WidgetVisitor,
} from '../helpers/widget-visitor.js';

type InboxConversation = {
  id: string;
  chatbotId: string | null;
  chatbotName: string | null;
  channel: string;
  status: string;
  assignedUser: { id: string; name: string } | null;
  lastMessage: { role: string; content: string; createdAt: string } | null;
  escalationReason: string | null;
  updatedAt: string;
};
type InboxMessage = {
  id: string;
  role: string;
  content: string;
  authorName: string | null;
  userId: string | null;
  metadata: { responder?: string; sources?: Array<{ documentTitle: string }> };
};
type ListBody = { conversations: InboxConversation[] };
type DetailBody = { conversation: InboxConversation; messages: InboxMessage[] };

const BASE = '/api/company/inbox';
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let botA: { id: string; publicId: string; name?: string };
let botA2: { id: string; publicId: string };

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t);
  botA = await createChatChatbot(tenants.as.adminA, { name: 'Alpha desk' });
  botA2 = await createChatChatbot(tenants.as.adminA, { name: 'Alpha billing' });
  await addKnowledge(t.db, tenants.companyA.id, {
    title: 'Prices',
    passages: [
      { heading: 'Check-up price', content: 'A dental check-up costs 45 euros per visit.' },
    ],
  });
});
afterAll(() => t?.close());

/** A conversation the visitor escalated, as it reaches the Inbox. */
async function escalated(publicId = botA.publicId): Promise<WidgetVisitor> {
  const visitor = await WidgetVisitor.start(t.url, publicId);
  const events = await visitor.events();
  try {
    expect((await visitor.send('I need to speak to a real person')).status).toBe(202);
    await events.next('message.completed');
  } finally {
    events.close();
  }
  return visitor;
}

/** A conversation the bot answered and that nobody escalated. */
async function answered(question: string): Promise<WidgetVisitor> {
  const visitor = await WidgetVisitor.start(t.url, botA.publicId);
  const events = await visitor.events();
  try {
    expect((await visitor.send(question)).status).toBe(202);
    await events.next('message.completed');
  } finally {
    events.close();
  }
  return visitor;
}

const path = (id: string, suffix = '') => `${BASE}/conversations/${id}${suffix}`;
const ids = (res: { body: ListBody }) => res.body.conversations.map((c) => c.id);

describe('GET /api/company/inbox/conversations', () => {
  it('lists open conversations by default and filters by status and chatbot', async () => {
    const waiting = await escalated();
    const billing = await escalated(botA2.publicId);
    const botOnly = await answered('How much is a check-up?');

    const open = await tenants.as.agentA.get<ListBody>(`${BASE}/conversations`);
    expect(open.status).toBe(200);
    expect(ids(open)).toEqual(
      expect.arrayContaining([waiting.conversationId, billing.conversationId]),
    );
    expect(ids(open)).not.toContain(botOnly.conversationId);
    const item = open.body.conversations.find((c) => c.id === waiting.conversationId);
    expect(item).toMatchObject({
      chatbotId: botA.id,
      chatbotName: 'Alpha desk',
      channel: 'chat',
      status: 'waiting_human',
      assignedUser: null,
      escalationReason: 'The visitor asked for a person',
      lastMessage: { role: 'assistant' },
    });

    const bots = await tenants.as.agentA.get<ListBody>(`${BASE}/conversations?status=bot`);
    expect(ids(bots)).toContain(botOnly.conversationId);
    expect(ids(bots)).not.toContain(waiting.conversationId);
    const byBot = await tenants.as.agentA.get<ListBody>(
      `${BASE}/conversations?status=waiting_human&chatbotId=${botA2.id}`,
    );
    expect(ids(byBot)).toEqual([billing.conversationId]);
  });

  it('validates the filters', async () => {
    expectFieldError(await tenants.as.agentA.get(`${BASE}/conversations?status=done`), 'status');
    expectFieldError(
      await tenants.as.agentA.get(`${BASE}/conversations?chatbotId=nope`),
      'chatbotId',
    );
  });
});

describe('GET /api/company/inbox/conversations/:id', () => {
  it('returns the conversation with its messages and the answer sources', async () => {
    const visitor = await answered('How much does a check-up cost?');
    const res = await tenants.as.adminA.get<DetailBody>(path(visitor.conversationId));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.conversation).toMatchObject({ id: visitor.conversationId, status: 'bot' });
    expect(res.body.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    const [, assistant] = res.body.messages;
    expect(assistant?.content).toContain('45 euros');
    expect(assistant?.metadata).toMatchObject({
      responder: 'offline',
      sources: [{ documentTitle: 'Prices' }],
    });
    expect(JSON.stringify(res.body)).not.toContain('visitorTokenHash');
  });
});

describe('taking over, replying, handing back and closing', () => {
  it('lets any member take a conversation once; a second member gets 409', async () => {
    const visitor = await escalated();
    const taken = await tenants.as.agentA.post<{ conversation: InboxConversation }>(
      path(visitor.conversationId, '/take'),
    );
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body.conversation.assignedUser?.id).toBe(tenants.users.agentA.id);
    const again = await tenants.as.agentA.post(path(visitor.conversationId, '/take'));
    expect(again.status).toBe(200);
    expectError(
      await tenants.as.adminA.post(path(visitor.conversationId, '/take')),
      409,
      'conflict',
    );
    const detail = await tenants.as.agentA.get<DetailBody>(path(visitor.conversationId));
    expect(detail.body.messages.filter((m) => m.role === 'system')).toHaveLength(1);
  });

  it('accepts replies only from the member who took over', async () => {
    const visitor = await escalated();
    const reply = (client: ApiClient, body: unknown) =>
      client.request('POST', path(visitor.conversationId, '/messages'), body as string);
    expectError(await reply(tenants.as.adminA, { content: 'Hi' }), 409, 'conflict');
    const took = await tenants.as.adminA.post(path(visitor.conversationId, '/take'));
    expect(took.status).toBe(200);
    expectError(await reply(tenants.as.agentA, { content: 'Hi' }), 409, 'conflict');
    expectFieldError(await reply(tenants.as.adminA, { content: ' ' }), 'content');
    expectFieldError(await reply(tenants.as.adminA, { content: 'x'.repeat(4001) }), 'content');
    expectError(await reply(tenants.as.adminA, '{"content":'), 400, 'bad_request');
    await expectServerStillServes(tenants.as.adminA);

    const sent = await tenants.as.adminA.post<{ message: InboxMessage }>(
      path(visitor.conversationId, '/messages'),
      { content: 'Hello from the front desk' },
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.message).toMatchObject({
      role: 'agent',
      content: 'Hello from the front desk',
      userId: tenants.users.adminA.id,
      authorName: tenants.users.adminA.name,
    });
    const seen = await visitor.history();
    expect(seen.body.messages.at(-1)).toMatchObject({
      role: 'agent',
      authorName: tenants.users.adminA.name,
    });
    expect(seen.body.messages.at(-1)).not.toHaveProperty('userId');
  });

  it('refuses transitions that do not apply', async () => {
    const visitor = await answered('How much is a check-up?');
    expectError(
      await tenants.as.agentA.post(path(visitor.conversationId, '/hand-back')),
      409,
      'conflict',
    );
    expect((await tenants.as.agentA.post(path(visitor.conversationId, '/close'))).status).toBe(200);
    for (const action of ['/close', '/take', '/hand-back']) {
      expectError(
        await tenants.as.agentA.post(path(visitor.conversationId, action)),
        409,
        'conflict',
      );
    }
  });

  it('is 404 for a conversation that does not exist', async () => {
    expectError(await tenants.as.agentA.get(path(MISSING_ID)), 404, 'not_found');
    expectError(await tenants.as.agentA.post(path(MISSING_ID, '/take')), 404, 'not_found');
    expectFieldError(await tenants.as.agentA.get(path('not-a-uuid')), 'id');
  });
});

describe('security', () => {
  const routes = (id: string) =>
    [
      ['GET', `${BASE}/conversations`],
      ['GET', path(id)],
      ['POST', path(id, '/take')],
      ['POST', path(id, '/messages')],
      ['POST', path(id, '/hand-back')],
      ['POST', path(id, '/close')],
      ['GET', `${BASE}/events`],
    ] as const;

  it('is 401 without a session', async () => {
    for (const [method, url] of routes(MISSING_ID)) {
      const body = method === 'POST' ? { content: 'x' } : undefined;
      expectError(await tenants.as.anonymous.request(method, url, body), 401, 'unauthorized');
    }
  });

  it('is 409 no_active_company for a user who belongs to no company', async () => {
    const loner = await createUser(t.db);
    const client = await login(t, loner.email);
    for (const [method, url] of routes(MISSING_ID)) {
      const body = method === 'POST' ? { content: 'x' } : undefined;
      expectError(await client.request(method, url, body), 409, 'no_active_company');
    }
  });

  it("is 404 for another company's conversation, which stays unchanged", async () => {
    const visitor = await escalated();
    const before = await t.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, visitor.conversationId));
    const messageCount = async () =>
      (
        await t.db
          .select()
          .from(messages)
          .where(eq(messages.conversationId, visitor.conversationId))
      ).length;
    const countBefore = await messageCount();
    for (const [method, url] of routes(visitor.conversationId).slice(1, 6)) {
      const body = method === 'POST' ? { content: 'From another company' } : undefined;
      expectError(await tenants.as.adminB.request(method, url, body), 404, 'not_found');
    }
    const after = await t.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, visitor.conversationId));
    expect(after).toEqual(before);
    expect(await messageCount()).toBe(countBefore);
    const list = await tenants.as.adminB.get<ListBody>(
      `${BASE}/conversations?status=waiting_human`,
    );
    expect(ids(list)).not.toContain(visitor.conversationId);
  });

  it("streams only the member's own company", async () => {
    const own = await inboxEvents(tenants.as.agentA);
    const other = await inboxEvents(tenants.as.adminB);
    try {
      const visitor = await escalated();
      await own.next('conversation.updated', (u) => u.conversationId === visitor.conversationId);
      const botB = await createChatChatbot(tenants.as.adminB);
      const visitorB = await escalated(botB.publicId);
      await other.next('conversation.updated', (u) => u.conversationId === visitorB.conversationId);
      const leaked = other.events.filter((e) =>
        JSON.stringify(e.data).includes(visitor.conversationId),
      );
      expect(leaked).toEqual([]);
      expect(
        own.all<{ conversationId: string }>('message.created').map((m) => m.conversationId),
      ).toContain(visitor.conversationId);
    } finally {
      own.close();
      other.close();
    }
  });
});
