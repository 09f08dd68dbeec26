import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hasVectorColumn } from '../../src/server/db/capabilities.js';
import { knowledgeChunks } from '../../src/server/db/schema/index.js';
import { type FakeServer, startFakeServer } from '../fakes/fake-http-server.js';
import { hashEmbedding } from '../fakes/hash-embedding.js';
import { type OpenAIEmbeddingOptions, openaiEmbeddingRoutes } from '../fakes/openai-embeddings.js';
import { expectFieldError, expectServerStillServes } from '../helpers/expect-error.js';
import { createTenants } from '../helpers/fixtures.js';
import { createCategory } from '../helpers/knowledge.js';
import { ingestDocument, insertDocument, postSearch, search } from '../helpers/retrieval.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const OPENAI_KEY = 'sk-test-retrieval-0123456789';
const HOURS = `# Opening hours
We are open Monday to Thursday from 8 am to 6 pm. The clinic closes at 2 pm on Fridays.`;
const PARKING = '# Parking\nPatients park free of charge in the underground garage for two hours.';
const REFUNDS =
  '# Refunds\nAsk within 30 days of your first payment and we return the full amount.';
const ABOUT = '# Who we are\nWho we are: a family practice run by two sisters since 1998.';

const fakeOptions: OpenAIEmbeddingOptions = { apiKey: OPENAI_KEY };
let fake: FakeServer;
let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
/** PGlite has pgvector; a PostgreSQL without it searches full text only. */
let vectorColumn: boolean;
const a = { clinic: '', software: '', hours: '', parking: '', refunds: '', about: '' };
const b = { category: '', hours: '' };

const ids = (results: Array<{ documentId: string }>) => results.map((r) => r.documentId);

