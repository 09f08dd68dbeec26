export type Summary = { count: number; p50: number; p95: number; p99: number; mean: number };

export function summarize(samples: number[], digits = 3): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const round = (n: number) => Number(n.toFixed(digits));
  const mean = sorted.reduce((sum, n) => sum + n, 0) / Math.max(1, sorted.length);
  return {
    count: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(mean),
  };
}

/** Runs `fn` `iterations` times after a warm-up and returns per-call durations in ms. */
export async function time(
  fn: () => unknown,
  iterations: number,
  warmup = Math.ceil(iterations / 10),
) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}
