import { count, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { knowledgeDocuments } from '../db/schema/index.js';

/** Documents of all companies still being extracted and chunked. */
export async function knowledgeQueueDepth(db: Database): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(knowledgeDocuments)
    .where(eq(knowledgeDocuments.status, 'processing'));
  return row?.n ?? 0;
}
