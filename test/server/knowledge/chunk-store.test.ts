import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../src/server/db/client.js';
import {
  knowledgeCategories,
  knowledgeChunks,
  knowledgeDocuments,
} from '../../../src/server/db/schema/index.js';
import {
  discardDrafts,
  discardStaleDrafts,
  failRun,
  insertDrafts,
  publishRun,
  type Run,
  reportProgress,
} from '../../../src/server/knowledge/chunk-store.js';
import { KnowledgeRetriever } from '../../../src/server/knowledge/retrieval.js';
import { createCompany } from '../../helpers/fixtures.js';
import { createTestDatabase } from '../../helpers/test-database.js';

let database: DatabaseHandle;
let companyId: string;
let categoryId: string;
let retriever: KnowledgeRetriever;

beforeAll(async () => {
  database = await createTestDatabase();
  companyId = (await createCompany(database.db)).id;
  const [category] = await database.db
    .insert(knowledgeCategories)
    .values({ companyId, name: 'Store' })
    .returning();
  categoryId = category?.id ?? '';
  retriever = new KnowledgeRetriever({ db: database.db, vectorColumn: false });
});
afterAll(() => database?.close());

async function newDocument(content: string): Promise<string> {
  const [row] = await database.db
    .insert(knowledgeDocuments)
    .values({ companyId, categoryId, title: 'Doc', sourceType: 'text', content })
    .returning({ id: knowledgeDocuments.id });
  return row?.id ?? '';
}

const runOf = (documentId: string, version: number): Run => ({
  companyId,
  documentId,
  version,
  runId: randomUUID(),
});

const found = async (query: string) =>
  (await retriever.search({ companyId, query, all: true })).map((r) => r.content);

/** Every stored chunk of the document, published or not. */
const storedChunks = async (documentId: string) =>
  (
    await database.db
      .select({ content: knowledgeChunks.content })
      .from(knowledgeChunks)
      .where(eq(knowledgeChunks.documentId, documentId))
  )
    .map((row) => row.content)
    .sort();

async function documentRow(id: string) {
  const [row] = await database.db
    .select()
    .from(knowledgeDocuments)
    .where(eq(knowledgeDocuments.id, id));
  return row;
}

