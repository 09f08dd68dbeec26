import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knowledgeChunks, knowledgeDocuments } from '../../../src/server/db/schema/index.js';
import { KnowledgeProcessor } from '../../../src/server/knowledge/document-processor.js';
import { DocumentWorkers } from '../../../src/server/knowledge/worker/document-workers.js';
import { createTenants } from '../../helpers/fixtures.js';
import { type Category, createCategory } from '../../helpers/knowledge.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let category: Category;

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t);
  category = await createCategory(tenants.as.adminA, 'Processing');
});
afterAll(() => t?.close());

async function storeDocument(content: string): Promise<string> {
  const [row] = await t.db
    .insert(knowledgeDocuments)
    .values({
      companyId: tenants.companyA.id,
      categoryId: category.id,
      title: 'Stored',
      sourceType: 'text',
      content,
      status: 'processing',
    })
    .returning({ id: knowledgeDocuments.id });
  return row?.id ?? '';
}

describe('knowledge processor', () => {
  it('marks a document failed with the reason when chunking it outruns the worker’s time limit', async () => {
    const logger = pino({ level: 'silent' });
    const workers = new DocumentWorkers({ memoryMb: 512, timeoutMs: 200, logger });
    const processor = new KnowledgeProcessor({ db: t.db, logger, workers, embeddings: undefined });
    // Millions of characters take the chunker far longer than 0.2 s.
    const sentence = 'The practice is open on weekdays from eight to six. ';
    const id = await storeDocument(sentence.repeat(100_000));
    const small = await storeDocument('# Parking\nBehind the building.');
    try {
      processor.enqueue(id);
      processor.enqueue(small);
      await processor.idle();
    } finally {
      await processor.close();
      await workers.close();
    }
    const [failed] = await t.db
      .select({ status: knowledgeDocuments.status, error: knowledgeDocuments.error })
      .from(knowledgeDocuments)
      .where(eq(knowledgeDocuments.id, id));
    expect(failed).toEqual({
      status: 'failed',
      error: 'Splitting the text into chunks took longer than 0.2 s',
    });
    const chunks = await t.db
      .select({ content: knowledgeChunks.content })
      .from(knowledgeChunks)
      .where(eq(knowledgeChunks.documentId, small));
    expect(chunks).toEqual([{ content: 'Behind the building.' }]);
  });
});
