import { PhoneCall } from 'lucide-react';
import { useDueCallbacks } from '../../api/callbacks';
import { useSession } from '../../auth/session-context';
import { Button } from '../../components/ui/Button';
import { useNow } from '../../lib/use-now';
import { CallbackItem } from './CallbackItem';

/**
 * Callbacks due now or overdue, above the Calls list and the Inbox. Nothing
 * shows while none is due or the company has no calls; a failed load says so
 * in one line, since the page under it still works.
 */
export function CallbacksDue({ onOpenCall }: { onOpenCall?: (callId: string) => void }) {
  const { callEnabled } = useSession();
  const due = useDueCallbacks(callEnabled);
  const now = useNow();
  if (!callEnabled || due.isPending) return null;
  if (due.isError) {
    return (
      <p role="alert" className="text-sm text-red-600 dark:text-red-400">
        Could not load the callbacks that are due.{' '}
        <Button size="sm" variant="ghost" onClick={() => due.refetch()}>
          Try again
        </Button>
      </p>
    );
  }
  if (due.data.length === 0) return null;
  return (
    <section
      aria-labelledby="callbacks-due-title"
      className="rounded-lg border border-amber-300 bg-amber-50/60 p-4 dark:border-amber-800/70 dark:bg-amber-950/30"
    >
      <h2
        id="callbacks-due-title"
        className="mb-3 flex items-center gap-2 text-sm font-semibold text-amber-900 dark:text-amber-200"
      >
        <PhoneCall className="size-4" aria-hidden="true" />
        Callbacks due
        <span className="rounded-full bg-amber-100 px-1.5 text-xs tabular-nums text-amber-800 dark:bg-amber-900 dark:text-amber-200">
          {due.data.length}
        </span>
      </h2>
      <ul aria-label="Callbacks due" className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {due.data.map((callback) => (
          <li
            key={callback.id}
            className="rounded-md border border-amber-200 bg-white p-3 dark:border-amber-900/60 dark:bg-slate-900"
          >
            <CallbackItem callback={callback} now={now} onOpenCall={onOpenCall} />
          </li>
        ))}
      </ul>
    </section>
  );
}
