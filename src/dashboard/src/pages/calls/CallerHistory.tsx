import type { CallDetails } from '../../api/types';
import { Badge } from '../../components/ui/Badge';
import { cn } from '../../lib/cn';
import { formatDateTime, formatDurationWords } from '../../lib/format';
import { focusRing } from '../../lib/styles';
import { statusBadges } from './call-labels';

type CallerHistoryProps = {
  calls: CallDetails['callerHistory'];
  onOpen: (id: string) => void;
};

/** The caller's earlier calls, newest first; each opens in the same panel. */
export function CallerHistory({ calls, onOpen }: CallerHistoryProps) {
  if (calls.length === 0) {
    return (
      <p className="text-sm text-slate-500 dark:text-slate-400">First call from this number.</p>
    );
  }
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800">
      {calls.map((call) => {
        const status = statusBadges[call.status];
        return (
          <li key={call.id}>
            <button
              type="button"
              onClick={() => onOpen(call.id)}
              className={cn(
                'w-full space-y-1 rounded-md px-2 py-2 text-left hover:bg-slate-50 dark:hover:bg-slate-800/60',
                focusRing,
              )}
            >
              <span className="flex flex-wrap items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
                <span className="font-medium text-slate-800 dark:text-slate-200">
                  {formatDateTime(call.startedAt)}
                </span>
                <span className="tabular-nums">{formatDurationWords(call.durationMs)}</span>
                <Badge tone={status.tone}>{status.label}</Badge>
              </span>
              {call.summary && (
                <span className="line-clamp-2 block text-sm text-slate-700 dark:text-slate-300">
                  {call.summary}
                </span>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
