import { and, asc, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knowledgeChunks, knowledgeDocuments } from '../../src/server/db/schema/index.js';
import { KnowledgeProcessor } from '../../src/server/knowledge/document-processor.js';
import { KnowledgeRetriever } from '../../src/server/knowledge/retrieval.js';
import { DocumentWorkers } from '../../src/server/knowledge/worker/document-workers.js';
import { expectError, expectFieldError, expectServerStillServes } from '../helpers/expect-error.js';
import { createTenants } from '../helpers/fixtures.js';
import {
  addTextDocument,
  type Category,
  createCategory,
  DOCUMENTS,
  type DocumentBody,
  type DocumentWithText,
  type KnowledgeDocument,
  waitForDocument,
} from '../helpers/knowledge.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

type ListBody = { documents: KnowledgeDocument[] };

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

const PRACTICE_TEXT = `# Opening hours
We are open Monday to Friday from 8:00 to 18:00. On Saturday we open from 9:00 to 13:00.

# Parking
Free parking is available behind the building. Enter from Mill Lane.`;

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let category: Category;
let retriever: KnowledgeRetriever;

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t);
  category = await createCategory(tenants.as.adminA, 'Practice');
  retriever = new KnowledgeRetriever({ db: t.db, vectorColumn: false });
});
afterAll(() => t?.close());

function chunksOf(documentId: string) {
  return t.db
    .select({
      heading: knowledgeChunks.heading,
      content: knowledgeChunks.content,
      companyId: knowledgeChunks.companyId,
    })
    .from(knowledgeChunks)
    .where(eq(knowledgeChunks.documentId, documentId))
    .orderBy(asc(knowledgeChunks.position));
}

async function storedDocument(id: string) {
  const [row] = await t.db.select().from(knowledgeDocuments).where(eq(knowledgeDocuments.id, id));
  return row;
}

