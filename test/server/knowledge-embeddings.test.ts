import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmbeddings } from '../../src/server/ai/create-embeddings.js';
import { hasVectorColumn } from '../../src/server/db/capabilities.js';
import { knowledgeChunks } from '../../src/server/db/schema/index.js';
import { KnowledgeRetriever } from '../../src/server/knowledge/retrieval.js';
import { type FakeServer, startFakeServer } from '../fakes/fake-http-server.js';
import { type OpenAIEmbeddingOptions, openaiEmbeddingRoutes } from '../fakes/openai-embeddings.js';
import type { ApiClient } from '../helpers/api-client.js';
import { createCompany, createUser, login } from '../helpers/fixtures.js';
import {
  addTextDocument,
  type Category,
  createCategory,
  DOCUMENTS,
  type DocumentBody,
  type DocumentWithText,
  upload,
  waitForDocument,
} from '../helpers/knowledge.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const OPENAI_KEY = 'sk-test-knowledge-0123456789';

const fakeOptions: OpenAIEmbeddingOptions = { apiKey: OPENAI_KEY };
let fake: FakeServer;
let t: TestApp;
let admin: ApiClient;
let companyId: string;
let category: Category;
/** PGlite has pgvector; a PostgreSQL without it runs on full text and never calls the API. */
let vectorColumn: boolean;

beforeAll(async () => {
  fake = await startFakeServer(openaiEmbeddingRoutes(fakeOptions));
  t = await startTestApp({ OPENAI_API_KEY: OPENAI_KEY, OPENAI_BASE_URL: `${fake.url}/v1` });
  vectorColumn = await hasVectorColumn(t.db);
  const company = await createCompany(t.db);
  companyId = company.id;
  const user = await createUser(t.db, { memberships: [{ companyId, role: 'company_admin' }] });
  admin = await login(t, user.email);
  category = await createCategory(admin, 'Embedded');
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fakeOptions.fail = undefined;
  fakeOptions.hold = undefined;
});

const embeddingCalls = () => fake.requests.filter((r) => r.path === '/v1/embeddings');
const inputsOf = (index: number) =>
  (embeddingCalls()[index]?.body as { input?: string[] } | undefined)?.input ?? [];

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function embeddedChunkCount(documentId: string): Promise<number> {
  if (!vectorColumn) return 0;
  const result = await t.db.execute(sql`
    select count(*)::int as count from knowledge_chunks
    where document_id = ${documentId} and embedding is not null`);
  return (result as unknown as { rows: Array<{ count: number }> }).rows[0]?.count ?? -1;
}

/** One heading per section, so the number of chunks is known: `count` chunks. */
function sections(count: number, topic = 'service'): string {
  return Array.from(
    { length: count },
    (_, i) => `# Section ${i}\nThe ${topic} number ${i} is described here.`,
  ).join('\n\n');
}

