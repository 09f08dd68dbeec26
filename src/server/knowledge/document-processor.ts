import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import { EmbeddingError } from '../ai/embedding-error.js';
import type { EmbeddingProvider } from '../ai/embeddings.js';
import type { Database } from '../db/client.js';
import { knowledgeDocuments } from '../db/schema/index.js';
import { isForeignKeyViolation } from '../http/errors.js';
import {
  discardDrafts,
  discardStaleDrafts,
  failRun,
  insertDrafts,
  listUnfinishedDocuments,
  publishRun,
  type Run,
  reportProgress,
} from './chunk-store.js';
import { type ChunkerOptions, HEADING_SEPARATOR, type TextChunk } from './chunker.js';
import { UnreadableFileError } from './extract/errors.js';
import { ProcessingQueue } from './processing-queue.js';
import type { DocumentWorkers } from './worker/document-workers.js';

export type KnowledgeProcessorOptions = {
  db: Database;
  logger: Logger;
  /** Where the text is split into chunks, off the thread that serves calls. */
  workers: DocumentWorkers;
  /** Embeds chunks when set: only when a provider is configured and the database has pgvector. */
  embeddings: EmbeddingProvider | undefined;
  /** Documents processed at once; embedding calls are the slow part. */
  concurrency?: number;
  /** Chunks embedded and stored per step; progress moves once per step. */
  batchSize?: number;
  chunker?: Partial<ChunkerOptions>;
};

const DEFAULT_CONCURRENCY = 2;
const DEFAULT_BATCH_SIZE = 100;
// Embedded PGlite runs each statement on this thread: small inserts, and a
// turn of the event loop between them, keep calls' audio flowing.
const INSERT_ROWS = 25;
const STALE_DRAFT_MS = 24 * 3600_000;

const UNEXPECTED_FAILURE = 'Processing failed unexpectedly. Upload the document again to retry.';

/** Whether a run ended because the document was deleted or replaced under it. */
class RunSuperseded extends Error {}

/** What a chunk is embedded as: its place in the document gives it context. */
function embeddingInput(title: string, chunk: TextChunk): string {
  const path = chunk.heading ? `${title}${HEADING_SEPARATOR}${chunk.heading}` : title;
  return `${path}\n\n${chunk.content}`;
}

function failureMessage(error: unknown): string {
  if (error instanceof EmbeddingError) return `Could not create embeddings: ${error.message}`;
  if (error instanceof UnreadableFileError) return error.message;
  return UNEXPECTED_FAILURE;
}

/**
 * Turns a document's stored text into chunks (and embeddings) in the
 * background: drafts are written batch by batch, reporting progress, then
 * swapped in for the old chunks in one transaction.
 */
export class KnowledgeProcessor {
  readonly #options: KnowledgeProcessorOptions;
  readonly #queue: ProcessingQueue;

  constructor(options: KnowledgeProcessorOptions) {
    this.#options = options;
    this.#queue = new ProcessingQueue({
      worker: (documentId, signal) => this.#process(documentId, signal),
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      onError: (documentId, error) =>
        options.logger.error(
          { documentId, errorName: (error as Error)?.name },
          'knowledge processing crashed',
        ),
    });
  }

  /** Processes the document's current version (again) soon. */
  enqueue(documentId: string): void {
    this.#queue.push(documentId);
  }

  /** Queues the documents a stopped process left unfinished; their text is stored. */
  async resumeUnfinished(): Promise<number> {
    await discardStaleDrafts(this.#options.db, STALE_DRAFT_MS);
    const ids = await listUnfinishedDocuments(this.#options.db);
    for (const id of ids) this.enqueue(id);
    if (ids.length > 0)
      this.#options.logger.info({ count: ids.length }, 'resuming knowledge processing');
    return ids.length;
  }

  /** Resolves once every queued document has been processed. */
  idle(): Promise<void> {
    return this.#queue.idle();
  }

  /** Stops after the current batches; unfinished documents resume at the next start. */
  close(): Promise<void> {
    return this.#queue.close();
  }

  async #process(documentId: string, signal: AbortSignal): Promise<void> {
    const { db, logger } = this.#options;
    const [document] = await db
      .select({
        companyId: knowledgeDocuments.companyId,
        title: knowledgeDocuments.title,
        content: knowledgeDocuments.content,
        version: knowledgeDocuments.version,
        processedVersion: knowledgeDocuments.processedVersion,
      })
      .from(knowledgeDocuments)
      .where(eq(knowledgeDocuments.id, documentId));
    if (!document || document.processedVersion >= document.version) return;
    const run: Run = { ...document, documentId, runId: randomUUID() };
    const startedAt = Date.now();
    try {
      const chunkCount = await this.#writeDrafts(run, document, signal);
      if (signal.aborted) return;
      if (await publishRun(db, run)) {
        logger.info(
          { documentId, chunkCount, durationMs: Date.now() - startedAt },
          'knowledge document ready',
        );
      }
    } catch (error) {
      if (signal.aborted || error instanceof RunSuperseded || isForeignKeyViolation(error)) return;
      if (await failRun(db, run, failureMessage(error)).catch(() => false)) {
        logger.warn(
          { documentId, errorName: error instanceof Error ? error.name : typeof error },
          'knowledge document failed',
        );
      }
    } finally {
      await discardDrafts(db, run).catch(() => {});
    }
  }

  async #writeDrafts(
    run: Run,
    document: { title: string; content: string },
    signal: AbortSignal,
  ): Promise<number> {
    const { db, embeddings, workers } = this.#options;
    const batchSize = this.#options.batchSize ?? DEFAULT_BATCH_SIZE;
    const chunks = await workers.chunk(run.companyId, document.content, this.#options.chunker);
    for (let start = 0; start < chunks.length && !signal.aborted; start += batchSize) {
      const batch = chunks.slice(start, start + batchSize);
      const vectors = embeddings
        ? await embeddings.embed(
            batch.map((chunk) => embeddingInput(document.title, chunk)),
            'document',
          )
        : undefined;
      for (let offset = 0; offset < batch.length; offset += INSERT_ROWS) {
        const rows = batch.slice(offset, offset + INSERT_ROWS);
        await insertDrafts(
          db,
          run,
          start + offset,
          rows,
          vectors?.slice(offset, offset + INSERT_ROWS),
        );
        await yieldToEventLoop();
      }
      const done = start + batch.length;
      // 100 only once the chunks are swapped in.
      const progress = Math.min(99, Math.floor((done / chunks.length) * 100));
      if (!(await reportProgress(db, run, progress))) throw new RunSuperseded();
    }
    return chunks.length;
  }
}
