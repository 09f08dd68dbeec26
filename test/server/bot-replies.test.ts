import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../src/server/bus/memory-bus.js';
import type { AgentReply, AgentRequest, ChatAgent } from '../../src/server/chat/agent-types.js';
import { createChatbot } from '../../src/server/chatbots/service.js';
import { BotReplies, FAILURE_TEXT } from '../../src/server/conversations/bot-replies.js';
import type { ConversationEnvelope } from '../../src/server/conversations/conversation-events.js';
import { ConversationService } from '../../src/server/conversations/conversation-service.js';
import { EscalationService } from '../../src/server/conversations/escalation-service.js';
import type { DatabaseHandle } from '../../src/server/db/client.js';
import { escalations } from '../../src/server/db/schema/index.js';
import { AppError } from '../../src/server/http/errors.js';
import { createCompany } from '../helpers/fixtures.js';
import { createTestDatabase } from '../helpers/test-database.js';

// A scripted agent behind our own ChatAgent interface: these tests are about
// what BotReplies does with whatever an agent does, not about any agent.
class ScriptedAgent implements ChatAgent {
  readonly requests: AgentRequest[] = [];
  constructor(private readonly script: (request: AgentRequest) => Promise<AgentReply>) {}
  reply(request: AgentRequest): Promise<AgentReply> {
    this.requests.push(request);
    return this.script(request);
  }
}

const answer = (text: string): AgentReply => ({
  text,
  responder: 'openai',
  model: 'gpt-test',
  sources: [],
  escalated: false,
  activeAgentId: null,
  usage: null,
});

const logger = pino({ level: 'silent' });
let database: DatabaseHandle;
let bus: MemoryBus;
let store: ConversationService;
let companyId: string;
let chatbotId: string;
const events: ConversationEnvelope[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  bus = new MemoryBus(logger);
  await bus.subscribe('conversation.event', (envelope) => events.push(envelope));
  store = new ConversationService({ db: database.db, bus });
  companyId = (await createCompany(database.db)).id;
  chatbotId = (
    await createChatbot(database.db, { companyId }, { name: 'Unit bot', chatbotType: 'chat' })
  ).id;
});
afterAll(() => database?.close());

function setup(agent: ChatAgent) {
  const replies = new BotReplies({
    conversations: store,
    escalations: new EscalationService(store),
    agent,
    logger,
  });
  return replies;
}

async function newTarget() {
  const conversation = await store.create({ companyId, chatbotId, channel: 'chat' });
  return { companyId, chatbotId, conversationId: conversation.id };
}

