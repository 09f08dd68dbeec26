import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { publishedChunk } from './published-chunk.js';
import type { QuestionMeaning } from './question-meaning.js';

/** A chunk found by full text, best first; `coverage` says how much of the query it matches. */
export type TextHit = {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  heading: string;
  content: string;
  coverage: number;
};

/** One concept of a query as Postgres text search queries; '' where it has none. */
export type SearchConcept = { words: string; related: string; weight: number };

// Beyond this many concepts a query is a pasted text, not a question; its
// first words carry the gist and every extra one costs ranking passes per chunk.
const MAX_CONCEPTS = 24;
/** What a passage saying it in other words counts, against saying it in the caller's words. */
export const RELATED_MATCH = 0.7;

/**
 * The question's concepts as tsquery texts, stemmed by Postgres itself so they
 * meet the chunks' search vectors (phrases stay phrases: "car park" is
 * 'car' <-> 'park'). Stop words vanish; concepts left empty are dropped, and
 * concepts that stem alike are merged.
 */
export async function searchConcepts(
  db: Database,
  meaning: QuestionMeaning,
): Promise<SearchConcept[]> {
  const texts = [...new Set(meaning.concepts.flatMap((c) => [...c.words, ...c.related]))];
  if (texts.length === 0) return [];
  const result = await db.execute(sql`
    select t as text, phraseto_tsquery('english', t)::text as query
    from unnest(array[${sql.join(
      texts.map((t) => sql`${t}`),
      sql`, `,
    )}]::text[]) as t`);
  const queryOf = new Map(
    (result as unknown as { rows: Array<{ text: string; query: string }> }).rows.map((row) => [
      row.text,
      row.query,
    ]),
  );
  const queries = (list: string[], except: Set<string> = new Set()) =>
    [...new Set(list.map((t) => queryOf.get(t) ?? ''))].filter((q) => q && !except.has(q));
  const byWords = new Map<string, SearchConcept>();
  const concepts: SearchConcept[] = [];
  for (const concept of meaning.concepts) {
    const own = queries(concept.words);
    const related = queries(concept.related, new Set(own));
    if (own.length === 0 && related.length === 0) continue;
    const words = anyOf(own);
    const existing = words ? byWords.get(words) : undefined;
    if (existing) {
      existing.weight = Math.max(existing.weight, concept.weight);
      continue;
    }
    const searchConcept = { words, related: anyOf(related), weight: concept.weight };
    if (words) byWords.set(words, searchConcept);
    concepts.push(searchConcept);
    if (concepts.length === MAX_CONCEPTS) break;
  }
  return concepts;
}

const anyOf = (queries: string[]) =>
  queries.length <= 1 ? (queries[0] ?? '') : queries.map((q) => `(${q})`).join(' | ');

/**
 * Ranks the chunks matching any concept, like BM25 over Postgres' own
 * statistics: each concept counts by its rarity among the searched chunks
 * (IDF) times `ts_rank` for that concept alone, which rewards heading matches
 * (weight A) and repeats, normalised by chunk length. A passage using a
 * related word instead of the caller's counts RELATED_MATCH as much. A plain
 * `ts_rank_cd` over the OR of the terms weighs "take" as much as "Cigna" and
 * misranks short questions.
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
    concepts: SearchConcept[];
    limit: number;
  },
): Promise<TextHit[]> {
  const { companyId, documents, concepts, limit } = options;
  if (concepts.length === 0) return [];
  const positions = concepts.map((_, i) => sql.raw(String(i + 1)));
  const sum = (parts: SQL[]) => sql.join(parts, sql` + `);
  // ts_rank scores a phrase or an OR of phrases above 0 for their words alone,
  // adjacent or not: only `@@` says whether the chunk matches.
  const rankOf = (query: string) =>
    query
      ? sql`case when c.search_vector @@ ${query}::tsquery then ts_rank(c.search_vector, ${query}::tsquery, 1) else 0 end`
      : sql`0`;
  const weight = (i: number) => sql.raw(String(concepts[i]?.weight ?? 0));
  const related = sql.raw(String(RELATED_MATCH));
  const any = concepts
    .flatMap((c) => [c.words, c.related])
    .filter(Boolean)
    .map((q) => `(${q})`)
    .join(' | ');

  const result = await db.execute(sql`
    with matches as materialized (
      select c.id, d.created_at, c.position,
             array[${sql.join(
               concepts.map((c) => rankOf(c.words)),
               sql`, `,
             )}]::float8[] as own,
             array[${sql.join(
               concepts.map((c) => rankOf(c.related)),
               sql`, `,
             )}]::float8[] as rel
      from knowledge_chunks c
      join knowledge_documents d on d.id = c.document_id
      where c.company_id = ${companyId} and ${documents} and ${publishedChunk}
        and c.search_vector @@ ${any}::tsquery
    ),
    weights as materialized (
      select array[${sql.join(
        positions.map(
          (i, index) =>
            sql`${weight(index)} * ln(1 + (greatest(n.total, m.df${i}) - m.df${i} + 0.5) / (m.df${i} + 0.5))`,
        ),
        sql`, `,
      )}] as idf
      from (select ${sql.join(
        positions.map(
          (i) => sql`count(*) filter (where own[${i}] > 0 or rel[${i}] > 0)::float8 as df${i}`,
        ),
        sql`, `,
      )} from matches) m,
      -- Publishing a document sets chunk_count with its chunks, in one transaction.
      (select sum(d.chunk_count)::float8 as total from knowledge_documents d where ${documents}) n
    ),
    ranked as (
      select m.id, m.created_at, m.position,
             ${sum(
               positions.map(
                 (i) => sql`greatest(m.own[${i}], ${related} * m.rel[${i}]) * w.idf[${i}]`,
               ),
             )} as rank,
             (${sum(
               positions.map(
                 (i) =>
                   sql`(case when m.own[${i}] > 0 then 1 when m.rel[${i}] > 0 then ${related} else 0 end) * w.idf[${i}]`,
               ),
             )}) / (${sum(positions.map((i) => sql`w.idf[${i}]`))}) as coverage
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
