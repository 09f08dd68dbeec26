import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { and, count, eq, inArray, isNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { knowledgeChunks, knowledgeDocuments } from '../db/schema/index.js';
import type { TextChunk } from './chunker.js';

/** One processing run of one version of a document. */
export type Run = { companyId: string; documentId: string; version: number; runId: string };

// Rows per statement: each row's full-text vector is computed as it lands,
// and embedded PGlite does that on the thread serving calls.
const DELETE_ROWS = 200;

const toVectorLiteral = (vector: number[]) => `[${vector.join(',')}]`;

const isCurrent = (run: Run) =>
  and(
    eq(knowledgeDocuments.id, run.documentId),
    eq(knowledgeDocuments.companyId, run.companyId),
    eq(knowledgeDocuments.version, run.version),
    lt(knowledgeDocuments.processedVersion, run.version),
  );

/**
 * Writes chunks of a run straight into knowledge_chunks, where retrieval
 * ignores them until the run is published. Callers keep each call to a few
 * rows: every statement runs on the thread that serves calls on PGlite.
 */
export async function insertDrafts(
  db: Database,
  run: Run,
  firstPosition: number,
  chunks: TextChunk[],
  vectors: number[][] | undefined,
): Promise<void> {
  if (chunks.length === 0) return;
  const rows = chunks.map(
    (chunk, index) =>
      sql`(${run.companyId}, ${run.documentId}, ${run.runId}, ${firstPosition + index},
        ${chunk.heading}, ${chunk.content}
        ${vectors ? sql`, ${toVectorLiteral(vectors[index] ?? [])}::vector` : sql``})`,
  );
  await db.execute(sql`
    insert into knowledge_chunks (company_id, document_id, run_id, position, heading, content
      ${vectors ? sql`, embedding` : sql``})
    values ${sql.join(rows, sql`, `)}`);
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
 * Publishes the run: one row update makes all its chunks visible to retrieval
 * and every older chunk invisible at once, so retrieval sees all old chunks
 * or all new ones and no statement ever holds the database for the whole
 * document. The other runs' chunks are then deleted a few hundred at a time.
 * False when the run lost to a newer version or to another node.
 */
export async function publishRun(db: Database, run: Run): Promise<boolean> {
  const superseded = await db.transaction(async (tx) => {
    const [document] = await tx
      .select({ id: knowledgeDocuments.id })
      .from(knowledgeDocuments)
      .where(isCurrent(run))
      .for('update');
    if (!document) return null;
    const [counted] = await tx
      .select({ chunks: count() })
      .from(knowledgeChunks)
      .where(
        and(eq(knowledgeChunks.documentId, run.documentId), eq(knowledgeChunks.runId, run.runId)),
      );
    await tx
      .update(knowledgeDocuments)
      .set({
        status: 'ready',
        progress: 100,
        error: null,
        chunkCount: counted?.chunks ?? 0,
        chunksRunId: run.runId,
        processedVersion: run.version,
        updatedAt: new Date(),
      })
      .where(eq(knowledgeDocuments.id, run.documentId));
    return otherRuns(tx, run);
  });
  if (!superseded) return false;
  await deleteRuns(db, run.documentId, superseded);
  return true;
}

/** Marks the run's version failed and removes the document's chunks; false when it was no longer current. */
export async function failRun(db: Database, run: Run, error: string): Promise<boolean> {
  const superseded = await db.transaction(async (tx) => {
    const updated = await tx
      .update(knowledgeDocuments)
      .set({
        status: 'failed',
        error,
        progress: 0,
        chunkCount: 0,
        chunksRunId: null,
        processedVersion: run.version,
        updatedAt: new Date(),
      })
      .where(isCurrent(run))
      .returning({ id: knowledgeDocuments.id });
    if (updated.length === 0) return null;
    return [...(await otherRuns(tx, run)), run.runId];
  });
  if (!superseded) return false;
  await deleteRuns(db, run.documentId, superseded);
  return true;
}

/**
 * The runs with chunks of the document besides `run`, once `run` has ended
 * the current version: earlier published runs, superseded or losing twin
 * runs. Runs that start later write under new ids, so none is deleted.
 */
async function otherRuns(tx: Database, run: Run): Promise<Array<string | null>> {
  const rows = await tx
    .selectDistinct({ runId: knowledgeChunks.runId })
    .from(knowledgeChunks)
    .where(
      and(
        eq(knowledgeChunks.documentId, run.documentId),
        or(isNull(knowledgeChunks.runId), ne(knowledgeChunks.runId, run.runId)),
      ),
    );
  return rows.map((row) => row.runId);
}

async function deleteRuns(
  db: Database,
  documentId: string,
  runIds: ReadonlyArray<string | null>,
): Promise<void> {
  const ids = runIds.filter((id): id is string => id !== null);
  const ofRuns = or(
    runIds.includes(null) ? isNull(knowledgeChunks.runId) : undefined,
    ids.length > 0 ? inArray(knowledgeChunks.runId, ids) : undefined,
  );
  if (!ofRuns) return;
  await deleteChunksWhere(db, and(eq(knowledgeChunks.documentId, documentId), ofRuns));
}

/** Deletes in batches with a turn of the event loop between, never one long statement. */
async function deleteChunksWhere(db: Database, where: SQL | undefined): Promise<void> {
  for (;;) {
    const batch = db
      .select({ id: knowledgeChunks.id })
      .from(knowledgeChunks)
      .where(where)
      .limit(DELETE_ROWS);
    const deleted = await db
      .delete(knowledgeChunks)
      .where(inArray(knowledgeChunks.id, batch))
      .returning({ id: knowledgeChunks.id });
    if (deleted.length === 0) return;
    await yieldToEventLoop();
  }
}

/** Removes what an unpublished run wrote (it was superseded, failed or stopped). */
export async function discardDrafts(db: Database, run: Run): Promise<void> {
  const [published] = await db
    .select({ id: knowledgeDocuments.id })
    .from(knowledgeDocuments)
    .where(
      and(eq(knowledgeDocuments.id, run.documentId), eq(knowledgeDocuments.chunksRunId, run.runId)),
    );
  if (published) return;
  await deleteChunksWhere(
    db,
    and(eq(knowledgeChunks.documentId, run.documentId), eq(knowledgeChunks.runId, run.runId)),
  );
}

/** Chunks of runs whose process died before publishing; no live run is this old. */
export async function discardStaleDrafts(db: Database, olderThanMs: number): Promise<void> {
  await deleteChunksWhere(
    db,
    and(
      lt(knowledgeChunks.createdAt, new Date(Date.now() - olderThanMs)),
      sql`${knowledgeChunks.runId} is distinct from (select d.chunks_run_id from knowledge_documents d where d.id = ${knowledgeChunks.documentId})`,
    ),
  );
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
