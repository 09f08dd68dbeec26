import { EmbeddingError } from './embedding-error.js';

/** Checks an answer has one vector of the right size per input. */
export function checkVectors(
  provider: string,
  vectors: number[][],
  expectedCount: number,
  dimensions: number,
): void {
  if (vectors.length !== expectedCount) {
    throw new EmbeddingError(
      `${provider} returned ${vectors.length} embeddings for ${expectedCount} texts`,
    );
  }
  const wrong = vectors.find((vector) => vector.length !== dimensions);
  if (wrong) {
    throw new EmbeddingError(
      `${provider} returned embeddings of ${wrong.length} dimensions instead of ${dimensions}`,
    );
  }
}

/** Consecutive slices of at most `size` items. */
export function* batchesOf<T>(items: T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
