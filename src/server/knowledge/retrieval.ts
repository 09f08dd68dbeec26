import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { EmbeddingProvider } from '../ai/embeddings.js';
import type { Database } from '../db/client.js';
import { fullTextSearch, searchConcepts } from './full-text-search.js';
import { publishedChunk } from './published-chunk.js';
import { questionMeaning } from './question-meaning.js';
import { supportsIterativeScan, vectorSearch } from './vector-search.js';

export type RetrievedChunk = {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  heading: string;
  content: string;
  /** Fused score, higher is better; comparable within one result list only. */
  score: number;
  /**
   * How much of the query the chunk matches, 0–1: the share of the query's
   * concepts found, each weighted by its rarity, a related word counting less
   * than the caller's own. 0 when the chunk came from vector search alone.
   */
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
  logger?: Logger | undefined;
};

// Reciprocal rank fusion constant from Cormack et al. (2009).
const RRF_K = 60;
const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 20;
const MAX_QUERY_CHARS = 2000;

/**
 * The one retrieval path for chat and calls: Postgres full text always
 * (over the question's meaning: its words, their synonyms, what its form asks for),
 * pgvector similarity when embeddings exist, fused by reciprocal rank.
 * Only ever returns chunks of `companyId` from documents that are ready.
 */
export class KnowledgeRetriever {
  #iterativeScan: Promise<boolean> | undefined;

  constructor(private readonly options: RetrievalOptions) {}

  get usesVectors(): boolean {
    return this.options.vectorColumn && this.options.embeddings !== undefined;
  }

  async search(input: SearchInput): Promise<RetrievedChunk[]> {
    const limit = Math.min(Math.max(1, input.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
    // Postgres text cannot hold NUL; pasted binary junk must not turn into a 500.
    const query = input.query.replaceAll('\0', ' ').trim().slice(0, MAX_QUERY_CHARS);
    if (!/[\p{L}\p{N}]/u.test(query)) return [];
    const candidates = limit * 4;
    const [textHits, vectorHits] = await Promise.all([
      this.#fullText(input, query, candidates),
      this.usesVectors ? this.#vector(input, query, candidates) : Promise.resolve([]),
    ]);
    return fuse([textHits, vectorHits]).slice(0, limit);
  }

  /** Titles and section headings of the documents a chatbot sees: what its callers are likely to ask about. */
  async topics(input: { companyId: string; chatbotId: string }): Promise<string[]> {
    const scope = { ...input, query: '' };
    const result = await this.options.db.execute(sql`
      select distinct d.title as topic from knowledge_documents d where ${this.#documents(scope)}
      union
      select distinct c.heading from knowledge_chunks c
        join knowledge_documents d on d.id = c.document_id
        where c.heading <> '' and ${publishedChunk} and ${this.#documents(scope)}
      limit 500`);
    return (result as unknown as { rows: Array<{ topic: string }> }).rows.map((row) => row.topic);
  }

  /** Documents `input` may see: the tenant's, ready, within the scope. */
  #documents(input: SearchInput) {
    return sql`d.company_id = ${input.companyId} and d.status = 'ready' and ${this.#scopeFilter(input)}`;
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
    const { db } = this.options;
    const concepts = await searchConcepts(db, questionMeaning(query));
    const hits = await fullTextSearch(db, {
      companyId: input.companyId,
      documents: this.#documents(input),
      concepts,
      limit,
    });
    return hits.map(({ coverage, ...hit }) => ({ ...hit, textRank: coverage, score: 0 }));
  }

  async #vector(input: SearchInput, query: string, limit: number): Promise<RetrievedChunk[]> {
    const embeddings = this.options.embeddings;
    if (!embeddings) return [];
    let vector: number[] | undefined;
    try {
      [vector] = await embeddings.embed([query], 'query');
    } catch (err) {
      // An embedding outage must not take answers down: full text still has them.
      this.options.logger?.warn({ err }, 'query embedding failed; searching full text only');
      return [];
    }
    if (!vector) return [];
    this.#iterativeScan ??= supportsIterativeScan(this.options.db).catch((error) => {
      this.#iterativeScan = undefined;
      throw error;
    });
    const hits = await vectorSearch(this.options.db, {
      companyId: input.companyId,
      documents: this.#documents(input),
      vector,
      limit,
      iterativeScan: await this.#iterativeScan,
    });
    return hits.map((hit) => ({ ...hit, textRank: 0, score: 0 }));
  }
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
