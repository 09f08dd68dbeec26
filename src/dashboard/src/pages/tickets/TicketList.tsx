import { SearchX, Ticket as TicketIcon } from 'lucide-react';
import { type TicketFilters, useTicketList } from '../../api/tickets';
import { Button } from '../../components/ui/Button';
import { EmptyState } from '../../components/ui/EmptyState';
import { ErrorState } from '../../components/ui/ErrorState';
import { Skeleton } from '../../components/ui/Skeleton';
import { useNow } from '../../lib/use-now';
import { TicketCard } from './TicketCard';

function TicketListSkeleton() {
  return (
    <div role="status" className="space-y-3">
      <span className="sr-only">Loading tickets…</span>
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} className="h-32" />
      ))}
    </div>
  );
}

const filtered = (filters: TicketFilters) =>
  filters.q.trim() !== '' || filters.assignee !== 'all' || filters.source !== 'all';

/** The tickets matching the filters, newest first, a page at a time. */
export function TicketList({ filters }: { filters: TicketFilters }) {
  const list = useTicketList(filters);
  const now = useNow();
  if (list.isPending) return <TicketListSkeleton />;
  if (list.isError) {
    return (
      <ErrorState
        title="Could not load tickets"
        error={list.error}
        onRetry={() => list.refetch()}
        retrying={list.isFetching}
      />
    );
  }
  const tickets = list.data.pages.flatMap((page) => page.tickets);
  if (tickets.length === 0) {
    return filtered(filters) ? (
      <EmptyState
        icon={SearchX}
        title="No tickets match"
        description="Try another search or clear the filters."
      />
    ) : (
      <EmptyState
        icon={TicketIcon}
        title={filters.status === 'closed' ? 'No closed tickets' : 'No tickets yet'}
        description="Messages callers and chat visitors leave for your team, and tickets made from a call, show here."
      />
    );
  }
  return (
    <div className="space-y-3">
      <ul aria-label="Tickets" className="space-y-3">
        {tickets.map((ticket) => (
          <li key={ticket.id}>
            <TicketCard ticket={ticket} now={now} />
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <div className="flex justify-center">
          <Button onClick={() => list.fetchNextPage()} pending={list.isFetchingNextPage}>
            Load more tickets
          </Button>
        </div>
      )}
    </div>
  );
}
