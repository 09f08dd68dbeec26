import { sql } from 'drizzle-orm';
import type { Database } from '../../src/server/db/client.js';

/**
 * The offline answer path as it was before offline answers were measured
 * (issue 15): full text over the query's Postgres lexemes, the best passage's
 * sentences sharing the most words with the question, and a fixed 0.2 cut-off.
 * Kept verbatim so that the answers bench shows before and after in one run.
 */

type Hit = { heading: string; content: string; documentTitle: string; coverage: number };

const MAX_TERMS = 24;
const MIN_TEXT_RANK = 0.2;
const MAX_ANSWER_SENTENCES = 3;

export async function baselineSearch(
  db: Database,
  companyId: string,
  query: string,
  limit: number,
): Promise<Hit[]> {
  const trimmed = query.replaceAll('\0', ' ').trim().slice(0, 2000);
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return [];
  const lexemeRows = await db.execute(sql`
    select lexeme from unnest(to_tsvector('english', ${trimmed}))
    order by positions[1], lexeme
    limit ${MAX_TERMS}`);
  const lexemes = (lexemeRows as unknown as { rows: Array<{ lexeme: string }> }).rows.map(
    (r) => r.lexeme,
  );
  if (lexemes.length === 0) return [];
  const terms = lexemes.map((l) => `'${l.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`);
  const positions = terms.map((_, i) => sql.raw(String(i + 1)));
  const sum = (parts: ReturnType<typeof sql>[]) => sql.join(parts, sql` + `);
  const documents = sql`d.company_id = ${companyId} and d.status = 'ready'`;
  const result = await db.execute(sql`
    with matches as materialized (
      select c.id, d.created_at, c.position,
             array[${sql.join(
               terms.map((term) => sql`ts_rank(c.search_vector, ${term}::tsquery, 1)`),
               sql`, `,
             )}]::float8[] as ranks
      from knowledge_chunks c
      join knowledge_documents d on d.id = c.document_id
      where c.company_id = ${companyId} and ${documents}
        and c.run_id is not distinct from d.chunks_run_id
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
    select d.title as "documentTitle", c.heading, c.content, r.coverage
    from ranked r
    join knowledge_chunks c on c.id = r.id
    join knowledge_documents d on d.id = c.document_id
    order by r.rank desc, r.created_at, r.position, r.id`);
  return (result as unknown as { rows: Hit[] }).rows.map((row) => ({
    ...row,
    coverage: Number(row.coverage),
  }));
}

const QUESTION_WORDS = new Set(
  'what when where which who whom whose why how are is was were can could would should does did have has had the and for you your our with about from this that there any please tell know'.split(
    ' ',
  ),
);

const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 2 && !QUESTION_WORDS.has(w))
      .map((w) => w.replace(/(ing|ed|es|s)$/, '')),
  );

const shareWords = (a: Set<string>, b: Set<string>) => [...a].some((word) => b.has(word));

function answerSentences(question: string, passage: string, heading: string): string {
  const sentences =
    passage
      .match(/[^.!?\n]+[.!?]*/g)
      ?.map((s) => s.trim())
      .filter(Boolean) ?? [];
  const asked = words(question);
  const scored = sentences.map((sentence, index) => {
    let overlap = 0;
    for (const word of words(sentence)) if (asked.has(word)) overlap++;
    return { sentence, index, overlap };
  });
  const leadsWithFirst = scored.length > 0 && shareWords(words(heading), asked);
  const ranked = [...scored]
    .sort((a, b) => b.overlap - a.overlap || a.index - b.index)
    .filter((s) => !(leadsWithFirst && s.index === 0));
  const chosen = leadsWithFirst ? [scored[0] as (typeof scored)[number], ...ranked] : ranked;
  return chosen
    .slice(0, MAX_ANSWER_SENTENCES)
    .filter((s, i) => i === 0 || s.overlap > 0)
    .sort((a, b) => a.index - b.index)
    .map((s) => s.sentence)
    .join(' ');
}

/** The old answer, or null for "I couldn't find that". */
export function baselineAnswer(question: string, hits: Hit[]): string | null {
  const [best] = hits;
  if (!best || best.coverage < MIN_TEXT_RANK) return null;
  return answerSentences(question, best.content, best.heading) || best.content.slice(0, 400);
}

const FAREWELL = /\b(good ?bye|bye|that'?s all|that is all|nothing else|hang up)\b/i;

/** Whether the old offline voice brain ended the call on `text`. */
export function baselineEndsCall(text: string): boolean {
  const plain = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return FAREWELL.test(plain);
}
