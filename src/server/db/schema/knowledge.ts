import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, uuid, varchar } from 'drizzle-orm/pg-core';
import { chatbots } from './catalog.js';
import { createdAt, timestamps, tsvector } from './columns.js';
import { documentStatusEnum } from './enums.js';
import { companyId } from './tenancy.js';

export const knowledgeCategories = pgTable(
  'knowledge_categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    name: varchar('name', { length: 120 }).notNull(),
    description: text('description').notNull().default(''),
    ...timestamps,
  },
  (t) => [index('knowledge_categories_company_idx').on(t.companyId)],
);

export const knowledgeDocuments = pgTable(
  'knowledge_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => knowledgeCategories.id, { onDelete: 'cascade' }),
    title: varchar('title', { length: 200 }).notNull(),
    sourceType: varchar('source_type', { length: 20 }).notNull(),
    fileName: varchar('file_name', { length: 255 }),
    mimeType: varchar('mime_type', { length: 100 }),
    sizeBytes: integer('size_bytes').notNull().default(0),
    status: documentStatusEnum('status').notNull().default('processing'),
    progress: integer('progress').notNull().default(0),
    error: text('error'),
    chunkCount: integer('chunk_count').notNull().default(0),
    /** The extracted plain text (headings as `#` lines), kept so it can be re-chunked. */
    content: text('content').notNull().default(''),
    /** Bumped by every replacement; a processing run only lands if the version is unchanged. */
    version: integer('version').notNull().default(1),
    /**
     * The version whose processing has finished. While it lags `version`, a
     * replacement is under way and the chunks of the previous version (and
     * `status: 'ready'`) stay in place, so retrieval keeps finding them.
     */
    processedVersion: integer('processed_version').notNull().default(0),
    /**
     * The processing run whose chunks retrieval reads. A run writes its chunks
     * a few rows per statement and publishes them all at once by setting this;
     * null reads chunks from before runs were tracked.
     */
    chunksRunId: uuid('chunks_run_id'),
    ...timestamps,
  },
  (t) => [
    index('knowledge_documents_company_idx').on(t.companyId),
    index('knowledge_documents_category_idx').on(t.categoryId),
  ],
);

// The pgvector `embedding` column is added by a guarded SQL migration so that
// a PostgreSQL without the extension still migrates and runs on full text.
export const knowledgeChunks = pgTable(
  'knowledge_chunks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => knowledgeDocuments.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    heading: text('heading').notNull().default(''),
    content: text('content').notNull(),
    /** The processing run that wrote it; visible only while it is the document's `chunks_run_id`. */
    runId: uuid('run_id'),
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', coalesce(heading, '')), 'A') || setweight(to_tsvector('english', content), 'B')`,
      ),
    createdAt: createdAt(),
  },
  (t) => [
    index('knowledge_chunks_company_idx').on(t.companyId),
    index('knowledge_chunks_document_idx').on(t.documentId, t.runId),
    index('knowledge_chunks_search_idx').using('gin', t.searchVector),
  ],
);

export const chatbotKnowledgeCategories = pgTable(
  'chatbot_knowledge_categories',
  {
    companyId: companyId(),
    chatbotId: uuid('chatbot_id')
      .notNull()
      .references(() => chatbots.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => knowledgeCategories.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.chatbotId, t.categoryId] })],
);
