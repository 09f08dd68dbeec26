import { sql } from 'drizzle-orm';
import type { EmbeddingProvider } from '../ai/embeddings.js';
import type { Database } from '../db/client.js';

export type RetrievedChunk = {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  heading: string;
  content: string;
  /** Fused score, higher is better; comparable within one result list only. */
  score: number;
  /** Full-text rank (ts_rank_cd), 0 when the chunk came from vector search alone. */
  textRank: number;
};

export type SearchScope =
  /** The categories the chatbot links; a chatbot linking none sees all the company's knowledge. */
  { chatbotId: string } | { categoryIds: string[] } | { all: true };

export type SearchInput = {
  companyId: string;
  query: string;
  limit?: number;
} & SearchScope;

export type RetrievalOptions = {
  db: Database;
  /** Present when an embedding provider is configured and the database has pgvector. */
  embeddings?: EmbeddingProvider | undefined;
  vectorColumn: boolean;
};

// Reciprocal rank fusion constant from Cormack et al. (2009).
const RRF_K = 60;
const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 20;

/**
 * The one retrieval path for chat and calls: Postgres full text always,
 * pgvector similarity when embeddings exist, fused by reciprocal rank.
 * Only ever returns chunks of `companyId` from documents that are ready.
 */
export class KnowledgeRetriever {
  constructor(private readonly options: RetrievalOptions) {}

  get usesVectors(): boolean {
    return this.options.vectorColumn && this.options.embeddings !== undefined;
  }

  async search(input: SearchInput): Promise<RetrievedChunk[]> {
    const limit = Math.min(Math.max(1, input.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
    const query = input.query.trim().slice(0, 2000);
    if (!query) return [];
    const candidates = limit * 4;
    const [textHits, vectorHits] = await Promise.all([
      this.#fullText(input, query, candidates),
      this.usesVectors ? this.#vector(input, query, candidates) : Promise.resolve([]),
    ]);
    return fuse([textHits, vectorHits]).slice(0, limit);
  }

  #scopeFilter(input: SearchInput) {
    if ('categoryIds' in input) {
      if (input.categoryIds.length === 0) return sql`false`;
      return sql`d.category_id in (${sql.join(
        input.categoryIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`;
    }
    if ('chatbotId' in input) {
      return sql`(
        d.category_id in (select category_id from chatbot_knowledge_categories
                          where chatbot_id = ${input.chatbotId} and company_id = ${input.companyId})
        or not exists (select 1 from chatbot_knowledge_categories
                       where chatbot_id = ${input.chatbotId} and company_id = ${input.companyId}))`;
    }
    return sql`true`;
  }

  async #fullText(input: SearchInput, query: string, limit: number): Promise<RetrievedChunk[]> {
    // OR of the query's lexemes: a question rarely shares every word with its
    // answer, and ts_rank_cd still ranks chunks matching more words higher.
    const result = await this.options.db.execute(sql`
      with q as (
        select to_tsquery('english', string_agg(quote_literal(lexeme), ' | ')) as query
        from unnest(to_tsvector('english', ${query}))
      )
      select c.id as "chunkId", c.document_id as "documentId", d.title as "documentTitle",
             c.heading, c.content, ts_rank_cd(c.search_vector, q.query, 1) as "textRank"
      from q, knowledge_chunks c
      join knowledge_documents d on d.id = c.document_id
      where q.query is not null
        and c.company_id = ${input.companyId}
        and d.company_id = ${input.companyId}
        and d.status = 'ready'
        and c.search_vector @@ q.query
        and ${this.#scopeFilter(input)}
      order by "textRank" desc, c.id
      limit ${limit}`);
    return rowsOf(result).map((row) => ({ ...row, textRank: Number(row.textRank), score: 0 }));
  }

  async #vector(input: SearchInput, query: string, limit: number): Promise<RetrievedChunk[]> {
    const embeddings = this.options.embeddings;
    if (!embeddings) return [];
    const [vector] = await embeddings.embed([query], 'query');
    if (!vector) return [];
    const literal = `[${vector.join(',')}]`;
    const result = await this.options.db.execute(sql`
      select c.id as "chunkId", c.document_id as "documentId", d.title as "documentTitle",
             c.heading, c.content, 0 as "textRank"
      from knowledge_chunks c
      join knowledge_documents d on d.id = c.document_id
      where c.company_id = ${input.companyId}
        and d.company_id = ${input.companyId}
        and d.status = 'ready'
        and c.embedding is not null
        and ${this.#scopeFilter(input)}
      order by c.embedding <=> ${literal}::vector
      limit ${limit}`);
    return rowsOf(result).map((row) => ({ ...row, textRank: 0, score: 0 }));
  }
}

type Row = Omit<RetrievedChunk, 'score'>;

function rowsOf(result: unknown): Row[] {
  // node-postgres and PGlite both answer `execute` with `{ rows }`.
  return (result as { rows: Row[] }).rows;
}

/** Reciprocal rank fusion: a chunk ranked high by either list ranks high. */
export function fuse(lists: RetrievedChunk[][]): RetrievedChunk[] {
  const byId = new Map<string, RetrievedChunk>();
  for (const list of lists) {
    list.forEach((chunk, index) => {
      const existing = byId.get(chunk.chunkId);
      const contribution = 1 / (RRF_K + index + 1);
      if (existing) {
        existing.score += contribution;
        existing.textRank = Math.max(existing.textRank, chunk.textRank);
      } else {
        byId.set(chunk.chunkId, { ...chunk, score: contribution });
      }
    });
  }
  return [...byId.values()].sort((a, b) => b.score - a.score || b.textRank - a.textRank);
}
