import type { CallAnalytics } from '../../api/analytics';
import { formatDurationWords } from '../../lib/format';
import { percent, usd } from './chart-theme';

type Figure = { label: string; value: string; detail: string };

function figuresOf({ totals }: CallAnalytics): Figure[] {
  return [
    {
      label: 'Calls',
      value: totals.calls.toLocaleString(),
      detail: `${totals.completed} completed`,
    },
    {
      label: 'Answered',
      value: percent(totals.answered.hits, totals.answered.of),
      detail: `${totals.answered.hits} of ${totals.answered.of} questions`,
    },
    {
      label: 'Escalations',
      value: totals.escalated.toLocaleString(),
      detail: `${totals.messagesLeft} messages left`,
    },
    {
      label: 'Avg duration',
      value: formatDurationWords(totals.avgDurationMs),
      detail: 'per call',
    },
    {
      label: 'Rating',
      value: totals.avgRating === null ? '—' : `${totals.avgRating.toFixed(1)} / 5`,
      detail: `${totals.rated} ratings`,
    },
    {
      label: 'Estimated cost',
      value: totals.estimatedCost === null ? '—' : usd(totals.estimatedCost),
      detail: 'model usage',
    },
  ];
}

/** The period's headline figures. */
export function AnalyticsFigures({ data }: { data: CallAnalytics }) {
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      {figuresOf(data).map(({ label, value, detail }) => (
        <div
          key={label}
          className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-xs dark:border-slate-800 dark:bg-slate-900"
        >
          <dt className="truncate text-xs font-medium text-slate-500 dark:text-slate-400">
            {label}
          </dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900 dark:text-slate-50">
            {value}
          </dd>
          <dd className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{detail}</dd>
        </div>
      ))}
    </dl>
  );
}
