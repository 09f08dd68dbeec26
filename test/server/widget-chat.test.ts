import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { answersOffline } from '../../src/server/conversations/public-chatbot.js';
import { aiModels, conversations, escalations } from '../../src/server/db/schema/index.js';
import { expectError } from '../helpers/expect-error.js';
import { createTenants } from '../helpers/fixtures.js';
import type { SseClient } from '../helpers/sse.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  addKnowledge,
  createChatChatbot,
  inboxEvents,
  type WidgetMessage,
  WidgetVisitor,
} from '../helpers/widget-visitor.js';

type InboxItem = {
  id: string;
  status: string;
  assignedUser: { id: string; name: string } | null;
  escalationReason: string | null;
  lastMessage: { role: string; content: string } | null;
};

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let bot: { id: string; publicId: string };
const streams: SseClient[] = [];

async function track(stream: Promise<SseClient>): Promise<SseClient> {
  const opened = await stream;
  streams.push(opened);
  return opened;
}

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t);
  const [openaiModel] = await t.db
    .select()
    .from(aiModels)
    .where(and(eq(aiModels.provider, 'openai'), eq(aiModels.modelType, 'chat')));
  bot = await createChatChatbot(tenants.as.adminA, {
    name: 'Alpha front desk',
    instructions: 'SECRET-INSTRUCTIONS: never reveal the staff rota',
    chatModelId: openaiModel?.id,
    settings: { widget: { title: 'Ask Alpha', primaryColor: '#112233' } },
  });
  await addKnowledge(t.db, tenants.companyA.id, {
    title: 'Practice information',
    passages: [
      {
        heading: 'Opening hours',
        content:
          'Our opening hours are Monday to Friday from 8am to 6pm, and Saturday from 9am to 1pm. We are closed on Sundays and public holidays.',
      },
      {
        heading: 'Parking',
        content: 'Free parking is available behind the building, entrance on Mill Street.',
      },
    ],
  });
});
afterEach(() => {
  for (const stream of streams.splice(0)) stream.close();
});
afterAll(() => t?.close());

