import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatAgent } from '../../src/server/chat/agent-types.js';
import { createChatAgent } from '../../src/server/chat/create-agent.js';
import { UNKNOWN_ANSWER } from '../../src/server/chat/offline-responder.js';
import { loadConfig } from '../../src/server/config.js';
import { hasVectorColumn } from '../../src/server/db/capabilities.js';
import type { DatabaseHandle } from '../../src/server/db/client.js';
import { conversations } from '../../src/server/db/schema/index.js';
import { KnowledgeRetriever } from '../../src/server/knowledge/retrieval.js';
import { seedCatalog } from '../../src/server/seed/catalog.js';
import { chatProviderHarnesses } from '../fakes/chat-providers.js';
import { type FakeServer, startFakeServer } from '../fakes/fake-http-server.js';
import { createCompany } from '../helpers/fixtures.js';
import { createTestDatabase } from '../helpers/test-database.js';
import {
  addKnowledge,
  addMessage,
  ask,
  createChatbot,
  memoryLogger,
  startConversation,
} from './chat/chat-fixtures.js';

const harnesses = chatProviderHarnesses();
const HOURS = 'Monday to Friday from 8:00 to 18:00';

let fake: FakeServer;
let database: DatabaseHandle;
let companyId: string;
let documentIds: Record<string, string>;
let retriever: KnowledgeRetriever;
const logs = memoryLogger();
let agent: ChatAgent;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeServer(Object.assign({}, ...harnesses.map((h) => h.routes)));
  database = await createTestDatabase();
  await seedCatalog(database.db);
  companyId = (await createCompany(database.db)).id;
  documentIds = await addKnowledge(database.db, companyId);
  retriever = new KnowledgeRetriever({
    db: database.db,
    vectorColumn: await hasVectorColumn(database.db),
  });
  env = Object.assign({}, ...harnesses.map((h) => h.env(fake.url)));
  agent = createChatAgent({
    db: database.db,
    retriever,
    config: loadConfig(env),
    logger: logs.logger,
  });
});

afterAll(async () => {
  await fake?.close();
  await database?.close();
});

