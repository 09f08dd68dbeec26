import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { knowledgeDocuments } from '../db/schema/index.js';
import { badRequest, conflict, invalid, notFound } from '../http/errors.js';
import { assertCategoriesBelong } from './categories-service.js';
import { UnreadableFileError } from './extract/errors.js';
import { normalizeText } from './extract/normalize-text.js';
import type { DocumentWorkers } from './worker/document-workers.js';

type Tenant = { companyId: string };

export type DocumentStatus = 'processing' | 'ready' | 'failed';

export type KnowledgeDocument = {
  id: string;
  categoryId: string;
  title: string;
  sourceType: 'text' | 'file';
  fileName: string | null;
  mimeType: string | null;
  sizeBytes: number;
  status: DocumentStatus;
  progress: number;
  error: string | null;
  chunkCount: number;
  createdAt: Date;
  updatedAt: Date;
};

/** Where a document's text came from, with the text already extracted. */
export type DocumentSource = TextSource | FileSource;
type TextSource = { sourceType: 'text'; text: string; sizeBytes: number };
type FileSource = {
  sourceType: 'file';
  text: string;
  sizeBytes: number;
  fileName: string;
  mimeType: string;
};

export const MAX_FILE_NAME_CHARS = 255;
export const MAX_TITLE_CHARS = 200;

const columns = {
  id: knowledgeDocuments.id,
  categoryId: knowledgeDocuments.categoryId,
  title: knowledgeDocuments.title,
  sourceType: knowledgeDocuments.sourceType,
  fileName: knowledgeDocuments.fileName,
  mimeType: knowledgeDocuments.mimeType,
  sizeBytes: knowledgeDocuments.sizeBytes,
  status: knowledgeDocuments.status,
  progress: knowledgeDocuments.progress,
  error: knowledgeDocuments.error,
  chunkCount: knowledgeDocuments.chunkCount,
  createdAt: knowledgeDocuments.createdAt,
  updatedAt: knowledgeDocuments.updatedAt,
  version: knowledgeDocuments.version,
  processedVersion: knowledgeDocuments.processedVersion,
};

type Row = Omit<KnowledgeDocument, 'sourceType'> & {
  sourceType: string;
  version: number;
  processedVersion: number;
};

// A replacement keeps `status: 'ready'` for retrieval's sake while its new
// version is processed; to the user it is processing.
function toDocument({ version, processedVersion, ...row }: Row): KnowledgeDocument {
  return {
    ...row,
    sourceType: row.sourceType === 'file' ? 'file' : 'text',
    status: processedVersion < version ? 'processing' : row.status,
  };
}

const byTenant = (tenant: Tenant, id: string) =>
  and(eq(knowledgeDocuments.companyId, tenant.companyId), eq(knowledgeDocuments.id, id));

/** Pasted text as a document source; empty once normalised is a 400 on `content`. */
export function textSource(content: string): TextSource {
  const text = normalizeText(content);
  if (!text) throw invalid('content', 'contains no readable text');
  return { sourceType: 'text', text, sizeBytes: Buffer.byteLength(content) };
}

/**
 * An uploaded file as a document source, its text extracted on the document
 * worker; anything unreadable, or over the worker's limits, is a 400 and
 * nothing is stored.
 */
export async function fileSource(
  workers: DocumentWorkers,
  tenant: Tenant,
  fileName: string,
  bytes: Uint8Array,
): Promise<FileSource> {
  const name = fileName
    .replace(/^.*[\\/]/, '')
    .trim()
    .slice(0, MAX_FILE_NAME_CHARS);
  try {
    const { text, mimeType } = await workers.extract(tenant.companyId, name, bytes);
    return { sourceType: 'file', text, sizeBytes: bytes.length, fileName: name, mimeType };
  } catch (error) {
    if (error instanceof UnreadableFileError) throw badRequest(error.message);
    throw error;
  }
}

const sourceColumns = (source: DocumentSource) => ({
  sourceType: source.sourceType,
  content: source.text,
  sizeBytes: source.sizeBytes,
  fileName: source.sourceType === 'file' ? source.fileName : null,
  mimeType: source.sourceType === 'file' ? source.mimeType : null,
});

