import { Check, Phone, PhoneOutgoing } from 'lucide-react';
import { type Callback, usePlaceCallback, useUpdateCallback } from '../../api/callbacks';
import { Alert } from '../../components/ui/Alert';
import { Badge } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { useToast } from '../../components/ui/toast-context';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { formatCallerNumber } from '../../lib/phone';

const statusBadges = {
  scheduled: null,
  done: { tone: 'green', label: 'Done' },
  canceled: { tone: 'neutral', label: 'Cancelled' },
} as const;

type CallbackItemProps = {
  callback: Callback;
  now: number;
  /** Opens the call the callback was promised on. */
  onOpenCall?: (callId: string) => void;
};

/**
 * One promised callback: who, when, why, and how to make it — "Call now" when
 * the agent can dial from the company's Twilio number, else the number to dial.
 */
export function CallbackItem({ callback, now, onOpenCall }: CallbackItemProps) {
  const place = usePlaceCallback(callback.id);
  const update = useUpdateCallback(callback.id);
  const toast = useToast();
  const number = formatCallerNumber(callback.phone);
  const overdue = callback.status === 'scheduled' && new Date(callback.dueAt).getTime() <= now;
  const badge = statusBadges[callback.status];
  const error = place.error ?? update.error;
  return (
    <div className="space-y-2">
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0 flex-1 space-y-0.5">
          <p className="text-sm font-medium text-slate-900 dark:text-slate-50">
            {onOpenCall && callback.callId ? (
              <button
                type="button"
                className="rounded-sm text-left underline-offset-2 hover:underline"
                onClick={() => callback.callId && onOpenCall(callback.callId)}
              >
                {callback.callerName || number}
              </button>
            ) : (
              callback.callerName || number
            )}
          </p>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            <time dateTime={callback.dueAt}>
              {overdue ? 'Due since ' : 'Due '}
              {formatDateTime(callback.dueAt)}
            </time>
            {callback.assignedTo && <> · {callback.assignedTo.name}</>}
          </p>
          {callback.note && (
            <p className="whitespace-pre-line text-sm text-slate-700 dark:text-slate-300">
              {callback.note}
            </p>
          )}
        </div>
        {badge ? (
          <Badge tone={badge.tone} className="shrink-0">
            {badge.label}
          </Badge>
        ) : (
          overdue && (
            <Badge tone="amber" className="shrink-0">
              Due
            </Badge>
          )
        )}
      </div>
      {callback.status === 'scheduled' && (
        <div className="flex flex-wrap items-center gap-2">
          {callback.canPlace ? (
            <Button
              size="sm"
              variant="primary"
              pending={place.isPending}
              onClick={() =>
                place.mutate(undefined, {
                  onSuccess: () => toast({ title: `Calling ${number}` }),
                })
              }
            >
              <PhoneOutgoing className="size-3.5" aria-hidden="true" />
              Call now
            </Button>
          ) : (
            <Button size="sm" asChild>
              <a href={`tel:${callback.phone}`}>
                <Phone className="size-3.5" aria-hidden="true" />
                <span className="tabular-nums">{number}</span>
              </a>
            </Button>
          )}
          <Button
            size="sm"
            variant="ghost"
            pending={update.isPending}
            onClick={() => update.mutate({ status: 'done' })}
          >
            <Check className="size-3.5" aria-hidden="true" />
            Mark done
          </Button>
        </div>
      )}
      {error && <Alert variant="error">{errorMessage(error)}</Alert>}
    </div>
  );
}