describe('chunk store', () => {
  it('keeps drafts invisible until the run is published, then swaps them in at once', async () => {
    const id = await newDocument('unused');
    const first = runOf(id, 1);
    await insertDrafts(
      database.db,
      first,
      0,
      [{ heading: 'A', content: 'Walrus tusks.' }],
      undefined,
    );
    expect(await found('walrus')).toEqual([]);
    expect(await publishRun(database.db, first)).toBe(true);
    expect(await found('walrus')).toEqual(['Walrus tusks.']);

    // Version 2 is being written: retrieval still sees version 1 only.
    await database.db
      .update(knowledgeDocuments)
      .set({ version: 2 })
      .where(eq(knowledgeDocuments.id, id));
    const second = runOf(id, 2);
    await insertDrafts(
      database.db,
      second,
      0,
      [
        { heading: 'B', content: 'Narwhal horns.' },
        { heading: 'C', content: 'Narwhal pods.' },
      ],
      undefined,
    );
    expect(await reportProgress(database.db, second, 50)).toBe(true);
    expect(await found('walrus')).toEqual(['Walrus tusks.']);
    expect(await found('narwhal')).toEqual([]);
    expect(await publishRun(database.db, second)).toBe(true);
    expect(await found('walrus')).toEqual([]);
    expect((await found('narwhal')).sort()).toEqual(['Narwhal horns.', 'Narwhal pods.']);
    expect(await documentRow(id)).toMatchObject({
      status: 'ready',
      chunkCount: 2,
      progress: 100,
      processedVersion: 2,
    });
    // Version 1's chunks are gone from the table, not only hidden.
    expect(await storedChunks(id)).toEqual(['Narwhal horns.', 'Narwhal pods.']);
  });

  it('reads chunks stored before runs were tracked until a run replaces them', async () => {
    const id = await newDocument('unused');
    await database.db
      .update(knowledgeDocuments)
      .set({ status: 'ready', processedVersion: 1 })
      .where(eq(knowledgeDocuments.id, id));
    await database.db
      .insert(knowledgeChunks)
      .values({ companyId, documentId: id, position: 0, content: 'Legacy lemming.' });
    expect(await found('lemming')).toEqual(['Legacy lemming.']);

    await database.db
      .update(knowledgeDocuments)
      .set({ version: 2 })
      .where(eq(knowledgeDocuments.id, id));
    const run = runOf(id, 2);
    await insertDrafts(database.db, run, 0, [{ heading: '', content: 'New lemming.' }], undefined);
    expect(await found('lemming')).toEqual(['Legacy lemming.']);
    expect(await publishRun(database.db, run)).toBe(true);
    expect(await found('lemming')).toEqual(['New lemming.']);
    expect(await storedChunks(id)).toEqual(['New lemming.']);
  });

  it('discards what a run wrote when it ends unpublished, and stale runs of dead processes', async () => {
    const id = await newDocument('unused');
    const stopped = runOf(id, 1);
    await insertDrafts(
      database.db,
      stopped,
      0,
      [{ heading: '', content: 'Lost puffin.' }],
      undefined,
    );
    await discardDrafts(database.db, stopped);
    expect(await storedChunks(id)).toEqual([]);

    const dead = runOf(id, 1);
    await insertDrafts(database.db, dead, 0, [{ heading: '', content: 'Dead puffin.' }], undefined);
    await discardStaleDrafts(database.db, 60_000);
    expect(await storedChunks(id)).toEqual(['Dead puffin.']);
    await discardStaleDrafts(database.db, -1);
    expect(await storedChunks(id)).toEqual([]);

    const published = runOf(id, 1);
    await insertDrafts(
      database.db,
      published,
      0,
      [{ heading: '', content: 'Kept puffin.' }],
      undefined,
    );
    expect(await publishRun(database.db, published)).toBe(true);
    await discardDrafts(database.db, published);
    await discardStaleDrafts(database.db, -1);
    expect(await found('puffin')).toEqual(['Kept puffin.']);
  });

  it('refuses to publish or fail a run that a newer version or another run overtook', async () => {
    const id = await newDocument('unused');
    const stale = runOf(id, 1);
    await insertDrafts(
      database.db,
      stale,
      0,
      [{ heading: '', content: 'Stale otter.' }],
      undefined,
    );
    await database.db
      .update(knowledgeDocuments)
      .set({ version: 2 })
      .where(eq(knowledgeDocuments.id, id));
    expect(await reportProgress(database.db, stale, 10)).toBe(false);
    expect(await publishRun(database.db, stale)).toBe(false);
    expect(await failRun(database.db, stale, 'late failure')).toBe(false);
    expect(await found('otter')).toEqual([]);

    const current = runOf(id, 2);
    const twin = runOf(id, 2);
    await insertDrafts(
      database.db,
      current,
      0,
      [{ heading: '', content: 'Fresh otter.' }],
      undefined,
    );
    await insertDrafts(database.db, twin, 0, [{ heading: '', content: 'Twin otter.' }], undefined);
    expect(await publishRun(database.db, current)).toBe(true);
    // A second node processing the same version lands nothing twice.
    expect(await publishRun(database.db, twin)).toBe(false);
    expect(await failRun(database.db, twin, 'too late')).toBe(false);
    expect(await found('otter')).toEqual(['Fresh otter.']);
    expect(await storedChunks(id)).toEqual(['Fresh otter.']);
    expect(await documentRow(id)).toMatchObject({ status: 'ready', error: null, chunkCount: 1 });
  });

  it('failing a run marks the document failed and leaves no chunks', async () => {
    const id = await newDocument('unused');
    const ok = runOf(id, 1);
    await insertDrafts(database.db, ok, 0, [{ heading: '', content: 'Beaver dams.' }], undefined);
    await publishRun(database.db, ok);
    await database.db
      .update(knowledgeDocuments)
      .set({ version: 2 })
      .where(eq(knowledgeDocuments.id, id));
    const failing = runOf(id, 2);
    expect(await failRun(database.db, failing, 'Could not create embeddings: boom')).toBe(true);
    expect(await found('beaver')).toEqual([]);
    expect(await documentRow(id)).toMatchObject({
      status: 'failed',
      error: 'Could not create embeddings: boom',
      chunkCount: 0,
      processedVersion: 2,
    });
    expect(await storedChunks(id)).toEqual([]);
  });
});
