import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { publishedChunk } from './published-chunk.js';

/** A chunk found by full text, best first; `coverage` says how much of the query it matches. */
export type TextHit = {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  heading: string;
  content: string;
  coverage: number;
};

// Beyond this many words a query is a pasted text, not a question; its first
// words carry the gist and every extra term costs a ranking pass per chunk.
const MAX_TERMS = 24;

/** The query's distinct stemmed words in the order they appear (stop words dropped). */
export async function queryLexemes(db: Database, query: string): Promise<string[]> {
  const result = await db.execute(sql`
    select lexeme from unnest(to_tsvector('english', ${query}))
    order by positions[1], lexeme
    limit ${MAX_TERMS}`);
  return (result as unknown as { rows: Array<{ lexeme: string }> }).rows.map((r) => r.lexeme);
}

/** A lexeme as a tsquery operand, quoted so that no character in it is read as an operator. */
export function tsqueryTerm(lexeme: string): string {
  return `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/**
 * Ranks the chunks matching any query term, like BM25 over Postgres' own
 * statistics: each term counts by its rarity among the searched chunks (IDF)
 * times `ts_rank` for that term alone, which rewards heading matches (weight A)
 * and repeats, normalised by chunk length. A plain `ts_rank_cd` over the OR of
 * the terms weighs "take" as much as "Cigna" and misranks short questions.
 *
 * Ties go to the older document and the earlier passage, so a search answers
 * the same way every time.
 *
 * The tsquery goes in as a literal so the planner can estimate from the
 * column statistics whether the GIN index or the tenant's rows are cheaper.
 */
export async function fullTextSearch(
  db: Database,
  options: {
    companyId: string;
    /** Conditions on the documents (`d`) to search: ready, the tenant's, within the scope. */
    documents: SQL;
    lexemes: string[];
    limit: number;
  },
): Promise<TextHit[]> {
  const { companyId, documents, lexemes, limit } = options;
  if (lexemes.length === 0) return [];
  const terms = lexemes.map(tsqueryTerm);
  const positions = terms.map((_, i) => sql.raw(String(i + 1)));
  const sum = (parts: SQL[]) => sql.join(parts, sql` + `);

  const result = await db.execute(sql`
    with matches as materialized (
      select c.id, d.created_at, c.position,
             array[${sql.join(
               terms.map((term) => sql`ts_rank(c.search_vector, ${term}::tsquery, 1)`),
               sql`, `,
             )}]::float8[] as ranks
      from knowledge_chunks c
      join knowledge_documents d on d.id = c.document_id
      where c.company_id = ${companyId} and ${documents} and ${publishedChunk}
        and c.search_vector @@ ${terms.join(' | ')}::tsquery
    ),
    weights as materialized (
      select array[${sql.join(
        positions.map(
          (i) => sql`ln(1 + (greatest(n.total, m.df${i}) - m.df${i} + 0.5) / (m.df${i} + 0.5))`,
        ),
        sql`, `,
      )}] as idf
      from (select ${sql.join(
        positions.map((i) => sql`count(*) filter (where ranks[${i}] > 0)::float8 as df${i}`),
        sql`, `,
      )} from matches) m,
      -- Publishing a document sets chunk_count with its chunks, in one transaction.
      (select sum(d.chunk_count)::float8 as total from knowledge_documents d where ${documents}) n
    ),
    ranked as (
      select m.id, m.created_at, m.position,
             ${sum(positions.map((i) => sql`m.ranks[${i}] * w.idf[${i}]`))} as rank,
             (${sum(positions.map((i) => sql`(m.ranks[${i}] > 0)::int * w.idf[${i}]`))})
               / (${sum(positions.map((i) => sql`w.idf[${i}]`))}) as coverage
      from matches m, weights w
      order by rank desc, m.created_at, m.position, m.id
      limit ${limit}
    )
    select c.id as "chunkId", c.document_id as "documentId", d.title as "documentTitle",
           c.heading, c.content, r.coverage
    from ranked r
    join knowledge_chunks c on c.id = r.id
    join knowledge_documents d on d.id = c.document_id
    order by r.rank desc, r.created_at, r.position, r.id`);
  return (result as unknown as { rows: TextHit[] }).rows.map((row) => ({
    ...row,
    coverage: Number(row.coverage),
  }));
}
