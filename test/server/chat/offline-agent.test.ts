import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAgent } from '../../../src/server/chat/agent-types.js';
import { createChatAgent } from '../../../src/server/chat/create-agent.js';
import { UNKNOWN_ANSWER } from '../../../src/server/chat/offline-responder.js';
import { loadConfig } from '../../../src/server/config.js';
import { hasVectorColumn } from '../../../src/server/db/capabilities.js';
import type { DatabaseHandle } from '../../../src/server/db/client.js';
import { aiModels } from '../../../src/server/db/schema/index.js';
import { KnowledgeRetriever } from '../../../src/server/knowledge/retrieval.js';
import { seedCatalog } from '../../../src/server/seed/catalog.js';
import { chatProviderHarnesses } from '../../fakes/chat-providers.js';
import { type FakeServer, startFakeServer } from '../../fakes/fake-http-server.js';
import { createCompany } from '../../helpers/fixtures.js';
import { createTestDatabase } from '../../helpers/test-database.js';
import {
  addKnowledge,
  ask,
  createChatbot,
  memoryLogger,
  startConversation,
} from './chat-fixtures.js';

// Which responder answers a chatbot, and the offline responder's answers.
const harnesses = chatProviderHarnesses();
const HOURS = 'Monday to Friday from 8:00 to 18:00';

let fake: FakeServer;
let database: DatabaseHandle;
let companyId: string;
let retriever: KnowledgeRetriever;
const logs = memoryLogger();
/** Keys for both providers, pointed at the fake. */
let agent: ChatAgent;
/** No key at all. */
let offlineAgent: ChatAgent;

beforeAll(async () => {
  fake = await startFakeServer(Object.assign({}, ...harnesses.map((h) => h.routes)));
  database = await createTestDatabase();
  await seedCatalog(database.db);
  companyId = (await createCompany(database.db)).id;
  await addKnowledge(database.db, companyId);
  retriever = new KnowledgeRetriever({
    db: database.db,
    vectorColumn: await hasVectorColumn(database.db),
  });
  const build = (env: Record<string, string>) =>
    createChatAgent({ db: database.db, retriever, config: loadConfig(env), logger: logs.logger });
  agent = build(Object.assign({}, ...harnesses.map((h) => h.env(fake.url))));
  offlineAgent = build({});
});

afterAll(async () => {
  await fake?.close();
  await database?.close();
});

describe('chat agent without a usable model', () => {
  it("answers a question in the heading's own words from knowledge with the offline responder", async () => {
    const bot = await createChatbot(database.db, companyId, { modelId: 'gpt-5-mini' });
    const scope = await startConversation(database.db, { companyId, chatbotId: bot.id });
    const from = fake.requests.length;

    const { reply, deltas } = await ask(
      database.db,
      offlineAgent,
      scope,
      'What are your opening hours?',
    );

    expect(reply.responder).toBe('offline');
    expect(reply.model).toBeNull();
    expect(reply.text).toContain(HOURS);
    expect(deltas.join('')).toBe(reply.text);
    expect(reply.sources.map((s) => s.documentTitle)).toEqual(['Opening hours']);
    expect(fake.requests.length).toBe(from);
  });

  it("says it doesn't know when nothing in the knowledge base matches", async () => {
    const bot = await createChatbot(database.db, companyId, { modelId: null });
    const scope = await startConversation(database.db, { companyId, chatbotId: bot.id });

    const { reply } = await ask(database.db, offlineAgent, scope, 'Do you sell spaceships?');

    expect(reply.text).toBe(UNKNOWN_ANSWER);
    expect(reply.sources).toEqual([]);
  });

  it('takes a yes to its offer of a person as asking for one, only right after the offer', async () => {
    const bot = await createChatbot(database.db, companyId, { modelId: null });
    const scope = await startConversation(database.db, { companyId, chatbotId: bot.id });
    await ask(database.db, offlineAgent, scope, 'Do you sell spaceships?');
    const accepted = await ask(database.db, offlineAgent, scope, 'Yes please');
    expect(accepted.escalations).toHaveLength(1);
    expect(accepted.reply.escalated).toBe(true);

    const other = await startConversation(database.db, { companyId, chatbotId: bot.id });
    await ask(database.db, offlineAgent, other, 'Do you sell spaceships?');
    await ask(database.db, offlineAgent, other, 'What are your opening hours?');
    const late = await ask(database.db, offlineAgent, other, 'yes');
    expect(late.escalations).toEqual([]);
    expect(late.reply.text).toBe(UNKNOWN_ANSWER);
  });

  it('hands the visitor to a person when they ask for one', async () => {
    const bot = await createChatbot(database.db, companyId, { modelId: null });
    const scope = await startConversation(database.db, { companyId, chatbotId: bot.id });

    const { reply, escalations } = await ask(
      database.db,
      offlineAgent,
      scope,
      'Can I talk to a real person please?',
      { escalationMessage: 'A colleague will be with you soon.' },
    );

    expect(escalations).toHaveLength(1);
    expect(reply).toMatchObject({
      escalated: true,
      text: 'A colleague will be with you soon.',
      responder: 'offline',
    });
  });

  it('is offline without a key for the provider, for the local engine, no model or a deactivated one', async () => {
    const onlyGemini = createChatAgent({
      db: database.db,
      retriever,
      config: loadConfig({
        GEMINI_API_KEY: 'AIzaSy-only-gemini-0123456789',
        GEMINI_BASE_URL: fake.url,
      }),
      logger: logs.logger,
    });
    await database.db.insert(aiModels).values({
      provider: 'openai',
      modelId: 'gpt-5-retired',
      displayName: 'Retired',
      modelType: 'chat',
      isActive: false,
    });
    const responderOf = async (answering: ChatAgent, modelId: string | null) => {
      const bot = await createChatbot(database.db, companyId, { modelId });
      const scope = await startConversation(database.db, { companyId, chatbotId: bot.id });
      const { reply } = await ask(database.db, answering, scope, 'What are your opening hours?');
      return reply.responder;
    };
    const from = fake.requests.length;

    expect(await responderOf(onlyGemini, 'gpt-5-mini')).toBe('offline');
    expect(await responderOf(agent, 'buzzi-local')).toBe('offline');
    expect(await responderOf(agent, null)).toBe('offline');
    expect(await responderOf(agent, 'gpt-5-retired')).toBe('offline');
    expect(fake.requests.length).toBe(from);

    harnesses.find((h) => h.provider === 'gemini')?.queue({ say: ['Gemini here.'] });
    expect(await responderOf(onlyGemini, 'gemini-3-flash-preview')).toBe('gemini');
  });

  it("answers only from the asking company's knowledge", async () => {
    const other = await createCompany(database.db);
    const bot = await createChatbot(database.db, other.id, { modelId: null });
    const scope = await startConversation(database.db, { companyId: other.id, chatbotId: bot.id });

    const { reply } = await ask(database.db, offlineAgent, scope, 'What are your opening hours?');

    expect(reply.text).toBe(UNKNOWN_ANSWER);
  });

  it('refuses a chatbot of another company', async () => {
    const other = await createCompany(database.db);
    const bot = await createChatbot(database.db, companyId, { modelId: null });
    const scope = await startConversation(database.db, { companyId, chatbotId: bot.id });

    const reply = offlineAgent.reply({
      ...scope,
      companyId: other.id,
      actions: { escalateToHuman: async () => ({ message: '' }) },
      onEvent: () => {},
    });
    await expect(reply).rejects.toThrow('chatbot not found');
  });
});
