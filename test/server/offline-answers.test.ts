import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAgent } from '../../src/server/chat/agent-types.js';
import { createChatAgent } from '../../src/server/chat/create-agent.js';
import { UNKNOWN_ANSWER } from '../../src/server/chat/offline-responder.js';
import { loadConfig } from '../../src/server/config.js';
import { KnowledgeRetriever } from '../../src/server/knowledge/retrieval.js';
import type { ApiClient } from '../helpers/api-client.js';
import { type EvalKnowledgeBase, loadEvalKnowledgeBases } from '../helpers/eval-set.js';
import { createCompany, createUser, login } from '../helpers/fixtures.js';
import { createCategory } from '../helpers/knowledge.js';
import { ingestDocument, search } from '../helpers/retrieval.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { ask, createChatbot, startConversation } from './chat/chat-fixtures.js';

// The levels measured on the evaluation set's held-out questions (npm run bench answers),
// as floors: a regression fails, a better responder raises them.
const MIN_HELD_OUT_TOP3 = 0.95;
const MIN_HELD_OUT_FACT = 0.72;
const MIN_OFF_TOPIC_HONEST = 0.85;

type Business = {
  knowledgeBase: EvalKnowledgeBase;
  client: ApiClient;
  chatbotId: string;
  companyId: string;
};

let t: TestApp;
let agent: ChatAgent;
const businesses = new Map<string, Business>();

beforeAll(async () => {
  t = await startTestApp();
  agent = createChatAgent({
    db: t.db,
    retriever: new KnowledgeRetriever({ db: t.db, vectorColumn: false }),
    config: loadConfig({}),
    logger: pino({ level: 'silent' }),
  });
  for (const knowledgeBase of loadEvalKnowledgeBases()) {
    const company = await createCompany(t.db, { name: knowledgeBase.name });
    const admin = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'company_admin' }],
    });
    const client = await login(t, admin.email);
    const category = await createCategory(client, 'Handbook');
    for (const { title, content } of knowledgeBase.documents) {
      await ingestDocument(client, { categoryId: category.id, title, content });
    }
    const chatbotId = (await createChatbot(t.db, company.id, { modelId: null })).id;
    businesses.set(knowledgeBase.name, { knowledgeBase, client, chatbotId, companyId: company.id });
  }
}, 120_000);
afterAll(() => t?.close());

function business(name: string): Business {
  const found = businesses.get(name);
  if (!found) throw new Error(`no knowledge base ${name}`);
  return found;
}

/** What the widget chat answers without a chat model. */
async function reply(name: string, question: string): Promise<string> {
  const { companyId, chatbotId } = business(name);
  const scope = await startConversation(t.db, { companyId, chatbotId });
  return (await ask(t.db, agent, scope, question)).reply.text;
}

/** Whether the search API puts a passage holding `fact` in its top 3. */
async function inTop3(name: string, question: string, fact: string): Promise<boolean> {
  const { results } = await search(business(name).client, { query: question, limit: 3 });
  return results.some((r) => r.content.includes(fact));
}

describe('offline answers to questions in callers’ words', () => {
  const cases: Array<[business: string, question: string, fact: string]> = [
    ['dental-clinic', "What's your address?", 'Lindenstrasse 18, 8004 Zurich'],
    ['dental-clinic', 'Can I pay for my treatment in installments?', 'monthly payments'],
    ['dental-clinic', 'What are your business hours?', '7:30–19:00'],
    ['dental-clinic', 'How long does Invisalign take?', '12 to 18 months'],
    ['plumbing-heating', "What's the price of servicing my boiler?", '£89'],
    ['plumbing-heating', 'Water is pouring through my ceiling, how do I stop it?', 'stopcock'],
    ['plumbing-heating', 'Can I pay off a new boiler monthly?', '12 to 60 months'],
    ['small-hotel', 'Do I have to pay for the internet?', 'free Wi-Fi'],
    ['small-hotel', 'What time can we get into our room?', 'from 15:00'],
    ['small-hotel', 'Am I allowed to smoke in my room?', 'All rooms are non-smoking'],
    ['veterinary-practice', 'How much to clean my dog’s teeth?', 'from £290'],
    ['veterinary-practice', 'How do I sign up my cat with you?', 'register online or at reception'],
    [
      'veterinary-practice',
      'Can the vet come to the house to put my old dog to sleep?',
      'at your home',
    ],
  ];

  it.each(cases)(
    '%s: "%s" finds the passage and answers with the fact',
    async (name, question, fact) => {
      expect(await inTop3(name, question, fact)).toBe(true);
      expect(await reply(name, question)).toContain(fact);
    },
  );

  it('keeps the sentence with the asked-for fact rather than the section’s first one', async () => {
    const answer = await reply('dental-clinic', 'How long does it take to get an implant?');
    expect(answer).toContain('three to six months');
    expect(answer).not.toContain('An implant replaces a single missing tooth');
  });

  it('answers honestly that it does not know when the business says nothing about it', async () => {
    for (const [name, question] of [
      ['dental-clinic', 'Do you do Botox injections?'],
      ['plumbing-heating', 'What is the best mortgage rate at the moment?'],
      ['small-hotel', 'Do you have a swimming pool?'],
      ['veterinary-practice', 'Do you groom dogs?'],
    ] as const) {
      expect(await reply(name, question), question).toBe(UNKNOWN_ANSWER);
    }
  });
});

describe('the whole evaluation set through the search API and the widget chat', () => {
  it('holds its held-out levels: passage in the top 3, fact in the answer, honest off-topic', async () => {
    const tally = { questions: 0, top3: 0, fact: 0, offTopic: 0, honest: 0 };
    for (const [name, { knowledgeBase }] of businesses) {
      for (const q of knowledgeBase.questions.filter((q) => q.split === 'held-out')) {
        tally.questions++;
        if (await inTop3(name, q.question, q.fact)) tally.top3++;
        if ((await reply(name, q.question)).includes(q.fact)) tally.fact++;
      }
      for (const q of knowledgeBase.offTopic.filter((q) => q.split === 'held-out')) {
        tally.offTopic++;
        if ((await reply(name, q.question)) === UNKNOWN_ANSWER) tally.honest++;
      }
    }
    console.log(`offline answers (${t.database.kind}, held-out): ${JSON.stringify(tally)}`);
    expect(tally.top3 / tally.questions).toBeGreaterThanOrEqual(MIN_HELD_OUT_TOP3);
    expect(tally.fact / tally.questions).toBeGreaterThanOrEqual(MIN_HELD_OUT_FACT);
    expect(tally.honest / tally.offTopic).toBeGreaterThanOrEqual(MIN_OFF_TOPIC_HONEST);
  }, 60_000);
});
