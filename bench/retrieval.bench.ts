import { sql } from 'drizzle-orm';
import pino from 'pino';
import type { DatabaseHandle } from '../src/server/db/client.js';
import { KnowledgeProcessor } from '../src/server/knowledge/document-processor.js';
import { createDocument, textSource } from '../src/server/knowledge/documents-service.js';
import { KnowledgeRetriever } from '../src/server/knowledge/retrieval.js';
import { DocumentWorkers } from '../src/server/knowledge/worker/document-workers.js';
import { withPglite, withThrowawayPostgres } from './databases.js';
import { summarize, time } from './stats.js';
import {
  createSyntheticTenants,
  insertSyntheticChunks,
  random,
  type SyntheticTenant,
  syntheticMarkdown,
  ZipfVocabulary,
} from './synthetic-knowledge.js';

const TENANTS = 20;
const VOCABULARY_SIZE = 4000;
const SIZES = [10_000, 100_000];
const TYPICAL_QUERIES = 200;
const BROAD_QUERIES = 100;
const INGESTED_DOCUMENTS = 100;
const SECTIONS_PER_DOCUMENT = 30;

const progress = (line: string) => process.stderr.write(`retrieval bench: ${line}\n`);

/**
 * Full-text retrieval latency at 10k and 100k chunks over 20 tenants, on
 * PGlite and on PostgreSQL, plus ingestion throughput through the real
 * chunker and chunk store. No embedding provider: vector search is not timed.
 */
export async function retrievalBench() {
  return {
    pglite: await withPglite(measure),
    postgres: await withThrowawayPostgres(measure),
  };
}

async function measure(handle: DatabaseHandle) {
  const { db } = handle;
  const vocabulary = new ZipfVocabulary(VOCABULARY_SIZE, random(42));
  const tenants = await createSyntheticTenants(db, TENANTS);
  const retriever = new KnowledgeRetriever({ db, vectorColumn: false });
  const latency: Record<string, unknown> = {};
  let loaded = 0;
  let loadMs = 0;
  for (const size of SIZES) {
    const started = performance.now();
    await insertSyntheticChunks(db, tenants, (size - loaded) / TENANTS, vocabulary);
    loadMs += performance.now() - started;
    loaded = size;
    // What autovacuum does in a running system: flushes GIN's pending list, refreshes statistics.
    await db.execute(sql`vacuum analyze knowledge_chunks`);
    await db.execute(sql`vacuum analyze knowledge_documents`);
    const search = (query: string) => {
      const tenant = vocabulary.pick(tenants);
      return retriever.search({ companyId: tenant.companyId, all: true, query, limit: 5 });
    };
    const typical = queries(TYPICAL_QUERIES, () => vocabulary.phrase(4, 10));
    const common = vocabulary.commonContentWords(60);
    const broad = queries(BROAD_QUERIES, () => vocabulary.sample(common, 4, 10).join(' '));
    latency[`chunks${size / 1000}k`] = {
      typicalQueryMs: summarize(await time(() => search(typical()), TYPICAL_QUERIES, 20), 2),
      broadQueryMs: summarize(await time(() => search(broad()), BROAD_QUERIES, 10), 2),
    };
    progress(`${handle.kind} ${size} chunks: ${JSON.stringify(latency[`chunks${size / 1000}k`])}`);
  }
  return {
    database: handle.kind,
    mode: retriever.usesVectors ? 'hybrid' : 'fulltext',
    bulkInsertChunksPerSec: Math.round(loaded / (loadMs / 1000)),
    ...latency,
    ingestion: await measureIngestion(handle, vocabulary),
  };
}

/** Endless query source; the first `count` plus warm-ups are all different. */
function queries(count: number, make: () => string): () => string {
  const list = Array.from({ length: count * 2 }, make);
  let next = 0;
  return () => list[next++ % list.length] ?? '';
}

/** Pasted markdown documents through the document service, chunker and chunk store. */
async function measureIngestion(handle: DatabaseHandle, vocabulary: ZipfVocabulary) {
  const { db } = handle;
  const [tenant] = await createSyntheticTenants(db, 1);
  const { companyId, categoryId } = tenant as SyntheticTenant;
  const texts = Array.from({ length: INGESTED_DOCUMENTS }, () =>
    syntheticMarkdown(vocabulary, SECTIONS_PER_DOCUMENT),
  );
  const logger = pino({ level: 'silent' });
  const workers = new DocumentWorkers({ memoryMb: 512, timeoutMs: 30_000, logger });
  const processor = new KnowledgeProcessor({
    db,
    logger,
    workers,
    embeddings: undefined,
  });
  const started = performance.now();
  for (const [i, text] of texts.entries()) {
    const document = await createDocument(
      db,
      { companyId },
      { categoryId, title: `Document ${i}`, source: textSource(text) },
    );
    processor.enqueue(document.id);
  }
  await processor.idle();
  const seconds = (performance.now() - started) / 1000;
  await processor.close();
  await workers.close();
  const result = await db.execute(sql`
    select count(*)::int as chunks, count(distinct document_id)::int as documents
    from knowledge_chunks where company_id = ${companyId}`);
  const { chunks, documents } = (
    result as unknown as { rows: [{ chunks: number; documents: number }] }
  ).rows[0];
  const figures = {
    documents,
    chunks,
    seconds: Number(seconds.toFixed(2)),
    chunksPerSec: Math.round(chunks / seconds),
  };
  progress(`${handle.kind} ingestion: ${JSON.stringify(figures)}`);
  return figures;
}
