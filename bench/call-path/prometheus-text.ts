// Reading a Buzzi node's /metrics (Prometheus text format) from a benchmark:
// scrapes, sums of series, and histogram quantiles over the difference
// between two scrapes (what happened in a window).

export type Scrape = Array<{ name: string; labels: Record<string, string>; value: number }>;

export async function scrapeMetrics(url: string, token: string): Promise<Scrape> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`/metrics: ${response.status}`);
  return parsePrometheusText(await response.text());
}

export function parsePrometheusText(text: string): Scrape {
  const samples: Scrape = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[key as string] = value as string;
    }
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

const bound = (le: string) => (le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le));

const matches = (labels: Record<string, string>, wanted: Record<string, string>) =>
  Object.entries(wanted).every(([key, value]) => labels[key] === value);

/** The sum of every series of `name` whose labels include `wanted`. */
export function total(scrape: Scrape, name: string, wanted: Record<string, string> = {}): number {
  return scrape
    .filter((sample) => sample.name === name && matches(sample.labels, wanted))
    .reduce((sum, sample) => sum + sample.value, 0);
}

/**
 * A histogram's figures between two scrapes, in ms: how many observations,
 * the quantiles (the upper bound of the bucket they fall in, as Prometheus
 * would read them without interpolation) and the bound the largest one is under.
 */
export function histogramWindowMs(
  before: Scrape,
  after: Scrape,
  name: string,
  wanted: Record<string, string> = {},
  quantiles: number[] = [0.5, 0.99],
) {
  const bounds = [
    ...new Set(
      after
        .filter((sample) => sample.name === `${name}_bucket` && matches(sample.labels, wanted))
        .map((sample) => sample.labels.le as string),
    ),
  ].sort((a, b) => bound(a) - bound(b));
  const cumulative = bounds.map((le) => ({
    le,
    count:
      total(after, `${name}_bucket`, { ...wanted, le }) -
      total(before, `${name}_bucket`, { ...wanted, le }),
  }));
  const count = cumulative.at(-1)?.count ?? 0;
  const toMs = (le: string | undefined) =>
    le === undefined || le === '+Inf' ? null : Number((Number(le) * 1000).toFixed(3));
  const quantileMs = (q: number) =>
    count === 0 ? null : toMs(cumulative.find((bucket) => bucket.count >= q * count)?.le);
  const sumS = total(after, `${name}_sum`, wanted) - total(before, `${name}_sum`, wanted);
  const largest = cumulative.find((bucket) => bucket.count === count && count > 0);
  return {
    count,
    meanMs: count > 0 ? Number(((sumS / count) * 1000).toFixed(4)) : null,
    ...Object.fromEntries(quantiles.map((q) => [`p${q * 100}Ms`, quantileMs(q)])),
    maxUnderMs: toMs(largest?.le),
  };
}
