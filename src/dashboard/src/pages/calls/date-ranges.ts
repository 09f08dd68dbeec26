export const dateRanges = [
  { value: '7', label: 'Last 7 days' },
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
  { value: '365', label: 'Last 12 months' },
] as const;

export type DateRange = (typeof dateRanges)[number]['value'];

export const DEFAULT_RANGE: DateRange = '30';

/** Midnight, local time, at the start of the range's first day (today counts as one). */
export function rangeStart(range: DateRange, now = new Date()): string {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  start.setDate(start.getDate() - (Number(range) - 1));
  return start.toISOString();
}

export function rangeLabel(range: DateRange): string {
  return dateRanges.find((r) => r.value === range)?.label ?? '';
}
