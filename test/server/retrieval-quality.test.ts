import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/api-client.js';
import { createCompany, createUser, login } from '../helpers/fixtures.js';
import { createCategory } from '../helpers/knowledge.js';
import {
  ingestDocument,
  loadFixtureDocuments,
  loadFixtureQuestions,
  search,
} from '../helpers/retrieval.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const MIN_TOP3_HIT_RATE = 0.9;

let t: TestApp;
let client: ApiClient;
const documents = loadFixtureDocuments();
const questions = loadFixtureQuestions();

beforeAll(async () => {
  t = await startTestApp();
  const company = await createCompany(t.db);
  const admin = await createUser(t.db, {
    memberships: [{ companyId: company.id, role: 'company_admin' }],
  });
  const agent = await createUser(t.db, {
    memberships: [{ companyId: company.id, role: 'support_agent' }],
  });
  const adminClient = await login(t, admin.email);
  const category = await createCategory(adminClient, 'Fixtures');
  for (const { title, content } of documents) {
    await ingestDocument(adminClient, { categoryId: category.id, title, content });
  }
  client = await login(t, agent.email);
});
afterAll(() => t?.close());

describe('retrieval quality on the fixture knowledge base', () => {
  it('has questions whose answer phrase occurs in exactly the expected document', () => {
    expect(questions.length).toBeGreaterThanOrEqual(30);
    for (const q of questions) {
      const holders = documents.filter((d) => d.content.includes(q.phrase)).map((d) => d.file);
      expect(holders, q.question).toEqual([q.document]);
    }
  });

  it('finds the answering passage in the top 3 for at least 90% of the questions', async () => {
    const titleOf = new Map(documents.map((d) => [d.file, d.title]));
    let top1 = 0;
    let top3 = 0;
    const misses: string[] = [];
    for (const q of questions) {
      const { results } = await search(client, { query: q.question, limit: 3 });
      const rank = results.findIndex(
        (r) => r.documentTitle === titleOf.get(q.document) && r.content.includes(q.phrase),
      );
      if (rank === 0) top1++;
      if (rank >= 0) top3++;
      else misses.push(`${q.question} → ${results.map((r) => r.heading).join(' | ') || 'nothing'}`);
    }
    const rate = (n: number) => `${((100 * n) / questions.length).toFixed(1)}%`;
    console.log(
      `retrieval quality (${t.database.kind}, ${questions.length} questions): top-1 ${rate(top1)}, top-3 ${rate(top3)}`,
    );
    if (misses.length) console.log(`missed:\n  ${misses.join('\n  ')}`);
    expect(top3 / questions.length).toBeGreaterThanOrEqual(MIN_TOP3_HIT_RATE);
  });
});
