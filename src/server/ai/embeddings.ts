/** Dimensions of the pgvector column (drizzle/0001_pgvector_embeddings.sql). */
export const EMBEDDING_DIMENSIONS = 1536;

/**
 * Turns texts into vectors of EMBEDDING_DIMENSIONS. Implementations call a
 * provider's API; none exists offline, so retrieval then uses full text only.
 */
export interface EmbeddingProvider {
  readonly name: string;
  /** What a document chunk or a query is embedded for; some providers embed them differently. */
  embed(texts: string[], purpose: 'document' | 'query'): Promise<number[][]>;
}