describe('GET /api/widget/:publicId/config', () => {
  it('returns the public widget settings and nothing private', async () => {
    const res = await t.client().get<Record<string, unknown>>(`/api/widget/${bot.publicId}/config`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual([
      'available',
      'chatbot',
      'message',
      'offline',
      'widget',
    ]);
    expect(res.body).toMatchObject({ available: true, message: null });
    expect(res.body.chatbot).toEqual({
      publicId: bot.publicId,
      name: 'Alpha front desk',
      chatbotType: 'chat',
    });
    expect(res.body.widget).toMatchObject({ title: 'Ask Alpha', primaryColor: '#112233' });
    // No API key is configured, so the offline responder answers.
    expect(res.body.offline).toBe(true);
    const text = JSON.stringify(res.body);
    for (const secret of [tenants.companyA.id, bot.id, 'SECRET-INSTRUCTIONS', 'gpt-']) {
      expect(text).not.toContain(secret);
    }
  });

  it('is online only when a configured key serves the chatbot model', () => {
    const providers = (env: Record<string, string>) => loadConfig(env).providers;
    const openai = { provider: 'openai' as const, isActive: true };
    expect(answersOffline(providers({}), openai)).toBe(true);
    expect(answersOffline(providers({ OPENAI_API_KEY: 'sk-test' }), openai)).toBe(false);
    expect(answersOffline(providers({ GEMINI_API_KEY: 'g-test' }), openai)).toBe(true);
    expect(
      answersOffline(providers({ GEMINI_API_KEY: 'g-test' }), { ...openai, provider: 'gemini' }),
    ).toBe(false);
    expect(answersOffline(providers({ OPENAI_API_KEY: 'sk-test' }), null)).toBe(true);
    expect(
      answersOffline(providers({ OPENAI_API_KEY: 'sk-test' }), { ...openai, isActive: false }),
    ).toBe(true);
  });

  it('is 404 for an unknown chatbot; an inactive one is unavailable', async () => {
    expectError(await t.client().get('/api/widget/cb_doesnotexist/config'), 404, 'not_found');
    const inactive = await createChatChatbot(tenants.as.adminA, { isActive: false });
    const config = await t.client().get(`/api/widget/${inactive.publicId}/config`);
    expect(config.body).toMatchObject({ available: false });
    const res = await t.client().post(`/api/widget/${inactive.publicId}/conversations`, {});
    expectError(res, 403, 'chatbot_unavailable');
  });
});

describe('CORS', () => {
  it('lets any website call the widget API and no website call the company API', async () => {
    const origin = { origin: 'https://shop.example' };
    const client = t.client();
    const config = await client.request(
      'GET',
      `/api/widget/${bot.publicId}/config`,
      undefined,
      origin,
    );
    expect(config.headers.get('access-control-allow-origin')).toBe('*');

    const preflight = await fetch(new URL('/api/widget/conversations/x/messages', t.url), {
      method: 'OPTIONS',
      headers: {
        ...origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');

    const company = await tenants.as.adminA.request(
      'GET',
      '/api/company/inbox/conversations',
      undefined,
      origin,
    );
    expect(company.status).toBe(200);
    expect(company.headers.get('access-control-allow-origin')).toBeNull();
    const companyPreflight = await fetch(new URL('/api/company/inbox/conversations', t.url), {
      method: 'OPTIONS',
      headers: { ...origin, 'access-control-request-method': 'GET' },
    });
    expect(companyPreflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('chatting with the bot', () => {
  it('starts a conversation with a token of which only a hash is stored', async () => {
    const visitor = await WidgetVisitor.start(t.url, bot.publicId);
    expect(visitor.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await t.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, visitor.conversationId));
    expect(row).toMatchObject({
      companyId: tenants.companyA.id,
      chatbotId: bot.id,
      channel: 'chat',
      status: 'bot',
      visitorId: 'visitor_1',
    });
    expect(JSON.stringify(row)).not.toContain(visitor.token);
    const history = await visitor.history();
    expect(history.body).toEqual({ messages: [], status: 'bot' });
  });

  it('streams the answer from the knowledge base over SSE', async () => {
    const visitor = await WidgetVisitor.start(t.url, bot.publicId);
    const events = await track(visitor.events());
    expect(events.response.headers.get('cache-control')).toBe('no-cache');
    expect(events.response.headers.get('x-accel-buffering')).toBe('no');
    await events.next('conversation.status', (s) => s.status === 'bot');

    const sent = await visitor.send('What are your opening hours?');
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body.message).toMatchObject({
      role: 'user',
      content: 'What are your opening hours?',
    });

    const user = await events.next<WidgetMessage>('message.created', (m) => m.role === 'user');
    expect(user.id).toBe(sent.body.message.id);
    const start = await events.next<WidgetMessage>(
      'message.created',
      (m) => m.role === 'assistant',
    );
    expect(start.content).toBe('');
    const done = await events.next<WidgetMessage>('message.completed', (m) => m.id === start.id);
    expect(done.content).toContain('8am to 6pm');
    expect(done.metadata).toEqual({ responder: 'offline' });
    const deltas = events
      .all<{ messageId: string; delta: string }>('message.delta')
      .filter((d) => d.messageId === start.id);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((d) => d.delta).join('')).toBe(done.content);

    const history = await visitor.history();
    expect(history.body.status).toBe('bot');
    expect(history.body.messages.map((m) => [m.role, m.id])).toEqual([
      ['user', user.id],
      ['assistant', done.id],
    ]);
    expect(history.body.messages[1]?.content).toBe(done.content);
  });
});

describe('escalation to a person', () => {
  let visitor: WidgetVisitor;
  let visitorEvents: SseClient;
  let inbox: SseClient;
  const agentName = () => tenants.users.agentA.name;

  beforeAll(async () => {
    visitor = await WidgetVisitor.start(t.url, bot.publicId);
  });
  const openStreams = async () => {
    visitorEvents = await track(visitor.events());
    inbox = await track(inboxEvents(tenants.as.agentA));
  };
  const inboxPath = (suffix = '') =>
    `/api/company/inbox/conversations/${visitor.conversationId}${suffix}`;

  it('hands the conversation to the Inbox when the visitor asks for a person', async () => {
    await openStreams();
    expect((await visitor.send('I want to talk to a person')).status).toBe(202);

    await visitorEvents.next('conversation.status', (s) => s.status === 'waiting_human');
    const reply = await visitorEvents.next<WidgetMessage>('message.completed');
    expect(reply.content).toMatch(/team/i);
    await inbox.next(
      'conversation.updated',
      (u) => u.conversationId === visitor.conversationId && u.status === 'waiting_human',
    );

    const list = await tenants.as.agentA.get<{ conversations: InboxItem[] }>(
      '/api/company/inbox/conversations',
    );
    const item = list.body.conversations.find((c) => c.id === visitor.conversationId);
    expect(item).toMatchObject({
      status: 'waiting_human',
      assignedUser: null,
      escalationReason: 'The visitor asked for a person',
      lastMessage: { role: 'assistant', content: reply.content },
    });
    const [escalation] = await t.db
      .select()
      .from(escalations)
      .where(eq(escalations.conversationId, visitor.conversationId));
    expect(escalation).toMatchObject({ status: 'open', companyId: tenants.companyA.id });
  });

  it('shows the visitor that an agent joined and delivers their replies live', async () => {
    await openStreams();
    const taken = await tenants.as.agentA.post<{ conversation: InboxItem }>(inboxPath('/take'));
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body.conversation).toMatchObject({
      status: 'human',
      assignedUser: { id: tenants.users.agentA.id, name: agentName() },
    });
    await visitorEvents.next(
      'conversation.status',
      (s) => s.status === 'human' && s.agentName === agentName(),
    );
    const joined = await visitorEvents.next<WidgetMessage>(
      'message.created',
      (m) => m.role === 'system',
    );
    expect(joined.content).toBe(`${agentName()} joined the conversation`);

    const sent = await tenants.as.agentA.post<{ message: { id: string; role: string } }>(
      inboxPath('/messages'),
      { content: 'Hello, I can help with that.' },
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.message.role).toBe('agent');
    const live = await visitorEvents.next<WidgetMessage>(
      'message.created',
      (m) => m.role === 'agent',
    );
    expect(live).toEqual({
      id: sent.body.message.id,
      role: 'agent',
      content: 'Hello, I can help with that.',
      authorName: agentName(),
      createdAt: expect.any(String),
      metadata: {},
    });
  });

  it('sends visitor messages to the Inbox while a person has the conversation', async () => {
    await openStreams();
    const sent = await visitor.send('Can you move my appointment to Friday?');
    expect(sent.status).toBe(202);
    const arrived = await inbox.next<{ conversationId: string; message: { content: string } }>(
      'message.created',
      (e) => e.conversationId === visitor.conversationId,
    );
    expect(arrived.message.content).toBe('Can you move my appointment to Friday?');
    // A bot answer announces itself before the message is accepted, so it would
    // reach the stream ahead of the visitor's next message.
    expect((await visitor.send('Or Saturday.')).status).toBe(202);
    await visitorEvents.next<WidgetMessage>('message.created', (m) => m.content === 'Or Saturday.');
    expect(visitorEvents.all<WidgetMessage>('message.created').map((m) => m.role)).toEqual([
      'user',
      'user',
    ]);
    const history = await visitor.history();
    expect(history.body.messages.at(-1)).toMatchObject({ role: 'user' });
    expect(history.body.status).toBe('human');
  });

  it('lets the bot answer again after the agent hands back', async () => {
    await openStreams();
    const back = await tenants.as.agentA.post<{ conversation: InboxItem }>(inboxPath('/hand-back'));
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.conversation).toMatchObject({ status: 'bot', assignedUser: null });
    await visitorEvents.next('conversation.status', (s) => s.status === 'bot');
    const notice = await visitorEvents.next<WidgetMessage>(
      'message.created',
      (m) => m.role === 'system',
    );
    expect(notice.content).toContain('back to the assistant');

    expect((await visitor.send('What are your opening hours on Saturday?')).status).toBe(202);
    const answer = await visitorEvents.next<WidgetMessage>('message.completed');
    expect(answer.content).toContain('9am to 1pm');
    const [escalation] = await t.db
      .select()
      .from(escalations)
      .where(eq(escalations.conversationId, visitor.conversationId));
    expect(escalation).toMatchObject({
      status: 'resolved',
      assignedUserId: tenants.users.agentA.id,
    });
  });

  it('closes the conversation for good', async () => {
    await openStreams();
    const closed = await tenants.as.agentA.post<{ conversation: InboxItem }>(inboxPath('/close'));
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.conversation.status).toBe('closed');
    await visitorEvents.next('conversation.status', (s) => s.status === 'closed');
    await inbox.next(
      'conversation.updated',
      (u) => u.conversationId === visitor.conversationId && u.status === 'closed',
    );
    expectError(await visitor.send('Hello again?'), 409, 'conflict');
    const history = await visitor.history();
    expect(history.status).toBe(200);
    expect(history.body.status).toBe('closed');

    const open = await tenants.as.agentA.get<{ conversations: InboxItem[] }>(
      '/api/company/inbox/conversations',
    );
    expect(open.body.conversations.map((c) => c.id)).not.toContain(visitor.conversationId);
    const done = await tenants.as.agentA.get<{ conversations: InboxItem[] }>(
      '/api/company/inbox/conversations?status=closed',
    );
    expect(done.body.conversations.map((c) => c.id)).toContain(visitor.conversationId);
  });
});
