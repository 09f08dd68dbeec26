import { Link } from 'react-router';
import type { useAnalyzedCall } from '../../../api/call-options';
import { Alert } from '../../../components/ui/Alert';
import { Badge } from '../../../components/ui/Badge';
import { Spinner } from '../../../components/ui/Spinner';
import { errorMessage } from '../../../lib/errors';

type CallSummaryProps = { analysis: ReturnType<typeof useAnalyzedCall> };

/** The post-call analysis (summary, intent, urgency), which lands a moment after the call. */
export function CallSummary({ analysis: { query, waiting } }: CallSummaryProps) {
  const call = query.data;

  return (
    <section aria-labelledby="call-summary-title" className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3
          id="call-summary-title"
          className="mr-auto text-sm font-semibold text-slate-900 dark:text-slate-50"
        >
          Summary
        </h3>
        {call?.intent && <Badge tone="violet">{call.intent}</Badge>}
        {call?.summary &&
          (call.isUrgent ? <Badge tone="red">Urgent</Badge> : <Badge>Not urgent</Badge>)}
      </div>
      {query.isError ? (
        <Alert variant="error">{errorMessage(query.error)}</Alert>
      ) : call?.summary ? (
        <p data-testid="call-summary" className="text-sm text-slate-700 dark:text-slate-300">
          {call.summary}
        </p>
      ) : waiting ? (
        <p
          role="status"
          className="flex items-center gap-2 text-sm text-slate-500 dark:text-slate-400"
        >
          <Spinner />
          Writing the summary…
        </p>
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">
          No summary for this call: nobody spoke, or the analysis did not finish.
        </p>
      )}
      <p className="text-xs text-slate-500 dark:text-slate-400">
        The call is also listed under{' '}
        <Link
          to="/calls"
          className="font-medium text-blue-700 underline-offset-2 hover:underline focus-visible:rounded focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none dark:text-blue-400"
        >
          Calls
        </Link>
        .
      </p>
    </section>
  );
}
