/** Chart colours readable on the light and the dark theme alike. */
export const chartColors = {
  calls: '#3b82f6',
  escalated: '#f59e0b',
  messages: '#8b5cf6',
  axis: '#64748b',
  grid: '#94a3b840',
} as const;

export const axisProps = {
  stroke: chartColors.axis,
  tick: { fill: chartColors.axis, fontSize: 12 },
  tickLine: false,
  axisLine: false,
} as const;

export const tooltipProps = {
  cursor: { fill: '#94a3b826' },
  contentStyle: {
    borderRadius: 8,
    border: '1px solid #cbd5e1',
    fontSize: 12,
    color: '#0f172a',
  },
} as const;

export const usd = (amount: number, digits = 2) =>
  new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency: 'USD',
    maximumFractionDigits: digits,
  }).format(amount);

export const percent = (hits: number, of: number) =>
  of === 0 ? '—' : `${Math.round((100 * hits) / of)}%`;