describe('document embeddings', () => {
  it('embeds chunks in batches of 100, reporting progress per batch', async () => {
    const first = deferred();
    const second = deferred();
    fakeOptions.hold = first.promise;
    const document = await addTextDocument(admin, {
      categoryId: category.id,
      title: 'Services',
      content: sections(230),
    });
    if (vectorColumn) {
      await until(() => embeddingCalls().length === 1, 'the first batch');
      const held = await admin.get<DocumentWithText>(`${DOCUMENTS}/${document.id}`);
      expect(held.body.document).toMatchObject({ status: 'processing', progress: 0 });
      fakeOptions.hold = second.promise;
      first.resolve();
      await until(() => embeddingCalls().length === 2, 'the second batch');
      const midway = await admin.get<DocumentWithText>(`${DOCUMENTS}/${document.id}`);
      expect(midway.body.document).toMatchObject({ status: 'processing', progress: 43 });
      fakeOptions.hold = undefined;
      second.resolve();
    }
    const { document: ready } = await waitForDocument(admin, document.id);
    expect(ready).toMatchObject({ status: 'ready', progress: 100, chunkCount: 230 });
    if (vectorColumn) {
      expect(embeddingCalls().map((_, i) => inputsOf(i).length)).toEqual([100, 100, 30]);
      expect(embeddingCalls()[0]?.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
      expect(inputsOf(0)[0]).toBe(
        'Services › Section 0\n\nThe service number 0 is described here.',
      );
      expect(await embeddedChunkCount(document.id)).toBe(230);
    } else {
      expect(embeddingCalls()).toEqual([]);
    }
  });

  it('finds chunks by vector similarity together with full text', async () => {
    const document = await addTextDocument(admin, {
      categoryId: category.id,
      title: 'Hours',
      content: '# Weekend\nOn saturdays the reception is staffed until lunch.',
    });
    await waitForDocument(admin, document.id);
    const retriever = new KnowledgeRetriever({
      db: t.db,
      embeddings: createEmbeddings(t.config.providers),
      vectorColumn,
    });
    expect(retriever.usesVectors).toBe(vectorColumn);
    const results = await retriever.search({
      companyId,
      query: 'is the reception staffed on saturdays',
      all: true,
    });
    expect(results[0]).toMatchObject({ documentId: document.id, heading: 'Weekend' });
  });

  it('keeps the old chunks searchable until the replacement is stored', async () => {
    const document = await addTextDocument(admin, {
      categoryId: category.id,
      title: 'Insurance',
      content: 'We accept the Lighthouse dental insurance.',
    });
    await waitForDocument(admin, document.id);
    const retriever = new KnowledgeRetriever({ db: t.db, vectorColumn: false });
    const find = async (query: string) =>
      (await retriever.search({ companyId, query, all: true })).map((r) => r.content);

    const held = deferred();
    fakeOptions.hold = held.promise;
    const replaced = await admin.request<DocumentBody>('PUT', `${DOCUMENTS}/${document.id}`, {
      content: 'We accept the Harbour dental insurance.',
    });
    expect(replaced.body.document.status).toBe('processing');
    try {
      if (vectorColumn) {
        await until(() => embeddingCalls().length === 1, 'the replacement batch');
        expect(await find('Lighthouse')).toEqual(['We accept the Lighthouse dental insurance.']);
        expect(await find('Harbour')).toEqual([]);
      }
    } finally {
      fakeOptions.hold = undefined;
      held.resolve();
    }
    const { document: ready, text } = await waitForDocument(admin, document.id);
    expect(ready.status).toBe('ready');
    expect(text).toBe('We accept the Harbour dental insurance.');
    expect(await find('Lighthouse')).toEqual([]);
    expect(await find('Harbour')).toEqual(['We accept the Harbour dental insurance.']);
  });

  it('marks the document failed with a readable error when embedding fails', async () => {
    fakeOptions.fail = { status: 500 };
    const res = await upload(admin, `${DOCUMENTS}/upload`, {
      fileName: 'faq.md',
      bytes: Buffer.from('# FAQ\nDo you treat children? Yes, from age three.'),
      fields: { categoryId: category.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { document } = await waitForDocument(admin, res.body.document.id);
    if (!vectorColumn) {
      expect(document.status).toBe('ready');
      expect(embeddingCalls()).toEqual([]);
      return;
    }
    expect(document).toMatchObject({
      status: 'failed',
      chunkCount: 0,
      error:
        'Could not create embeddings: OpenAI answered HTTP 500: The server had an error while processing your request. Sorry about that!',
    });
    // The SDK retried twice before giving up.
    expect(embeddingCalls()).toHaveLength(3);
    // Nothing of the failed run is left, published or not.
    await expect
      .poll(() =>
        t.db.select().from(knowledgeChunks).where(eq(knowledgeChunks.documentId, document.id)),
      )
      .toEqual([]);

    // Uploading it again once the provider recovers makes it ready.
    fakeOptions.fail = undefined;
    await admin.request('PUT', `${DOCUMENTS}/${document.id}`, {
      content: '# FAQ\nDo you treat children? Yes, from age three.',
    });
    const retried = await waitForDocument(admin, document.id);
    expect(retried.document).toMatchObject({ status: 'ready', error: null, chunkCount: 1 });
    expect(await embeddedChunkCount(document.id)).toBe(1);
  });
});