describe('pasted text documents', () => {
  it('stores the text, processes it into chunks and reports it ready', async () => {
    const created = await tenants.as.adminA.post<DocumentBody>(DOCUMENTS, {
      categoryId: category.id,
      title: ' Practice info ',
      content: PRACTICE_TEXT.replaceAll('\n', '\r\n'),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.document).toEqual({
      id: expect.any(String),
      categoryId: category.id,
      title: 'Practice info',
      sourceType: 'text',
      fileName: null,
      mimeType: null,
      sizeBytes: Buffer.byteLength(PRACTICE_TEXT.replaceAll('\n', '\r\n')),
      status: 'processing',
      progress: 0,
      error: null,
      chunkCount: 0,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    const { document, text, progressSeen } = await waitForDocument(
      tenants.as.agentA,
      created.body.document.id,
    );
    expect(document).toMatchObject({ status: 'ready', progress: 100, error: null, chunkCount: 2 });
    expect(progressSeen.at(-1)).toBe(100);
    expect(text).toBe(PRACTICE_TEXT);
    expect(await chunksOf(document.id)).toEqual([
      {
        heading: 'Opening hours',
        content:
          'We are open Monday to Friday from 8:00 to 18:00. On Saturday we open from 9:00 to 13:00.',
        companyId: tenants.companyA.id,
      },
      {
        heading: 'Parking',
        content: 'Free parking is available behind the building. Enter from Mill Lane.',
        companyId: tenants.companyA.id,
      },
    ]);
    const [best] = await retriever.search({
      companyId: tenants.companyA.id,
      query: 'When are you open on Saturday?',
      all: true,
    });
    expect(best).toMatchObject({ documentId: document.id, heading: 'Opening hours' });
  });

  it('lists documents, filtered by category', async () => {
    const { adminA } = tenants.as;
    const other = await createCategory(adminA, 'Other');
    const inOther = await addTextDocument(adminA, {
      categoryId: other.id,
      title: 'Other doc',
      content: 'Something else entirely.',
    });
    const all = await tenants.as.agentA.get<ListBody>(DOCUMENTS);
    expect(all.status).toBe(200);
    expect(all.body.documents.map((d) => d.id)).toContain(inOther.id);
    expect(all.body.documents.length).toBeGreaterThan(1);
    const filtered = await adminA.get<ListBody>(`${DOCUMENTS}?categoryId=${other.id}`);
    expect(filtered.body.documents.map((d) => d.id)).toEqual([inOther.id]);
    expect(filtered.body.documents[0]).not.toHaveProperty('content');
    expectFieldError(await adminA.get(`${DOCUMENTS}?categoryId=nope`), 'categoryId');
    expectError(await adminA.get(`${DOCUMENTS}?categoryId=${MISSING_ID}`), 404, 'not_found');
  });

  it('replaces the text: new chunks swap in for the old ones', async () => {
    const { adminA } = tenants.as;
    const original = await addTextDocument(adminA, {
      categoryId: category.id,
      title: 'Prices',
      content: 'A cleaning costs seventy euros.',
    });
    await waitForDocument(adminA, original.id);

    const replaced = await adminA.request<DocumentBody>('PUT', `${DOCUMENTS}/${original.id}`, {
      title: 'Prices 2025',
      content: '# Whitening\nWhitening costs two hundred ninety euros.',
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body.document).toMatchObject({
      id: original.id,
      title: 'Prices 2025',
      status: 'processing',
      progress: 0,
    });
    const { document, text } = await waitForDocument(adminA, original.id);
    expect(document).toMatchObject({ status: 'ready', chunkCount: 1, title: 'Prices 2025' });
    expect(text).toBe('# Whitening\nWhitening costs two hundred ninety euros.');
    // The replaced version's chunks are deleted right after the new ones are published.
    await expect
      .poll(() => chunksOf(original.id))
      .toEqual([
        {
          heading: 'Whitening',
          content: 'Whitening costs two hundred ninety euros.',
          companyId: tenants.companyA.id,
        },
      ]);

    // Without a title the title stays; two replacements in a row end on the last text.
    await adminA.request('PUT', `${DOCUMENTS}/${original.id}`, { content: 'First rewrite.' });
    await adminA.request('PUT', `${DOCUMENTS}/${original.id}`, { content: 'Final rewrite.' });
    const final = await waitForDocument(adminA, original.id);
    expect(final.document.title).toBe('Prices 2025');
    expect(final.text).toBe('Final rewrite.');
    await expect
      .poll(async () => (await chunksOf(original.id)).map((c) => c.content))
      .toEqual(['Final rewrite.']);
  });

  it('deletes a document with its chunks', async () => {
    const { adminA } = tenants.as;
    const document = await addTextDocument(adminA, {
      categoryId: category.id,
      content: 'Temporary notice about the lift.',
    });
    await waitForDocument(adminA, document.id);
    expect(await chunksOf(document.id)).toHaveLength(1);
    expect((await adminA.delete(`${DOCUMENTS}/${document.id}`)).status).toBe(204);
    expectError(await adminA.get(`${DOCUMENTS}/${document.id}`), 404, 'not_found');
    expect(await chunksOf(document.id)).toEqual([]);
    expectError(await adminA.delete(`${DOCUMENTS}/${document.id}`), 404, 'not_found');
  });

  it('validates the fields', async () => {
    const { adminA } = tenants.as;
    const valid = { categoryId: category.id, title: 'T', content: 'Some text.' };
    expectFieldError(await adminA.post(DOCUMENTS, { ...valid, title: '' }), 'title');
    expectFieldError(await adminA.post(DOCUMENTS, { ...valid, title: 'x'.repeat(201) }), 'title');
    expectFieldError(await adminA.post(DOCUMENTS, { ...valid, content: '' }), 'content');
    expectFieldError(await adminA.post(DOCUMENTS, { ...valid, content: ' \n\u0007 ' }), 'content');
    expectFieldError(await adminA.post(DOCUMENTS, { ...valid, categoryId: 'x' }), 'categoryId');
    expectFieldError(
      await adminA.post(DOCUMENTS, { ...valid, categoryId: MISSING_ID }),
      'categoryId',
    );
    expectFieldError(await adminA.post(DOCUMENTS, { title: 'T', content: 'x' }), 'categoryId');
    expectError(await adminA.post(DOCUMENTS, { ...valid, extra: 1 }), 400, 'validation_error');
    const tooBig = 'a'.repeat(2 * 1024 * 1024 + 1);
    const body = expectFieldError(
      await adminA.post(DOCUMENTS, { ...valid, content: tooBig }),
      'content',
    );
    expect(body.message).toContain('2 MB');
    expectFieldError(await adminA.request('PUT', `${DOCUMENTS}/${MISSING_ID}`, {}), 'content');
    expectFieldError(await adminA.get(`${DOCUMENTS}/not-a-uuid`), 'id');
    expectError(await adminA.post(DOCUMENTS, '{"title": '), 400, 'bad_request');
    await expectServerStillServes(adminA);
    const count = await t.db
      .select({ count: sql<number>`count(*)::int` })
      .from(knowledgeDocuments)
      .where(eq(knowledgeDocuments.title, 'T'));
    expect(count[0]?.count).toBe(0);
  });
});

describe('document security', () => {
  it('requires a session for everything and the admin role to write', async () => {
    const { adminA, agentA, anonymous } = tenants.as;
    const document = await addTextDocument(adminA, {
      categoryId: category.id,
      title: 'Guarded',
      content: 'Guarded text.',
    });
    expectError(await anonymous.get(DOCUMENTS), 401, 'unauthorized');
    expectError(await anonymous.get(`${DOCUMENTS}/${document.id}`), 401, 'unauthorized');
    expectError(
      await anonymous.post(DOCUMENTS, { categoryId: category.id, title: 'x', content: 'y' }),
      401,
      'unauthorized',
    );
    expectError(await anonymous.delete(`${DOCUMENTS}/${document.id}`), 401, 'unauthorized');
    expectError(
      await agentA.post(DOCUMENTS, { categoryId: category.id, title: 'x', content: 'y' }),
      403,
      'forbidden',
    );
    expectError(
      await agentA.request('PUT', `${DOCUMENTS}/${document.id}`, { content: 'Agent edit' }),
      403,
      'forbidden',
    );
    expectError(await agentA.delete(`${DOCUMENTS}/${document.id}`), 403, 'forbidden');
    const read = await agentA.get<DocumentWithText>(`${DOCUMENTS}/${document.id}`);
    expect(read.status).toBe(200);
    expect(read.body.text).toBe('Guarded text.');
  });

  it("never lists, shows, changes or deletes another company's document, nor finds its chunks", async () => {
    const { adminA, adminB } = tenants.as;
    const secret = await addTextDocument(adminA, {
      categoryId: category.id,
      title: 'Alpha secret',
      content: 'The alpha staff door code is kept in the zebra cabinet.',
    });
    await waitForDocument(adminA, secret.id);

    const listB = await adminB.get<ListBody>(DOCUMENTS);
    expect(listB.body.documents.map((d) => d.id)).not.toContain(secret.id);
    expectError(await adminB.get(`${DOCUMENTS}?categoryId=${category.id}`), 404, 'not_found');
    expectError(await adminB.get(`${DOCUMENTS}/${secret.id}`), 404, 'not_found');
    expectError(
      await adminB.request('PUT', `${DOCUMENTS}/${secret.id}`, { title: 'Mine', content: 'Taken' }),
      404,
      'not_found',
    );
    expectError(await adminB.delete(`${DOCUMENTS}/${secret.id}`), 404, 'not_found');
    const categoryB = await createCategory(adminB, 'Beta');
    expectFieldError(
      await adminB.post(DOCUMENTS, { categoryId: category.id, title: 'x', content: 'y' }),
      'categoryId',
    );

    const stored = await storedDocument(secret.id);
    expect(stored).toMatchObject({
      title: 'Alpha secret',
      content: 'The alpha staff door code is kept in the zebra cabinet.',
      companyId: tenants.companyA.id,
      status: 'ready',
    });
    const query = 'zebra cabinet door code';
    expect(await retriever.search({ companyId: tenants.companyB.id, query, all: true })).toEqual(
      [],
    );
    expect(
      await retriever.search({ companyId: tenants.companyB.id, query, categoryIds: [category.id] }),
    ).toEqual([]);
    expect(
      await retriever.search({
        companyId: tenants.companyB.id,
        query,
        categoryIds: [categoryB.id],
      }),
    ).toEqual([]);
    const [found] = await retriever.search({ companyId: tenants.companyA.id, query, all: true });
    expect(found?.documentId).toBe(secret.id);
  });
});

describe('processing after a restart', () => {
  it('picks up documents a stopped process left processing', async () => {
    const [row] = await t.db
      .insert(knowledgeDocuments)
      .values({
        companyId: tenants.companyA.id,
        categoryId: category.id,
        title: 'Left behind',
        sourceType: 'text',
        content: '# Holidays\nThe practice closes for two weeks in August.',
        status: 'processing',
        progress: 40,
      })
      .returning({ id: knowledgeDocuments.id });
    const id = row?.id ?? '';
    const logger = pino({ level: 'silent' });
    const workers = new DocumentWorkers({ memoryMb: 512, timeoutMs: 30_000, logger });
    const processor = new KnowledgeProcessor({
      db: t.db,
      logger,
      workers,
      embeddings: undefined,
    });
    expect(await processor.resumeUnfinished()).toBeGreaterThanOrEqual(1);
    await processor.idle();
    await processor.close();
    await workers.close();
    expect(await storedDocument(id)).toMatchObject({
      status: 'ready',
      progress: 100,
      chunkCount: 1,
      processedVersion: 1,
    });
    expect(await chunksOf(id)).toEqual([
      {
        heading: 'Holidays',
        content: 'The practice closes for two weeks in August.',
        companyId: tenants.companyA.id,
      },
    ]);
    const stillProcessing = await t.db
      .select({ id: knowledgeDocuments.id })
      .from(knowledgeDocuments)
      .where(
        and(
          eq(knowledgeDocuments.companyId, tenants.companyA.id),
          sql`processed_version < version`,
        ),
      );
    expect(stillProcessing).toEqual([]);
  });
});
