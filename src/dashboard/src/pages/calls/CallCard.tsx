import { CircleCheck, Flag, PhoneOutgoing } from 'lucide-react';
import type { Call } from '../../api/types';
import { Badge } from '../../components/ui/Badge';
import { cn } from '../../lib/cn';
import { formatDateTime, formatDurationWords } from '../../lib/format';
import { focusRing } from '../../lib/styles';
import { callerOf, followUps, isLive, sources, statusBadges } from './call-labels';
import { formatCallTime } from './call-time';
import { HandledButton } from './HandledButton';
import { LiveDuration } from './LiveDuration';

type CallCardProps = {
  call: Call;
  now: number;
  onOpen: (id: string) => void;
};

/** One call in the list: who, when, how it went and what it was about. */
export function CallCard({ call, now, onOpen }: CallCardProps) {
  const caller = callerOf(call);
  const source = sources[call.source];
  const status = statusBadges[call.status];
  return (
    <article
      aria-label={`Call from ${caller.name}`}
      className={cn(
        'relative flex gap-3 rounded-lg border bg-white p-4 shadow-xs dark:bg-slate-900',
        'hover:border-slate-300 dark:hover:border-slate-700 motion-safe:transition-colors',
        call.needsAttention
          ? 'border-amber-300 dark:border-amber-800/70'
          : 'border-slate-200 dark:border-slate-800',
      )}
    >
      <div
        className="grid size-9 shrink-0 place-items-center rounded-full bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300"
        title={source.label}
      >
        <source.icon className="size-4" aria-hidden="true" />
        <span className="sr-only">{source.label}</span>
      </div>
      <div className="min-w-0 flex-1 space-y-2">
        <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
          <div className="min-w-0">
            <h3 className="truncate text-sm font-semibold text-slate-900 dark:text-slate-50">
              {/* The whole card opens the details; the button carries the name for assistive tech. */}
              <button
                type="button"
                onClick={() => onOpen(call.id)}
                className={cn('rounded-sm text-left after:absolute after:inset-0', focusRing)}
              >
                {caller.name}
              </button>
            </h3>
            <p className="flex flex-wrap items-center gap-x-2 text-xs text-slate-500 dark:text-slate-400">
              {caller.number && <span className="tabular-nums">{caller.number}</span>}
              <time dateTime={call.startedAt} title={formatDateTime(call.startedAt)}>
                {formatCallTime(call.startedAt, now)}
              </time>
              <span className="tabular-nums">
                <span className="sr-only">Duration </span>
                {isLive(call) ? (
                  <LiveDuration startedAt={call.startedAt} />
                ) : (
                  formatDurationWords(call.durationMs)
                )}
              </span>
              {call.direction === 'outbound' && (
                <span className="inline-flex items-center gap-1">
                  <PhoneOutgoing className="size-3" aria-hidden="true" />
                  Outbound
                </span>
              )}
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-1.5">
            {call.isUrgent && (
              <Badge tone="red">
                <Flag className="size-3" aria-hidden="true" />
                Urgent
              </Badge>
            )}
            <Badge tone={status.tone}>{status.label}</Badge>
            {call.isHandled && (
              <Badge tone="green">
                <CircleCheck className="size-3" aria-hidden="true" />
                Handled
              </Badge>
            )}
          </div>
        </div>
        {call.summary && (
          <p className="line-clamp-2 text-sm text-slate-700 dark:text-slate-300">{call.summary}</p>
        )}
        <div className="flex flex-wrap items-center gap-2">
          {call.intent && <Badge tone="violet">{call.intent}</Badge>}
          {followUps(call).map((reason) => (
            <Badge key={reason} tone={call.isHandled ? 'neutral' : 'amber'}>
              {reason}
            </Badge>
          ))}
          {call.chatbotName && (
            <span className="truncate text-xs text-slate-500 dark:text-slate-400">
              {call.chatbotName}
            </span>
          )}
          <HandledButton call={call} className="relative z-10 ml-auto" />
        </div>
      </div>
    </article>
  );
}
