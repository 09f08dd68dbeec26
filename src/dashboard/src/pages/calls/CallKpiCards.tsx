import type { LucideIcon } from 'lucide-react';
import {
  ArrowDownRight,
  ArrowUpRight,
  CalendarClock,
  Clock,
  Phone,
  TriangleAlert,
} from 'lucide-react';
import { useCallStats } from '../../api/calls';
import type { CallStat, CallStats } from '../../api/types';
import { Skeleton } from '../../components/ui/Skeleton';
import { cn } from '../../lib/cn';
import { formatDurationWords } from '../../lib/format';

/** Whether a rise is good news (more calls answered) or bad (more waiting for someone). */
type Trend = 'up-is-good' | 'up-is-bad' | 'neutral';

type Kpi = {
  key: keyof CallStats;
  label: string;
  icon: LucideIcon;
  trend: Trend;
  format: (value: number) => string;
  /** The period the change compares with. */
  previous: (rangeLabel: string) => { vs: string; none: string };
};

const count = (value: number) => value.toLocaleString();

const previousRange = (rangeLabel: string) => {
  const period = rangeLabel.replace(/^Last/, 'previous');
  return { vs: `vs the ${period}`, none: `None in the ${period}` };
};

const kpis: Kpi[] = [
  {
    key: 'total',
    label: 'Total Calls',
    icon: Phone,
    trend: 'up-is-good',
    format: count,
    previous: previousRange,
  },
  {
    key: 'today',
    label: 'Calls Today',
    icon: CalendarClock,
    trend: 'up-is-good',
    format: count,
    previous: () => ({ vs: 'vs yesterday', none: 'None yesterday' }),
  },
  {
    key: 'needsAttention',
    label: 'Needs Attention',
    icon: TriangleAlert,
    trend: 'up-is-bad',
    format: count,
    previous: previousRange,
  },
  {
    key: 'avgDurationMs',
    label: 'Avg Duration',
    icon: Clock,
    trend: 'neutral',
    format: formatDurationWords,
    previous: previousRange,
  },
];

const changeTones: Record<Trend, { up: string; down: string }> = {
  'up-is-good': {
    up: 'text-emerald-700 dark:text-emerald-400',
    down: 'text-red-700 dark:text-red-400',
  },
  'up-is-bad': {
    up: 'text-red-700 dark:text-red-400',
    down: 'text-emerald-700 dark:text-emerald-400',
  },
  neutral: { up: 'text-slate-600 dark:text-slate-300', down: 'text-slate-600 dark:text-slate-300' },
};

type ChangeProps = { stat: CallStat; trend: Trend; previous: { vs: string; none: string } };

function Change({ stat, trend, previous }: ChangeProps) {
  if (stat.change === null) {
    return <p className="text-xs text-slate-500 dark:text-slate-400">{previous.none}</p>;
  }
  const percent = Math.round(stat.change * 100);
  const Arrow = percent < 0 ? ArrowDownRight : ArrowUpRight;
  const tone =
    percent === 0 ? changeTones.neutral.up : changeTones[trend][percent < 0 ? 'down' : 'up'];
  return (
    <p className="flex flex-wrap items-center gap-x-1 text-xs text-slate-500 dark:text-slate-400">
      <span className={cn('inline-flex items-center font-medium tabular-nums', tone)}>
        {percent !== 0 && <Arrow className="size-3.5" aria-hidden="true" />}
        {percent > 0 ? '+' : ''}
        {percent}%
      </span>
      {previous.vs}
    </p>
  );
}

/** The four figures above the list, for the chosen date range. */
export function CallKpiCards({ from, rangeLabel }: { from: string; rangeLabel: string }) {
  const stats = useCallStats(from);
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {kpis.map(({ key, label, icon: Icon, trend, format, previous }) => {
        const stat = stats.data?.[key];
        return (
          <section
            key={key}
            aria-label={label}
            className="min-w-0 space-y-1.5 rounded-lg border border-slate-200 bg-white p-4 shadow-xs dark:border-slate-800 dark:bg-slate-900"
          >
            <div className="flex items-center justify-between gap-2">
              <h2 className="truncate text-xs font-medium text-slate-500 dark:text-slate-400">
                {label}
              </h2>
              <Icon className="size-4 shrink-0 text-slate-400" aria-hidden="true" />
            </div>
            {stat ? (
              <>
                <p
                  data-testid="kpi-value"
                  className="text-2xl font-semibold tabular-nums text-slate-900 dark:text-slate-50"
                >
                  {format(stat.value)}
                </p>
                <Change stat={stat} trend={trend} previous={previous(rangeLabel)} />
              </>
            ) : stats.isError ? (
              <p className="text-2xl font-semibold text-slate-400">—</p>
            ) : (
              <>
                <Skeleton className="h-8 w-16" />
                <Skeleton className="h-3 w-24" />
              </>
            )}
          </section>
        );
      })}
    </div>
  );
}
