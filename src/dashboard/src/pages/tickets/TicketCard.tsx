import { CircleCheck, MessageSquare, Phone, RotateCcw } from 'lucide-react';
import { Link } from 'react-router';
import { type Ticket, useUpdateTicket } from '../../api/tickets';
import { useSession } from '../../auth/session-context';
import { AssigneeSelect } from '../../components/AssigneeSelect';
import { Alert } from '../../components/ui/Alert';
import { Badge } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { errorMessage } from '../../lib/errors';
import { formatDateTime, formatRelativeTime } from '../../lib/format';
import { formatCallerNumber } from '../../lib/phone';

/** One ticket: who, what they need, where it came from, and who works it. */
export function TicketCard({ ticket, now }: { ticket: Ticket; now: number }) {
  const { callEnabled } = useSession();
  const update = useUpdateTicket(ticket.id);
  const open = ticket.status === 'open';
  const who = ticket.name || (ticket.phone ? formatCallerNumber(ticket.phone) : 'Unknown contact');
  const SourceIcon = ticket.source === 'call' ? Phone : MessageSquare;
  return (
    <article
      aria-label={`Ticket from ${who}`}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0 flex-1 space-y-0.5">
          <h3 className="truncate text-sm font-semibold text-slate-900 dark:text-slate-50">
            {who}
          </h3>
          <p className="flex flex-wrap items-center gap-x-2 text-xs text-slate-500 dark:text-slate-400">
            {ticket.name && ticket.phone && (
              <a href={`tel:${ticket.phone}`} className="tabular-nums hover:underline">
                {formatCallerNumber(ticket.phone)}
              </a>
            )}
            {ticket.email && (
              <a href={`mailto:${ticket.email}`} className="hover:underline">
                {ticket.email}
              </a>
            )}
            <time dateTime={ticket.createdAt} title={formatDateTime(ticket.createdAt)}>
              {formatRelativeTime(ticket.createdAt, now)}
            </time>
            <span className="inline-flex items-center gap-1">
              <SourceIcon className="size-3" aria-hidden="true" />
              {ticket.source === 'call' ? 'Call' : 'Chat'}
              {ticket.chatbotName && <> · {ticket.chatbotName}</>}
            </span>
            {ticket.createdBy && <span>by {ticket.createdBy.name}</span>}
          </p>
        </div>
        <Badge tone={open ? 'amber' : 'neutral'} className="shrink-0">
          {open ? 'Open' : 'Closed'}
        </Badge>
      </div>
      <p className="whitespace-pre-line text-sm text-slate-800 dark:text-slate-200">
        {ticket.message}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <AssigneeSelect
          aria-label="Assignee"
          value={ticket.assignedTo?.id ?? null}
          currentName={ticket.assignedTo?.name}
          onChange={(assignedToId) => update.mutate({ assignedToId })}
          disabled={update.isPending}
          className="w-full sm:w-48"
        />
        <Button
          size="sm"
          variant={open ? 'primary' : 'secondary'}
          pending={update.isPending}
          onClick={() => update.mutate({ status: open ? 'closed' : 'open' })}
        >
          {open ? (
            <CircleCheck className="size-3.5" aria-hidden="true" />
          ) : (
            <RotateCcw className="size-3.5" aria-hidden="true" />
          )}
          {open ? 'Close ticket' : 'Reopen'}
        </Button>
        {ticket.callId && callEnabled ? (
          <Button size="sm" variant="ghost" asChild>
            <Link to={`/calls?call=${ticket.callId}`}>
              <Phone className="size-3.5" aria-hidden="true" />
              Open call
            </Link>
          </Button>
        ) : (
          ticket.conversationId && (
            <Button size="sm" variant="ghost" asChild>
              <Link to={`/inbox/${ticket.conversationId}`}>
                <MessageSquare className="size-3.5" aria-hidden="true" />
                Open conversation
              </Link>
            </Button>
          )
        )}
      </div>
      {update.isError && <Alert variant="error">{errorMessage(update.error)}</Alert>}
    </article>
  );
}
