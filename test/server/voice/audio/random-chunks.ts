/** Deterministic pseudo-random chunking, so a failing stream test replays the same cuts. */

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cuts `samples` into consecutive views of 0..maxChunk samples (empty chunks included on purpose). */
export function randomChunks(samples: Int16Array, seed: number, maxChunk: number): Int16Array[] {
  const random = seededRandom(seed);
  const chunks: Int16Array[] = [];
  let offset = 0;
  while (offset < samples.length) {
    const size = Math.min(samples.length - offset, Math.floor(random() * (maxChunk + 1)));
    chunks.push(samples.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}
