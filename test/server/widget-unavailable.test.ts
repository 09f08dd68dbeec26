import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aiModels, conversations, messages } from '../../src/server/db/schema/index.js';
import { type FakeServer, startFakeServer } from '../fakes/fake-http-server.js';
import { type OpenAIChatScript, openaiChatRoutes } from '../fakes/openai-chat.js';
import { expectError } from '../helpers/expect-error.js';
import { createTenants } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createChatChatbot, WidgetVisitor } from '../helpers/widget-visitor.js';

const script: OpenAIChatScript = [];
let fake: FakeServer;
let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let bot: { id: string; publicId: string };
let callBot: { id: string; publicId: string };

const chatRequests = () => fake.requests.filter((r) => r.path === '/v1/chat/completions').length;

async function setCompanyActive(isActive: boolean) {
  const res = await tenants.as.master.patch(`/api/master/companies/${tenants.companyA.id}`, {
    isActive,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

async function stored(conversationId: string) {
  return t.db.select().from(messages).where(eq(messages.conversationId, conversationId));
}

async function answered(visitor: WidgetVisitor, count: number) {
  for (let waitedMs = 0; (await stored(visitor.conversationId)).length < count; waitedMs += 50) {
    if (waitedMs > 10_000) throw new Error('the bot never answered');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  fake = await startFakeServer(openaiChatRoutes(script));
  t = await startTestApp({
    OPENAI_API_KEY: 'sk-test-key-0123456789',
    OPENAI_BASE_URL: `${fake.url}/v1`,
  });
  tenants = await createTenants(t, { callEnabled: true });
  const [model] = await t.db
    .select()
    .from(aiModels)
    .where(and(eq(aiModels.provider, 'openai'), eq(aiModels.modelType, 'chat')));
  bot = await createChatChatbot(tenants.as.adminA, { chatModelId: model?.id });
  callBot = await createChatChatbot(tenants.as.adminA, { chatbotType: 'call' });
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});
beforeEach(async () => {
  script.splice(0);
  await setCompanyActive(true);
});

describe('a deactivated company', () => {
  it('answers its widget config as unavailable, for chat and call chatbots', async () => {
    await setCompanyActive(false);
    const res = await t.client().get<Record<string, unknown>>(`/api/widget/${bot.publicId}/config`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      chatbot: { publicId: bot.publicId, chatbotType: 'chat' },
      available: false,
      message: 'This chat is currently unavailable.',
    });
    expect(res.body.call).toBeUndefined();

    const call = await t.client().get(`/api/widget/${callBot.publicId}/config`);
    expect(call.body).toMatchObject({
      available: false,
      call: { available: false, message: 'Voice calls temporarily unavailable' },
    });
  });

  it('refuses new conversations and calls, and no model is called', async () => {
    await setCompanyActive(false);
    const start = await t.client().post(`/api/widget/${bot.publicId}/conversations`, {});
    expectError(start, 403, 'chatbot_unavailable');
    const session = await t.client().post('/api/widget/call/session', {
      chatbotId: callBot.publicId,
    });
    // Refused as before this change: the chatbot is not found for calls.
    expectError(session, 404, 'not_found');
    expect(chatRequests()).toBe(0);
  });

  it('refuses messages in an existing conversation without calling the model, until reactivated', async () => {
    const visitor = await WidgetVisitor.start(t.url, bot.publicId);
    await setCompanyActive(false);
    const before = chatRequests();
    expectError(await visitor.send('Are you open today?'), 403, 'chatbot_unavailable');
    expectError(await visitor.history(), 403, 'chatbot_unavailable');
    await expect(visitor.events()).rejects.toThrow(/403/);
    expect(await stored(visitor.conversationId)).toHaveLength(0);
    expect(chatRequests()).toBe(before);

    // Another visitor's token still opens nothing: the token is checked first.
    const stranger = new WidgetVisitor(t.url, bot.publicId);
    stranger.conversationId = visitor.conversationId;
    stranger.token = 'not-the-token';
    expectError(await stranger.send('Hello?'), 401, 'unauthorized');

    await setCompanyActive(true);
    script.push({ text: ['We are open ', 'until six.'] });
    const config = await t.client().get(`/api/widget/${bot.publicId}/config`);
    expect(config.body).toMatchObject({ available: true, message: null });
    expect((await visitor.send('Are you open today?')).status).toBe(202);
    await answered(visitor, 2);
    expect(chatRequests()).toBe(before + 1);
    const [, reply] = await stored(visitor.conversationId);
    expect(reply?.content).toBe('We are open until six.');
    expect((await WidgetVisitor.start(t.url, bot.publicId)).token).not.toBe('');
  });

  it('shows the demo page with the widget, saying the chatbot is switched off', async () => {
    await setCompanyActive(false);
    const res = await t.client().get(`/demo/${bot.publicId}`);
    expect(res.status).toBe(200);
    const html = res.body as unknown as string;
    expect(html).toContain('is switched off');
    expect(html).toContain(`data-chatbot-id="${bot.publicId}"`);
  });
});

describe('a deactivated chatbot', () => {
  it('is unavailable in the same way, and reactivating restores it', async () => {
    const other = await createChatChatbot(tenants.as.adminA);
    const visitor = await WidgetVisitor.start(t.url, other.publicId);
    const off = await tenants.as.adminA.patch(`/api/company/chatbots/${other.id}`, {
      isActive: false,
    });
    expect(off.status).toBe(200);
    const config = await t.client().get(`/api/widget/${other.publicId}/config`);
    expect(config.body).toMatchObject({ available: false });
    expectError(
      await t.client().post(`/api/widget/${other.publicId}/conversations`, {}),
      403,
      'chatbot_unavailable',
    );
    expectError(await visitor.send('Hello?'), 403, 'chatbot_unavailable');
    const [row] = await t.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, visitor.conversationId));
    expect(row?.status).toBe('bot');

    const on = await tenants.as.adminA.patch(`/api/company/chatbots/${other.id}`, {
      isActive: true,
    });
    expect(on.status).toBe(200);
    expect((await visitor.send('Hello?')).status).toBe(202);
  });
});
