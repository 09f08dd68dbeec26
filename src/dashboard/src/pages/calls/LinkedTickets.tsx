import type { CallDetails } from '../../api/types';
import { Badge } from '../../components/ui/Badge';
import { formatDateTime } from '../../lib/format';

/** Messages the caller left and tickets made from the call. */
export function LinkedTickets({ tickets }: { tickets: CallDetails['tickets'] }) {
  return (
    <ul className="space-y-2">
      {tickets.map((ticket) => (
        <li
          key={ticket.id}
          className="space-y-1 rounded-md border border-slate-200 p-3 dark:border-slate-800"
        >
          <div className="flex items-center justify-between gap-2 text-xs text-slate-500 dark:text-slate-400">
            <span>{formatDateTime(ticket.createdAt)}</span>
            <Badge tone={ticket.status === 'open' ? 'amber' : 'neutral'}>
              {ticket.status === 'open' ? 'Open' : 'Closed'}
            </Badge>
          </div>
          <p className="whitespace-pre-line text-sm text-slate-800 dark:text-slate-200">
            {ticket.message}
          </p>
        </li>
      ))}
    </ul>
  );
}