const eventsOf = (conversationId: string, type: string) =>
  events.filter((e) => e.conversationId === conversationId && e.event.type === type);

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition never became true');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('BotReplies', () => {
  it('answers one message at a time per conversation', async () => {
    const pending = new Map<string, (reply: AgentReply) => void>();
    const finish = (conversationId: string, text: string) =>
      pending.get(conversationId)?.(answer(text));
    const agent = new ScriptedAgent(async (request) => {
      request.onEvent({ type: 'text.delta', delta: 'Hel' });
      request.onEvent({ type: 'text.delta', delta: 'lo' });
      return new Promise((resolve) => pending.set(request.conversationId, resolve));
    });
    const replies = setup(agent);
    const target = await newTarget();
    const other = await newTarget();

    await replies.acceptVisitorMessage(target, 'first');
    const refused = replies.acceptVisitorMessage(target, 'second');
    await expect(refused).rejects.toMatchObject({ statusCode: 409 });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    // Another conversation is not held up.
    await replies.acceptVisitorMessage(other, 'elsewhere');
    expect(agent.requests.map((r) => r.conversationId)).toEqual([
      target.conversationId,
      other.conversationId,
    ]);

    finish(target.conversationId, 'Hello');
    await until(() => eventsOf(target.conversationId, 'message.completed').length === 1);
    const deltas = eventsOf(target.conversationId, 'message.delta').map((e) => e.event.data);
    expect(deltas).toEqual([
      { messageId: expect.any(String), delta: 'Hel' },
      { messageId: expect.any(String), delta: 'lo' },
    ]);
    const completed = eventsOf(target.conversationId, 'message.completed')[0]?.event;
    expect(completed?.data).toMatchObject({
      role: 'assistant',
      content: 'Hello',
      metadata: { responder: 'openai', model: 'gpt-test', sources: [] },
    });
    const history = await store.listMessages(target);
    expect(history.map((m) => [m.role, m.content])).toEqual([
      ['user', 'first'],
      ['assistant', 'Hello'],
    ]);
    await expect(replies.acceptVisitorMessage(target, 'third')).resolves.toMatchObject({
      role: 'user',
    });
    finish(target.conversationId, 'Again');
    finish(other.conversationId, 'Elsewhere');
    await replies.close();
  });

  it('reports a failing agent and stores an apology under the announced id', async () => {
    const agent = new ScriptedAgent(async () => {
      throw new Error('provider exploded');
    });
    const replies = setup(agent);
    const target = await newTarget();
    await replies.acceptVisitorMessage(target, 'Hello?');
    await until(() => eventsOf(target.conversationId, 'message.completed').length === 1);
    expect(eventsOf(target.conversationId, 'error').map((e) => e.event.data)).toEqual([
      { code: 'agent_failed', message: expect.any(String) },
    ]);
    const announced = eventsOf(target.conversationId, 'message.created').find(
      (e) => e.event.type === 'message.created' && e.event.data.role === 'assistant',
    );
    const history = await store.listMessages(target);
    expect(history.at(-1)).toMatchObject({ role: 'assistant', content: FAILURE_TEXT });
    expect(announced?.event.data).toMatchObject({ id: history.at(-1)?.id });
    // The claim was released: the visitor can try again.
    await replies.acceptVisitorMessage(target, 'Try again');
    expect(agent.requests).toHaveLength(2);
    await replies.close();
  });

  it('passes on a provider failure the agent reports and stores its notice', async () => {
    const notice = 'The assistant is unavailable right now (OpenAI returned 503).';
    const agent = new ScriptedAgent(async () => ({
      ...answer(notice),
      error: { code: 'model_unavailable', message: notice },
    }));
    const replies = setup(agent);
    const target = await newTarget();
    await replies.acceptVisitorMessage(target, 'Hello?');
    await until(() => eventsOf(target.conversationId, 'message.completed').length === 1);
    expect(eventsOf(target.conversationId, 'error').map((e) => e.event.data)).toEqual([
      { code: 'model_unavailable', message: notice },
    ]);
    expect((await store.listMessages(target)).at(-1)).toMatchObject({
      role: 'assistant',
      content: notice,
      metadata: { responder: 'openai' },
    });
    await replies.close();
  });

  it('escalates through the agent action and then leaves the conversation to people', async () => {
    const agent = new ScriptedAgent(async (request) => {
      const { message } = await request.actions.escalateToHuman('Billing dispute');
      return { ...answer(message), escalated: true };
    });
    const replies = setup(agent);
    const target = await newTarget();
    await replies.acceptVisitorMessage(target, 'I dispute this invoice');
    await until(() => eventsOf(target.conversationId, 'message.completed').length === 1);
    expect((await store.get(target)).status).toBe('waiting_human');
    const rows = await database.db
      .select()
      .from(escalations)
      .where(eq(escalations.conversationId, target.conversationId));
    expect(rows).toMatchObject([{ status: 'open', reason: 'Billing dispute' }]);
    expect(
      eventsOf(target.conversationId, 'conversation.status').map((e) => e.event.data),
    ).toContainEqual({ status: 'waiting_human' });

    await replies.acceptVisitorMessage(target, 'Hello? Anyone?');
    expect(agent.requests).toHaveLength(1);
    expect((await store.listMessages(target)).at(-1)).toMatchObject({
      role: 'user',
      content: 'Hello? Anyone?',
    });
    await replies.close();
  });

  it('aborts replies in progress on close and waits for them', async () => {
    const agent = new ScriptedAgent(
      (request) =>
        new Promise((_resolve, reject) => {
          request.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    );
    const replies = setup(agent);
    const target = await newTarget();
    await replies.acceptVisitorMessage(target, 'Anyone there?');
    await replies.close();
    expect(agent.requests[0]?.signal?.aborted).toBe(true);
    expect((await store.listMessages(target)).at(-1)).toMatchObject({ content: FAILURE_TEXT });
  });
});
