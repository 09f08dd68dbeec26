import type { ReactNode } from 'react';
import { Card, CardHeader } from '../../components/ui/Card';

type BreakdownListProps = {
  title: string;
  description?: string;
  empty: string;
  rows: Array<{ key: string; name: ReactNode; facts: Array<[string, ReactNode]> }>;
};

/** Rows of labelled figures that wrap on narrow screens instead of scrolling sideways. */
export function BreakdownList({ title, description, empty, rows }: BreakdownListProps) {
  return (
    <Card aria-label={title}>
      <CardHeader title={title} description={description} />
      {rows.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500 dark:text-slate-400">{empty}</p>
      ) : (
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {rows.map((row) => (
            <li key={row.key} className="flex flex-wrap items-baseline gap-x-6 gap-y-2 px-5 py-3">
              <span className="min-w-40 flex-1 text-sm font-medium text-slate-900 dark:text-slate-100">
                {row.name}
              </span>
              <dl className="flex flex-wrap gap-x-6 gap-y-1">
                {row.facts.map(([term, value]) => (
                  <div key={term} className="min-w-20">
                    <dt className="text-xs text-slate-500 dark:text-slate-400">{term}</dt>
                    <dd className="text-sm tabular-nums text-slate-900 dark:text-slate-100">
                      {value}
                    </dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
