/**
 * A deterministic stand-in for a text embedding: every word adds 1 to the
 * bucket its hash falls in, and the vector is scaled to unit length. Texts
 * sharing words are close in cosine distance, so vector search ranks them
 * meaningfully in tests.
 */
export function hashEmbedding(text: string, dimensions = 1536): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of words) {
    const bucket = fnv1a(word) % dimensions;
    vector[bucket] = (vector[bucket] ?? 0) + 1;
  }
  // An empty text still gets a valid (non-zero) vector.
  if (words.length === 0) vector[0] = 1;
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
