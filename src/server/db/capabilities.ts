import { sql } from 'drizzle-orm';
import type { Database } from './client.js';

/** Whether the guarded pgvector migration could add the embedding column here. */
export async function hasVectorColumn(db: Database): Promise<boolean> {
  const result = await db.execute(sql`
    select 1 from information_schema.columns
    where table_name = 'knowledge_chunks' and column_name = 'embedding'`);
  return (result as unknown as { rows: unknown[] }).rows.length > 0;
}
