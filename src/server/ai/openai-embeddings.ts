import OpenAI from 'openai';
import { batchesOf, checkVectors } from './embedding-batches.js';
import { embeddingError } from './embedding-error.js';
import { EMBEDDING_DIMENSIONS, type EmbeddingProvider } from './embeddings.js';

export const OPENAI_EMBEDDING_MODEL = 'text-embedding-3-small';
/** Inputs per request; the API takes up to 2048, smaller batches fail and retry cheaper. */
export const OPENAI_EMBEDDING_BATCH = 100;

export type OpenAIEmbeddingsOptions = {
  apiKey: string;
  /** An OpenAI-compatible API root including `/v1`; the SDK default when absent. */
  baseUrl?: string | undefined;
  model?: string;
  /** Retries of a failed request (429, 5xx, connection errors); the SDK backs off between them. */
  maxRetries?: number;
  timeoutMs?: number;
};

/** OpenAI embeddings (text-embedding-3-small, 1536 dimensions, already unit length). */
export class OpenAIEmbeddings implements EmbeddingProvider {
  readonly name = 'openai';
  readonly #client: OpenAI;
  readonly #model: string;

  constructor(options: OpenAIEmbeddingsOptions) {
    this.#client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseUrl,
      maxRetries: options.maxRetries ?? 2,
      timeout: options.timeoutMs ?? 60_000,
    });
    this.#model = options.model ?? OPENAI_EMBEDDING_MODEL;
  }

  // OpenAI embeds documents and queries alike.
  async embed(texts: string[], _purpose: 'document' | 'query'): Promise<number[][]> {
    const vectors: number[][] = [];
    for (const batch of batchesOf(texts, OPENAI_EMBEDDING_BATCH)) {
      let response: OpenAI.CreateEmbeddingResponse;
      try {
        response = await this.#client.embeddings.create({ model: this.#model, input: batch });
      } catch (error) {
        throw embeddingError('OpenAI', error);
      }
      const ordered = [...response.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      checkVectors('OpenAI', ordered, batch.length, EMBEDDING_DIMENSIONS);
      vectors.push(...ordered);
    }
    return vectors;
  }
}
