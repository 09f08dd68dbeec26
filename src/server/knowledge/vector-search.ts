import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { publishedChunk } from './published-chunk.js';

export type VectorHit = {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  heading: string;
  content: string;
};

/**
 * Whether pgvector can keep scanning its HNSW index until enough rows pass a
 * filter (`hnsw.iterative_scan`, pgvector 0.8). Without it a filtered scan
 * stops after `ef_search` (40) neighbours of every tenant together, so a
 * company whose chunks are not among them finds nothing by vector.
 */
export async function supportsIterativeScan(db: Database): Promise<boolean> {
  const result = await db.execute(sql`
    select extversion from pg_extension where extname = 'vector'`);
  const [row] = (result as unknown as { rows: Array<{ extversion: string }> }).rows;
  const [major = 0, minor = 0] = (row?.extversion ?? '0').split('.').map(Number);
  return major > 0 || minor >= 8;
}

/** The chunks nearest to `vector` by cosine distance among the tenant's documents in scope. */
export async function vectorSearch(
  db: Database,
  options: {
    companyId: string;
    /** Conditions on the documents (`d`) to search: ready, the tenant's, within the scope. */
    documents: SQL;
    vector: number[];
    limit: number;
    iterativeScan: boolean;
  },
): Promise<VectorHit[]> {
  const { companyId, documents, vector, limit, iterativeScan } = options;
  const literal = `[${vector.join(',')}]`;
  return db.transaction(async (tx) => {
    if (iterativeScan) {
      await tx.execute(sql`select set_config('hnsw.iterative_scan', 'strict_order', true)`);
    }
    const result = await tx.execute(sql`
      select c.id as "chunkId", c.document_id as "documentId", d.title as "documentTitle",
             c.heading, c.content
      from knowledge_chunks c
      join knowledge_documents d on d.id = c.document_id
      where c.company_id = ${companyId} and ${documents} and ${publishedChunk}
        and c.embedding is not null
      order by c.embedding <=> ${literal}::vector
      limit ${limit}`);
    return (result as unknown as { rows: VectorHit[] }).rows;
  });
}
