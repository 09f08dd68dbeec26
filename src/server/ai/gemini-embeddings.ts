import { type EmbedContentResponse, GoogleGenAI } from '@google/genai';
import { batchesOf, checkVectors } from './embedding-batches.js';
import { embeddingError } from './embedding-error.js';
import { EMBEDDING_DIMENSIONS, type EmbeddingProvider } from './embeddings.js';

export const GEMINI_EMBEDDING_MODEL = 'gemini-embedding-001';
/** The most requests one batchEmbedContents call accepts. */
export const GEMINI_EMBEDDING_BATCH = 100;

export type GeminiEmbeddingsOptions = {
  apiKey: string;
  /** API root without the version, e.g. a test server; the SDK default when absent. */
  baseUrl?: string | undefined;
  model?: string;
  /** Retries of a failed request (429, 5xx); the SDK backs off between them. */
  maxRetries?: number;
  timeoutMs?: number;
};

function unitLength(vector: number[]): number[] {
  const norm = Math.hypot(...vector);
  return norm > 0 ? vector.map((value) => value / norm) : vector;
}

/**
 * Gemini embeddings (gemini-embedding-001 cut to 1536 dimensions). Documents
 * and queries are embedded for their task, and vectors shorter than the
 * model's native 3072 come back unnormalised, so they are scaled here.
 */
export class GeminiEmbeddings implements EmbeddingProvider {
  readonly name = 'gemini';
  readonly #client: GoogleGenAI;
  readonly #model: string;

  constructor(options: GeminiEmbeddingsOptions) {
    const attempts = (options.maxRetries ?? 2) + 1;
    this.#client = new GoogleGenAI({
      apiKey: options.apiKey,
      httpOptions: {
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        timeout: options.timeoutMs ?? 60_000,
        ...(attempts > 1 ? { retryOptions: { attempts } } : {}),
      },
    });
    this.#model = options.model ?? GEMINI_EMBEDDING_MODEL;
  }

  async embed(texts: string[], purpose: 'document' | 'query'): Promise<number[][]> {
    const vectors: number[][] = [];
    for (const batch of batchesOf(texts, GEMINI_EMBEDDING_BATCH)) {
      let response: EmbedContentResponse;
      try {
        response = await this.#client.models.embedContent({
          model: this.#model,
          contents: batch,
          config: {
            taskType: purpose === 'query' ? 'RETRIEVAL_QUERY' : 'RETRIEVAL_DOCUMENT',
            outputDimensionality: EMBEDDING_DIMENSIONS,
          },
        });
      } catch (error) {
        throw embeddingError('Gemini', error);
      }
      const batchVectors = (response.embeddings ?? []).map((e) => unitLength(e.values ?? []));
      checkVectors('Gemini', batchVectors, batch.length, EMBEDDING_DIMENSIONS);
      vectors.push(...batchVectors);
    }
    return vectors;
  }
}
