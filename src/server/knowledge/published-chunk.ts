import { sql } from 'drizzle-orm';

/**
 * Retrieval's filter for chunk `c` of document `d`: only chunks of the run
 * the document published count (chunks of a run still being written, or of
 * one replaced a moment ago, are not read).
 */
export const publishedChunk = sql`c.run_id is not distinct from d.chunks_run_id`;
