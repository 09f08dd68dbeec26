import type { ReactNode } from 'react';
import type { CallDetails } from '../../api/types';
import { formatDateTime, formatDurationWords, humanize } from '../../lib/format';
import { formatCallerNumber } from '../../lib/phone';
import { isLive, sources } from './call-labels';
import { LiveDuration } from './LiveDuration';

const usd = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 4,
});

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500 dark:text-slate-400">{term}</dt>
      <dd className="mt-0.5 text-sm text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

/** What the analysis made of the call, and the facts of how it went. */
export function CallFacts({ call }: { call: CallDetails }) {
  const live = isLive(call);
  return (
    <div className="space-y-4">
      <div>
        <h3 className="text-xs font-medium text-slate-500 dark:text-slate-400">Summary</h3>
        <p className="mt-0.5 text-sm text-slate-900 dark:text-slate-100">
          {call.summary ?? (live ? 'Written when the call ends.' : 'No summary for this call.')}
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3">
        <Fact term="Intent">{call.intent ?? '—'}</Fact>
        <Fact term="Urgency">{call.isUrgent ? 'Urgent' : 'Not urgent'}</Fact>
        {call.answered !== null && (
          <Fact term="Answered">{call.answered ? 'Yes' : 'No, the agent could not answer'}</Fact>
        )}
        {call.resolved !== null && <Fact term="Resolved">{call.resolved ? 'Yes' : 'No'}</Fact>}
        {call.sentiment && <Fact term="Caller mood">{humanize(call.sentiment)}</Fact>}
        <Fact term="End reason">{live ? 'Still on the line' : humanize(call.endReason)}</Fact>
        <Fact term="Started">{formatDateTime(call.startedAt)}</Fact>
        <Fact term="Duration">
          {live ? (
            <LiveDuration startedAt={call.startedAt} />
          ) : (
            formatDurationWords(call.durationMs)
          )}
        </Fact>
        <Fact term="Channel">
          {sources[call.source].label}
          {call.direction === 'outbound' && ' (outbound)'}
        </Fact>
        {call.outboundReason && <Fact term="Called about">{call.outboundReason}</Fact>}
        {call.transferredTo && (
          <Fact term="Transferred to">{formatCallerNumber(call.transferredTo)}</Fact>
        )}
        <Fact term="Chatbot">{call.chatbotName ?? 'Deleted chatbot'}</Fact>
        {call.routingRule && <Fact term="Routed by">{call.routingRule.name}</Fact>}
        <Fact term="Rating">{call.rating === null ? '—' : `${call.rating} of 5`}</Fact>
        {call.costEstimate && (
          <Fact term="Estimated cost">{usd.format(call.costEstimate.amount)}</Fact>
        )}
        {call.assignedTo && <Fact term="Assigned to">{call.assignedTo.name}</Fact>}
      </dl>
    </div>
  );
}