async function createChatbot(categoryIds: string[]): Promise<string> {
  const res = await tenants.as.adminA.post<{ chatbot: { id: string } }>('/api/company/chatbots', {
    name: `Bot ${Math.random().toString(36).slice(2, 8)}`,
    chatbotType: 'chat',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await linkCategories(res.body.chatbot.id, categoryIds);
  return res.body.chatbot.id;
}

async function linkCategories(chatbotId: string, categoryIds: string[]) {
  const path = `/api/company/chatbots/${chatbotId}/knowledge-categories`;
  const res = await tenants.as.adminA.request('PUT', path, { categoryIds });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

beforeAll(async () => {
  fake = await startFakeServer(openaiEmbeddingRoutes(fakeOptions));
  t = await startTestApp({ OPENAI_API_KEY: OPENAI_KEY, OPENAI_BASE_URL: `${fake.url}/v1` });
  vectorColumn = await hasVectorColumn(t.db);
  tenants = await createTenants(t);
  const admin = tenants.as.adminA;
  a.clinic = (await createCategory(admin, 'Clinic')).id;
  a.software = (await createCategory(admin, 'Software')).id;
  const add = (categoryId: string, title: string, content: string) =>
    ingestDocument(admin, { categoryId, title, content });
  a.hours = await add(a.clinic, 'Hours', HOURS);
  a.parking = await add(a.clinic, 'Parking', PARKING);
  a.about = await add(a.clinic, 'About us', ABOUT);
  a.refunds = await add(a.software, 'Refunds', REFUNDS);
  b.category = (await createCategory(tenants.as.adminB, 'Clinic')).id;
  b.hours = await ingestDocument(tenants.as.adminB, {
    categoryId: b.category,
    title: 'Hours',
    content: HOURS,
  });
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});
beforeEach(() => {
  fakeOptions.fail = undefined;
});

describe('tenant isolation', () => {
  it('never returns another company’s chunks, even for identical text', async () => {
    const query = 'When does the clinic close on Fridays?';
    const forA = await search(tenants.as.agentA, { query, limit: 20 });
    const forB = await search(tenants.as.adminB, { query, limit: 20 });
    expect(ids(forA.results)[0]).toBe(a.hours);
    expect(ids(forA.results)).not.toContain(b.hours);
    expect(ids(forB.results)).toEqual([b.hours]);
  });
});

describe('scope', () => {
  it('searches only the categories a chatbot links, and everything when it links none', async () => {
    const query = 'When does the clinic close on Fridays?';
    const chatbotId = await createChatbot([a.software]);
    const scoped = await search(tenants.as.agentA, { query, chatbotId, limit: 20 });
    for (const id of ids(scoped.results)) expect(id).toBe(a.refunds);
    const refund = await search(tenants.as.agentA, { query: 'refund my payment', chatbotId });
    expect(ids(refund.results)[0]).toBe(a.refunds);

    await linkCategories(chatbotId, []);
    const unscoped = await search(tenants.as.agentA, { query, chatbotId });
    expect(ids(unscoped.results)[0]).toBe(a.hours);
  });

  it('searches only the given categories', async () => {
    const res = await search(tenants.as.agentA, {
      query: 'park on Fridays',
      categoryIds: [a.clinic],
      limit: 20,
    });
    expect(ids(res.results)).toContain(a.parking);
    expect(ids(res.results)).not.toContain(a.refunds);
  });
});

describe('document status', () => {
  it('returns only chunks of ready documents', async () => {
    const text = 'The zanzibarian tariff applies to night visits.';
    const inserted = [];
    for (const status of ['processing', 'failed', 'ready'] as const) {
      inserted.push(
        await insertDocument(t.db, {
          companyId: tenants.companyA.id,
          categoryId: a.clinic,
          title: `Tariff (${status})`,
          paragraphs: [text],
          status,
        }),
      );
    }
    if (vectorColumn) {
      // As close to the query as a vector can be, so only the status can keep them out.
      const vector = `[${hashEmbedding('zanzibarian tariff').join(',')}]`;
      await t.db.execute(sql`
        update knowledge_chunks set embedding = ${vector}::vector
        where document_id in (${sql.join(
          inserted.map((d) => sql`${d.id}::uuid`),
          sql`, `,
        )})`);
    }
    const res = await search(tenants.as.agentA, { query: 'zanzibarian tariff', limit: 20 });
    const ready = inserted.at(-1);
    expect(ids(res.results)[0]).toBe(ready?.id);
    for (const notReady of inserted.slice(0, 2))
      expect(ids(res.results)).not.toContain(notReady.id);
  });
});

describe('awkward input', () => {
  it('returns nothing for empty or wordless queries', async () => {
    for (const query of ['', '   ', '?!', '... --- !!!']) {
      const res = await search(tenants.as.agentA, { query });
      expect(res.results, JSON.stringify(query)).toEqual([]);
    }
  });

  it('refuses a query holding NUL, which PostgreSQL text cannot hold', async () => {
    expectFieldError(await postSearch(tenants.as.agentA, { query: 'park\u0000ing' }), 'query');
  });

  it('finds no text for made-up words', async () => {
    const res = await search(tenants.as.agentA, { query: 'xyzzy plugh frobozz' });
    expect(res.results.filter((r) => r.textRank > 0)).toEqual([]);
  });

  it('answers a very long query from its beginning', async () => {
    const filler = 'lorem ipsum dolor sit amet consectetur '.repeat(240);
    const query = `Where can patients park? ${filler}`;
    expect(query.length).toBeGreaterThan(9_000);
    const res = await search(tenants.as.agentA, { query });
    expect(ids(res.results)).toContain(a.parking);
  });

  it('treats quotes, operators and backslashes as text and never errors', async () => {
    const chunksBefore = await t.db
      .select({ id: knowledgeChunks.id })
      .from(knowledgeChunks)
      .where(eq(knowledgeChunks.companyId, tenants.companyA.id));
    const nasty = [
      "park'; drop table knowledge_chunks; --",
      'park:* & !garage | (hours',
      "O'Brien's \\ garage \\\\ park",
      'a:b c:A d:*B <-> e <2> f',
      "\"park\" 'park' `park` $$park$$ E'\\x00'",
      '%_park_% \\N \\. parking',
      '))) ((( ||| &&& !!! park',
      '🚗 park 駐車場 парковка',
      // URLs and paths become lexemes holding tsquery operators: ' & ! | (
      "park at https://example.com/p?q='x'&y=!z|(w) or /a'b/c.txt",
    ];
    for (const query of nasty) {
      const res = await postSearch(tenants.as.agentA, { query });
      expect(res.status, `${query} → ${JSON.stringify(res.body)}`).toBe(200);
      expect(Array.isArray(res.body.results)).toBe(true);
    }
    const parking = await search(tenants.as.agentA, { query: nasty[0] ?? '' });
    expect(ids(parking.results)[0]).toBe(a.parking);
    const chunksAfter = await t.db
      .select({ id: knowledgeChunks.id })
      .from(knowledgeChunks)
      .where(
        inArray(
          knowledgeChunks.id,
          chunksBefore.map((c) => c.id),
        ),
      );
    expect(chunksAfter).toHaveLength(chunksBefore.length);
    await expectServerStillServes(tenants.as.agentA);
  });
});

// The fake embedding is a bag-of-words hash (test/fakes/hash-embedding.ts): near vectors share
// words, not meaning. These tests prove the vector wiring, not that paraphrases are found.
describe('vector search wiring, with a bag-of-words hash standing in for embeddings', () => {
  it('reports hybrid search when the database has pgvector, full text otherwise', async () => {
    const res = await search(tenants.as.agentA, { query: 'park' });
    expect(res.mode).toBe(vectorColumn ? 'hybrid' : 'fulltext');
  });

  it('reaches by vector a passage full text cannot see: a question made only of stop words it shares', async () => {
    const res = await search(tenants.as.agentA, { query: 'Who are we?' });
    if (vectorColumn) {
      expect(res.results[0]).toMatchObject({ documentId: a.about, textRank: 0 });
    } else {
      expect(res.results).toEqual([]);
    }
  });

  it('finds a company’s passages by vector even when another company’s are all nearer', async () => {
    const query = 'Who are we?';
    // A hundred chunks of company B nearer to the query than anything of company A's:
    // a filtered HNSW scan that stops after its 40 nearest finds none of A's.
    // (Distinct texts: HNSW keeps identical vectors as one graph node.)
    const crowd = await insertDocument(t.db, {
      companyId: tenants.companyB.id,
      categoryId: b.category,
      title: 'Crowd',
      paragraphs: Array.from({ length: 100 }, (_, i) => `${query} ${i}`),
      status: 'ready',
    });
    if (vectorColumn) {
      const chunks = await t.db
        .select({ id: knowledgeChunks.id, content: knowledgeChunks.content })
        .from(knowledgeChunks)
        .where(eq(knowledgeChunks.documentId, crowd.id));
      for (const chunk of chunks) {
        const vector = `[${hashEmbedding(chunk.content).join(',')}]`;
        await t.db.execute(sql`
          update knowledge_chunks set embedding = ${vector}::vector where id = ${chunk.id}`);
      }
      // The planner sorts small tables itself; this makes it walk the HNSW index as at scale.
      await t.db.execute(sql`set enable_sort = off`);
    }
    try {
      if (vectorColumn) {
        const plan = await t.db.execute(sql`
          explain select id from knowledge_chunks where company_id = ${tenants.companyA.id}
          order by embedding <=> ${`[${hashEmbedding(query).join(',')}]`}::vector limit 20`);
        expect(JSON.stringify(plan)).toContain('knowledge_chunks_embedding_idx');
      }
      const res = await search(tenants.as.agentA, { query });
      if (vectorColumn) expect(ids(res.results)[0]).toBe(a.about);
      else expect(res.results).toEqual([]);
      expect(ids(res.results)).not.toContain(crowd.id);
    } finally {
      if (vectorColumn) await t.db.execute(sql`reset enable_sort`);
    }
  });

  it('still answers from full text while the embedding API fails', async () => {
    fakeOptions.fail = { status: 429 };
    const before = fake.requests.length;
    const res = await search(tenants.as.agentA, { query: 'Where can patients park?' });
    expect(ids(res.results)[0]).toBe(a.parking);
    expect(res.results[0]?.textRank).toBeGreaterThan(0);
    expect(fake.requests.length > before).toBe(vectorColumn);
  });
});
