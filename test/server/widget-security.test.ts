import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatbot } from '../../src/server/chatbots/service.js';
import { VISITOR_TOKEN_IDLE_MS } from '../../src/server/conversations/visitor-access.js';
import { conversations, messages } from '../../src/server/db/schema/index.js';
import { expectError, expectFieldError, expectServerStillServes } from '../helpers/expect-error.js';
import { createCompany, createTenants } from '../helpers/fixtures.js';
import { SseClient } from '../helpers/sse.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createChatChatbot, WidgetVisitor } from '../helpers/widget-visitor.js';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let botA: { id: string; publicId: string };
let botB: { id: string; publicId: string };

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t);
  botA = await createChatChatbot(tenants.as.adminA);
  botB = await createChatChatbot(tenants.as.adminB);
});
afterAll(() => t?.close());

const messageCount = async (conversationId: string) =>
  (await t.db.select().from(messages).where(eq(messages.conversationId, conversationId))).length;

describe('visitor tokens', () => {
  let x: WidgetVisitor;
  let y: WidgetVisitor;

  beforeAll(async () => {
    x = await WidgetVisitor.start(t.url, botA.publicId);
    // Another company's chatbot: the token of one must never open the other.
    y = await WidgetVisitor.start(t.url, botB.publicId);
    expect((await y.send('My private question')).status).toBe(202);
    // The bot's answer is stored in the background; let it land so the counts below are stable.
    for (let waitedMs = 0; (await messageCount(y.conversationId)) < 2; waitedMs += 50) {
      if (waitedMs > 10_000) throw new Error('the bot never answered');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('a token opens only its own conversation', async () => {
    const stolen = new WidgetVisitor(t.url, botB.publicId);
    stolen.conversationId = y.conversationId;
    stolen.token = x.token;
    expectError(await stolen.history(), 401, 'unauthorized');
    const before = await messageCount(y.conversationId);
    expectError(await stolen.send('Injected'), 401, 'unauthorized');
    expect(await messageCount(y.conversationId)).toBe(before);
    await expect(stolen.events()).rejects.toThrow(/401/);
  });

  it('is 401 without a token or with a malformed one', async () => {
    const path = `/api/widget/conversations/${x.conversationId}/messages`;
    expectError(await t.client().get(path), 401, 'unauthorized');
    const bad = await t.client().request('GET', path, undefined, { authorization: 'Bearer nope' });
    expectError(bad, 401, 'unauthorized');
    expectError(await t.client().get(`${path}?token=nope`), 401, 'unauthorized');
    const events = await fetch(
      new URL(`/api/widget/conversations/${x.conversationId}/events`, t.url),
    );
    expect(events.status).toBe(401);
  });

  it('is 401 once the conversation has been idle too long', async () => {
    const idle = await WidgetVisitor.start(t.url, botA.publicId);
    await t.db
      .update(conversations)
      .set({ updatedAt: new Date(Date.now() - VISITOR_TOKEN_IDLE_MS - 60_000) })
      .where(eq(conversations.id, idle.conversationId));
    const res = expectError(await idle.history(), 401, 'unauthorized');
    expect(res.message).toMatch(/expired/);
  });

  it('is 404 for an unknown conversation, 403 chatbot_unavailable once its chatbot is switched off', async () => {
    const ghost = new WidgetVisitor(t.url, botA.publicId);
    ghost.conversationId = MISSING_ID;
    ghost.token = x.token;
    expectError(await ghost.history(), 404, 'not_found');

    const bot = await createChatChatbot(tenants.as.adminA);
    const visitor = await WidgetVisitor.start(t.url, bot.publicId);
    const off = await tenants.as.adminA.patch(`/api/company/chatbots/${bot.id}`, {
      isActive: false,
    });
    expect(off.status).toBe(200);
    expectError(await visitor.history(), 403, 'chatbot_unavailable');
    expectError(await visitor.send('Hello?'), 403, 'chatbot_unavailable');
  });

  it('streams only the events of its own conversation', async () => {
    const stream = await x.events();
    try {
      await stream.next('conversation.status');
      expect((await y.send('Only for Y')).status).toBe(202);
      expect((await x.send('Only for X')).status).toBe(202);
      await stream.next('message.completed');
      const contents = stream.all<{ content: string }>('message.created').map((m) => m.content);
      expect(contents).toContain('Only for X');
      expect(contents).not.toContain('Only for Y');
    } finally {
      stream.close();
    }
  });
});

describe('input validation', () => {
  let visitor: WidgetVisitor;
  beforeAll(async () => {
    visitor = await WidgetVisitor.start(t.url, botA.publicId);
  });
  const post = (body: string | Record<string, unknown>) =>
    visitor.client.request(
      'POST',
      `/api/widget/conversations/${visitor.conversationId}/messages`,
      body,
      visitor.auth,
    );

  it('refuses empty, oversized and unknown message fields', async () => {
    expectFieldError(await post({ content: '   ' }), 'content');
    expectFieldError(await post({ content: 'x'.repeat(4001) }), 'content');
    expectFieldError(await post({}), 'content');
    expectError(await post({ content: 'hi', role: 'system' }), 400, 'validation_error');
    expect(await messageCount(visitor.conversationId)).toBe(0);
  });

  it('answers malformed JSON and oversized bodies with 400/413 and keeps serving', async () => {
    expectError(await post('{"content": "unterminated'), 400, 'bad_request');
    const huge = await post(JSON.stringify({ content: 'x'.repeat(64 * 1024) }));
    expect(huge.status).toBe(413);
    const start = await t
      .client()
      .request('POST', `/api/widget/${botA.publicId}/conversations`, '{visitorId:', {});
    expectError(start, 400, 'bad_request');
    await expectServerStillServes(t.client());
    expect((await post({ content: 'Still there?' })).status).toBe(202);
  });

  it('validates the conversation id and the visitor id', async () => {
    const badId = await t
      .client()
      .request('GET', '/api/widget/conversations/not-a-uuid/messages', undefined, visitor.auth);
    expectFieldError(badId, 'id');
    const start = await t
      .client()
      .post(`/api/widget/${botA.publicId}/conversations`, { visitorId: 'has spaces!' });
    expectFieldError(start, 'visitorId');
    const unknown = await t.client().post('/api/widget/cb_missing/conversations', {});
    expectError(unknown, 404, 'not_found');
  });
});

describe('rate limits', () => {
  it('allows 10 new conversations a minute per address and chatbot', async () => {
    const bot = await createChatChatbot(tenants.as.adminA);
    const client = t.client();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await client.post(`/api/widget/${bot.publicId}/conversations`, {})).status);
    }
    expect(statuses).toEqual(Array(10).fill(201));
    const limited = await client.post(`/api/widget/${bot.publicId}/conversations`, {});
    expectError(limited, 429, 'rate_limited');
    // Another chatbot's widget is counted apart.
    const other = await createChatChatbot(tenants.as.adminA);
    expect((await client.post(`/api/widget/${other.publicId}/conversations`, {})).status).toBe(201);
  });

  it('allows 30 messages a minute per address and chatbot', async () => {
    const bot = await createChatChatbot(tenants.as.adminA);
    const visitor = await WidgetVisitor.start(t.url, bot.publicId);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await visitor.send(`Message ${i}`)).status);
    // While a reply streams the next message is refused with 409, which still counts.
    expect(statuses.every((s) => s === 202 || s === 409)).toBe(true);
    expect(statuses.filter((s) => s === 202).length).toBeGreaterThan(0);
    expectError(await visitor.send('One too many'), 429, 'rate_limited');
  });
});

describe('event stream', () => {
  it('ends open streams when the server shuts down', async () => {
    const app = await startTestApp();
    const company = await createCompany(app.db);
    const bot = await createChatbot(
      app.db,
      { companyId: company.id },
      {
        name: 'Shutdown bot',
        chatbotType: 'chat',
      },
    );
    const visitor = await WidgetVisitor.start(app.url, bot.publicId);
    const stream = await SseClient.open(
      new URL(
        `/api/widget/conversations/${visitor.conversationId}/events?token=${visitor.token}`,
        app.url,
      ).toString(),
    );
    await stream.next('conversation.status');
    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeLessThan(5000);
    stream.close();
  });
});