export async function listDocuments(
  db: Database,
  tenant: Tenant,
  filter: { categoryId?: string | undefined } = {},
): Promise<KnowledgeDocument[]> {
  const rows = await db
    .select(columns)
    .from(knowledgeDocuments)
    .where(
      and(
        eq(knowledgeDocuments.companyId, tenant.companyId),
        filter.categoryId ? eq(knowledgeDocuments.categoryId, filter.categoryId) : undefined,
      ),
    )
    .orderBy(desc(knowledgeDocuments.createdAt), desc(knowledgeDocuments.id));
  return rows.map(toDocument);
}

export async function getDocument(
  db: Database,
  tenant: Tenant,
  id: string,
): Promise<KnowledgeDocument> {
  const [row] = await db.select(columns).from(knowledgeDocuments).where(byTenant(tenant, id));
  if (!row) throw notFound('Document');
  return toDocument(row);
}

/** The document with the plain text its chunks are (or are being) made from. */
export async function getDocumentWithText(db: Database, tenant: Tenant, id: string) {
  const [row] = await db
    .select({ ...columns, text: knowledgeDocuments.content })
    .from(knowledgeDocuments)
    .where(byTenant(tenant, id));
  if (!row) throw notFound('Document');
  const { text, ...document } = row;
  return { document: toDocument(document), text };
}

/** Stores a new document as `processing`; the caller queues it for processing. */
export async function createDocument(
  db: Database,
  tenant: Tenant,
  input: { categoryId: string; title: string; source: DocumentSource },
): Promise<KnowledgeDocument> {
  await assertCategoriesBelong(db, tenant, 'categoryId', [input.categoryId]);
  const [row] = await db
    .insert(knowledgeDocuments)
    .values({
      companyId: tenant.companyId,
      categoryId: input.categoryId,
      title: input.title.slice(0, MAX_TITLE_CHARS),
      ...sourceColumns(input.source),
      status: 'processing',
      progress: 0,
    })
    .returning({ id: knowledgeDocuments.id });
  if (!row) throw new Error('Document insert returned nothing');
  return getDocument(db, tenant, row.id);
}

/**
 * Replaces the document's text with a new version; the caller queues it.
 * A ready document stays `ready` in the database so its old chunks stay
 * searchable until the new version's chunks replace them.
 */
export async function replaceDocument(
  db: Database,
  tenant: Tenant,
  id: string,
  input: { title?: string | undefined; source: DocumentSource },
): Promise<KnowledgeDocument> {
  const current = await getDocumentRow(db, tenant, id);
  const updated = await db
    .update(knowledgeDocuments)
    .set({
      ...(input.title ? { title: input.title.slice(0, MAX_TITLE_CHARS) } : {}),
      ...sourceColumns(input.source),
      status: current.status === 'ready' ? 'ready' : 'processing',
      version: current.version + 1,
      progress: 0,
      error: null,
      updatedAt: new Date(),
    })
    // Two replacements at once: the second sees a changed version and retries as a 409.
    .where(and(byTenant(tenant, id), eq(knowledgeDocuments.version, current.version)))
    .returning({ id: knowledgeDocuments.id });
  if (updated.length === 0) {
    throw conflict('The document was changed at the same time; try again');
  }
  return getDocument(db, tenant, id);
}

async function getDocumentRow(db: Database, tenant: Tenant, id: string) {
  const [row] = await db
    .select({ status: knowledgeDocuments.status, version: knowledgeDocuments.version })
    .from(knowledgeDocuments)
    .where(byTenant(tenant, id));
  if (!row) throw notFound('Document');
  return row;
}

/** Deletes the document; its chunks (and any run's drafts) go with it. */
export async function deleteDocument(db: Database, tenant: Tenant, id: string): Promise<void> {
  const deleted = await db
    .delete(knowledgeDocuments)
    .where(byTenant(tenant, id))
    .returning({ id: knowledgeDocuments.id });
  if (deleted.length === 0) throw notFound('Document');
}