describe.each(harnesses)('chat agent on $label', (h) => {
  let chatbotId: string;
  const chatRequests = (from: number) => fake.requests.slice(from).filter(h.isChatRequest);
  const newConversation = () => startConversation(database.db, { companyId, chatbotId });

  beforeAll(async () => {
    chatbotId = (await createChatbot(database.db, companyId, { modelId: h.modelId })).id;
  });
  beforeEach(() => h.queue());

  it('streams the answer as deltas, in order, while the provider is still sending', async () => {
    // The provider holds the rest of its answer until the first delta reaches us;
    // a buffering agent only gets it once the fallback has opened the gate.
    let gateOpen = false;
    let firstDeltaWhileHeld = false;
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const open = () => {
      gateOpen = true;
      release();
    };
    const fallback = setTimeout(open, 5000);
    h.queue({ say: ['We are ', 'open ', 'weekdays.'], pauseAfterFirst: gate });
    const scope = await newConversation();

    const { reply, deltas } = await ask(database.db, agent, scope, 'Hello!', {
      onEvent: (event) => {
        if (event.type === 'text.delta' && !gateOpen) {
          firstDeltaWhileHeld = true;
          open();
        }
      },
    });
    clearTimeout(fallback);

    expect(firstDeltaWhileHeld).toBe(true);
    expect(deltas).toEqual(['We are ', 'open ', 'weekdays.']);
    expect(reply).toMatchObject({
      text: 'We are open weekdays.',
      responder: h.provider,
      model: h.modelId,
      escalated: false,
      activeAgentId: null,
    });
    expect(reply.error).toBeUndefined();
    expect(reply.usage?.inputTokens).toBeGreaterThan(0);
    expect(reply.usage?.outputTokens).toBeGreaterThan(0);
  });

  it('puts the passages retrieved for the question into the prompt and cites them', async () => {
    h.queue({ say: [`We are open ${HOURS}.`] });
    const scope = await newConversation();
    const from = fake.requests.length;

    const { reply } = await ask(database.db, agent, scope, 'What are your opening hours?');

    const [request] = chatRequests(from);
    if (!request) throw new Error('no request reached the fake');
    const prompt = h.systemPromptOf(request);
    expect(prompt).toContain('You are the friendly assistant of Smile Clinic.');
    expect(prompt).toContain(`[1] Opening hours`);
    expect(prompt).toContain(HOURS);
    expect(h.transcriptOf(request)).toEqual(['user: What are your opening hours?']);
    expect(h.toolNamesIn(request).sort()).toEqual(['escalate_to_human', 'search_knowledge_base']);
    expect(reply.sources).toContainEqual({
      documentId: documentIds['Opening hours'],
      documentTitle: 'Opening hours',
      chunkId: expect.any(String),
    });
  });

  it('runs search_knowledge_base and sends the real passages back to the model', async () => {
    h.queue(
      { call: 'search_knowledge_base', args: { query: 'parking' } },
      { say: ['You can park for free behind the building.'] },
    );
    const scope = await newConversation();
    const from = fake.requests.length;

    const { reply, events, deltas } = await ask(
      database.db,
      agent,
      scope,
      'Where do I leave my car?',
    );

    expect(events).toContainEqual({
      type: 'tool.called',
      name: 'search_knowledge_base',
      arguments: { query: 'parking' },
    });
    const requests = chatRequests(from);
    expect(requests).toHaveLength(2);
    const [result] = h.toolResultsOf(requests[1] as (typeof requests)[number]);
    expect(result).toContain('Parking');
    expect(result).toContain('Free parking is available behind the building');
    expect(deltas.join('')).toBe('You can park for free behind the building.');
    expect(reply.sources.map((s) => s.documentTitle)).toContain('Parking');
  });

  it('escalates to a human through the conversation actions', async () => {
    h.queue(
      { call: 'escalate_to_human', args: { reason: 'Visitor wants to dispute an invoice' } },
      { say: ['I have asked a colleague to join.'] },
    );
    const scope = await newConversation();
    const from = fake.requests.length;

    const { reply, escalations } = await ask(database.db, agent, scope, 'My invoice is wrong!', {
      escalationMessage: 'Anna from support will reply here.',
    });

    expect(escalations).toEqual(['Visitor wants to dispute an invoice']);
    expect(reply.escalated).toBe(true);
    const second = chatRequests(from)[1];
    if (!second) throw new Error('the model was not asked to continue');
    expect(h.toolResultsOf(second).join()).toContain('Anna from support will reply here.');
    expect(reply.text).toBe('I have asked a colleague to join.');
  });

  it('sends the earlier turns of the conversation, human agents and notices included', async () => {
    h.queue({ say: ['Yes, 45 euros.'] });
    const scope = await newConversation();
    await addMessage(database.db, scope, 'user', 'How much is a check-up?');
    await addMessage(database.db, scope, 'assistant', 'A check-up costs 45 euros.');
    await addMessage(database.db, scope, 'system', 'Anna joined the conversation');
    await addMessage(database.db, scope, 'agent', 'Hi, Anna here.');
    const from = fake.requests.length;

    await ask(database.db, agent, scope, 'Is that still the price?');

    const [request] = chatRequests(from);
    if (!request) throw new Error('no request reached the fake');
    expect(h.transcriptOf(request)).toEqual([
      'user: How much is a check-up?',
      'assistant: A check-up costs 45 euros.',
      'assistant: (Notice shown to the visitor:) Anna joined the conversation',
      'assistant: (A human support agent wrote:) Hi, Anna here.',
      'user: Is that still the price?',
    ]);
  });

  it('stops calling tools after four rounds and answers', async () => {
    const search = { call: 'search_knowledge_base', args: { query: 'anything' } };
    h.queue(search, search, search, search, search);
    const scope = await newConversation();
    const from = fake.requests.length;

    const { reply } = await ask(database.db, agent, scope, 'Tell me everything');

    const requests = chatRequests(from);
    expect(requests).toHaveLength(5);
    expect(requests.slice(0, 4).every(h.toolsAllowedIn)).toBe(true);
    expect(h.toolsAllowedIn(requests[4] as (typeof requests)[number])).toBe(false);
    expect(reply.text).toBe(UNKNOWN_ANSWER);
    expect(reply.error).toBeUndefined();
  });

  it('turns a provider failure into a clear reply, logs it without secrets, and keeps working', async () => {
    const failure = {
      fail: 500,
      message: 'The server had an error while processing your request.',
    };
    // OpenAI's SDK retries a 5xx once; Gemini's does not.
    h.queue(failure, failure);
    const scope = await newConversation();

    const { reply, deltas } = await ask(database.db, agent, scope, 'Secret question 4711?');

    const notice = `Sorry — the assistant is unavailable right now (${h.label} returned 500). Please try again.`;
    expect(reply.text).toBe(notice);
    expect(deltas.join('')).toBe(notice);
    expect(reply.error).toEqual({ code: 'model_unavailable', message: notice });
    expect(reply.responder).toBe(h.provider);
    const logged = logs
      .entries()
      .find((e) => (e as { conversationId?: string }).conversationId === scope.conversationId);
    expect(logged).toMatchObject({
      msg: 'chat model request failed',
      chatbotId,
      provider: h.provider,
      status: 500,
    });
    for (const secret of [...Object.values(env), 'Secret question 4711']) {
      if (!secret.startsWith('http')) expect(logs.output()).not.toContain(secret);
    }

    h.queue({ say: ['Back again.'] });
    const next = await ask(database.db, agent, scope, 'Hello?');
    expect(next.reply.text).toBe('Back again.');
    expect(next.reply.error).toBeUndefined();
  });

  it('stops when the visitor goes away, keeping only what was streamed', async () => {
    const controller = new AbortController();
    h.queue({ say: ['Half an ', 'answer'], pauseAfterFirst: new Promise(() => {}) });
    const scope = await newConversation();
    await addMessage(database.db, scope, 'user', 'Tell me a story');

    const reply = await agent.reply({
      ...scope,
      actions: { escalateToHuman: async () => ({ message: '' }) },
      onEvent: (event) => {
        if (event.type === 'text.delta') controller.abort();
      },
      signal: controller.signal,
    });

    expect(reply.text).toBe('Half an ');
    expect(reply.error).toEqual({ code: 'aborted', message: 'The reply was cancelled.' });
  });

  describe('with several agents', () => {
    let multiBotId: string;
    beforeAll(async () => {
      multiBotId = (
        await createChatbot(database.db, companyId, {
          modelId: h.modelId,
          agentsList: [
            {
              id: 'reception',
              name: 'Reception',
              description: 'Appointments and general questions',
              instructions: 'You are Rita at the reception desk.',
              isDefault: true,
            },
            {
              id: 'billing',
              name: 'Billing',
              description: 'Invoices and payments',
              instructions: 'You are Bill from the billing team.',
              isDefault: false,
            },
          ],
        })
      ).id;
    });

    it('transfers to another agent, who continues the answer and keeps the conversation', async () => {
      h.queue(
        { call: 'transfer_to_agent', args: { agentId: 'billing' } },
        { say: ['Bill here, let me look at your invoice.'] },
      );
      const scope = await startConversation(database.db, { companyId, chatbotId: multiBotId });
      const from = fake.requests.length;

      const first = await ask(database.db, agent, scope, 'I have a question about my invoice');

      expect(first.events).toContainEqual({
        type: 'agent.switched',
        agentId: 'billing',
        agentName: 'Billing',
      });
      expect(first.reply.activeAgentId).toBe('billing');
      expect(first.reply.text).toBe('Bill here, let me look at your invoice.');
      const [before, after] = chatRequests(from);
      if (!before || !after) throw new Error('expected two model requests');
      expect(h.systemPromptOf(before)).toContain('You are Rita at the reception desk.');
      expect(h.systemPromptOf(before)).toContain('billing: Billing — Invoices and payments');
      expect(h.toolNamesIn(before)).toContain('transfer_to_agent');
      expect(h.systemPromptOf(after)).toContain('You are Bill from the billing team.');
      expect(h.systemPromptOf(after)).not.toContain('Rita');
      const [row] = await database.db
        .select({ activeAgentId: conversations.activeAgentId })
        .from(conversations)
        .where(eq(conversations.id, scope.conversationId));
      expect(row?.activeAgentId).toBe('billing');

      h.queue({ say: ['It was paid on Monday.'] });
      const next = fake.requests.length;
      const second = await ask(database.db, agent, scope, 'Was it paid?');
      const [followUp] = chatRequests(next);
      if (!followUp) throw new Error('no follow-up request');
      expect(h.systemPromptOf(followUp)).toContain('You are Bill from the billing team.');
      expect(second.reply.activeAgentId).toBe('billing');
    });

    it('refuses a transfer to an agent that does not exist', async () => {
      h.queue(
        { call: 'transfer_to_agent', args: { agentId: 'nobody' } },
        { say: ['Let me help you myself.'] },
      );
      const scope = await startConversation(database.db, { companyId, chatbotId: multiBotId });
      const from = fake.requests.length;

      const { reply, events } = await ask(database.db, agent, scope, 'Transfer me');

      expect(events.some((e) => e.type === 'agent.switched')).toBe(false);
      expect(reply.activeAgentId).toBe('reception');
      const second = chatRequests(from)[1];
      if (!second) throw new Error('the model was not asked to continue');
      expect(h.toolResultsOf(second).join()).toContain('No such agent');
    });
  });
});
