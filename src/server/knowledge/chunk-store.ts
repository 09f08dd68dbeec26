import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { knowledgeChunkDrafts, knowledgeChunks, knowledgeDocuments } from '../db/schema/index.js';
import type { TextChunk } from './chunker.js';

/** One processing run of one version of a document. */
export type Run = { companyId: string; documentId: string; version: number; runId: string };

// Rows per statement while publishing: each row's full-text vector is computed
// as it lands, and embedded PGlite does that on the thread serving calls.
const MOVE_ROWS = 25;

const toVectorLiteral = (vector: number[]) => `[${vector.join(',')}]`;

const isCurrent = (run: Run) =>
  and(
    eq(knowledgeDocuments.id, run.documentId),
    eq(knowledgeDocuments.companyId, run.companyId),
    eq(knowledgeDocuments.version, run.version),
    lt(knowledgeDocuments.processedVersion, run.version),
  );

export async function insertDrafts(
  db: Database,
  run: Run,
  firstPosition: number,
  chunks: TextChunk[],
  vectors: number[][] | undefined,
): Promise<void> {
  if (chunks.length === 0) return;
  await db.insert(knowledgeChunkDrafts).values(
    chunks.map((chunk, index) => {
      const vector = vectors?.[index];
      return {
        companyId: run.companyId,
        documentId: run.documentId,
        runId: run.runId,
        position: firstPosition + index,
        heading: chunk.heading,
        content: chunk.content,
        embedding: vector ? toVectorLiteral(vector) : null,
      };
    }),
  );
}

/** Records progress; false when the run is no longer wanted (replaced, deleted or finished). */
export async function reportProgress(db: Database, run: Run, progress: number): Promise<boolean> {
  const updated = await db
    .update(knowledgeDocuments)
    .set({ progress, updatedAt: new Date() })
    .where(isCurrent(run))
    .returning({ id: knowledgeDocuments.id });
  return updated.length > 0;
}

/**
 * Swaps the run's drafts in for the document's chunks in one transaction, so
 * retrieval sees either all old chunks or all new ones. Rows move a few at a
 * time with a turn of the event loop between statements. False when the run
 * lost to a newer version or to another node.
 */
export async function publishRun(db: Database, run: Run, withEmbeddings: boolean) {
  return db.transaction(async (tx) => {
    const [document] = await tx
      .select({ id: knowledgeDocuments.id })
      .from(knowledgeDocuments)
      .where(isCurrent(run))
      .for('update');
    if (!document) return false;
    // The insert that fills GIN's pending list merges it into the index; at
    // the default 4 MB that one statement blocks embedded PGlite for ~150 ms.
    await tx.execute(sql`set local gin_pending_list_limit = 512`);
    await tx
      .delete(knowledgeChunks)
      .where(
        and(
          eq(knowledgeChunks.documentId, run.documentId),
          eq(knowledgeChunks.companyId, run.companyId),
        ),
      );
    let chunkCount = 0;
    for (;;) {
      const moved = await tx.execute(sql`
        with moved as (
          delete from knowledge_chunk_drafts
          where id in (
            select id from knowledge_chunk_drafts
            where run_id = ${run.runId} and document_id = ${run.documentId}
            limit ${MOVE_ROWS})
          returning company_id, document_id, position, heading, content, embedding)
        insert into knowledge_chunks (company_id, document_id, position, heading, content
          ${withEmbeddings ? sql`, embedding` : sql``})
        select company_id, document_id, position, heading, content
          ${withEmbeddings ? sql`, embedding::vector` : sql``}
        from moved
        returning id`);
      const count = (moved as unknown as { rows: unknown[] }).rows.length;
      chunkCount += count;
      if (count === 0) break;
      await yieldToEventLoop();
    }
    await tx
      .update(knowledgeDocuments)
      .set({
        status: 'ready',
        progress: 100,
        error: null,
        chunkCount,
        processedVersion: run.version,
        updatedAt: new Date(),
      })
      .where(eq(knowledgeDocuments.id, run.documentId));
    return true;
  });
}

/** Marks the run's version failed and removes the document's chunks; false when it was no longer current. */
export async function failRun(db: Database, run: Run, error: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(knowledgeDocuments)
      .set({
        status: 'failed',
        error,
        progress: 0,
        chunkCount: 0,
        processedVersion: run.version,
        updatedAt: new Date(),
      })
      .where(isCurrent(run))
      .returning({ id: knowledgeDocuments.id });
    if (updated.length === 0) return false;
    await tx.delete(knowledgeChunks).where(eq(knowledgeChunks.documentId, run.documentId));
    return true;
  });
}

export async function discardDrafts(db: Database, run: Run): Promise<void> {
  await db.delete(knowledgeChunkDrafts).where(eq(knowledgeChunkDrafts.runId, run.runId));
}

/** Drafts of runs whose process died; no live run is this old. */
export async function discardStaleDrafts(db: Database, olderThanMs: number): Promise<void> {
  await db
    .delete(knowledgeChunkDrafts)
    .where(lt(knowledgeChunkDrafts.createdAt, new Date(Date.now() - olderThanMs)));
}

/** Documents whose latest version has not finished processing, oldest first. */
export async function listUnfinishedDocuments(db: Database): Promise<string[]> {
  const rows = await db
    .select({ id: knowledgeDocuments.id })
    .from(knowledgeDocuments)
    .where(lt(knowledgeDocuments.processedVersion, knowledgeDocuments.version))
    .orderBy(knowledgeDocuments.createdAt);
  return rows.map((row) => row.id);
}
