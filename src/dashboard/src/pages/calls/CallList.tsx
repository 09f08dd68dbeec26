import { Phone, SearchX } from 'lucide-react';
import { type CallFilters, useCallList } from '../../api/calls';
import { isApiError } from '../../api/client';
import { CallFeatureDisabledState } from '../../components/CallFeatureDisabledState';
import { Button } from '../../components/ui/Button';
import { EmptyState } from '../../components/ui/EmptyState';
import { ErrorState } from '../../components/ui/ErrorState';
import { Skeleton } from '../../components/ui/Skeleton';
import { useNow } from '../../lib/use-now';
import { CallCard } from './CallCard';
import { tabLabels } from './call-labels';

const emptyTexts: Record<Exclude<CallFilters['tab'], 'all'>, string> = {
  attention:
    'Nothing is waiting. Urgent calls, callers who asked for a person and messages left show here until someone marks them handled.',
  handled: 'Calls your team marked handled show here.',
  in_progress: 'No one is on a call right now. Live calls show here as they happen.',
};

function CallListSkeleton() {
  return (
    <div role="status" className="space-y-3">
      <span className="sr-only">Loading calls…</span>
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} className="h-28" />
      ))}
    </div>
  );
}

/** The calls matching the filters, newest first, a page at a time. */
export function CallList({
  filters,
  onOpen,
}: {
  filters: CallFilters;
  onOpen: (id: string) => void;
}) {
  const list = useCallList(filters);
  const now = useNow();
  if (list.isPending) return <CallListSkeleton />;
  if (list.isError) {
    if (isApiError(list.error, 'call_feature_disabled')) {
      return <CallFeatureDisabledState message={list.error.message} />;
    }
    return (
      <ErrorState
        title="Could not load calls"
        error={list.error}
        onRetry={() => list.refetch()}
        retrying={list.isFetching}
      />
    );
  }
  const calls = list.data.pages.flatMap((page) => page.calls);
  if (calls.length === 0) {
    if (filters.q.trim()) {
      return (
        <EmptyState
          icon={SearchX}
          title="No calls match your search"
          description="Search looks at caller names and numbers, summaries and what was said."
        />
      );
    }
    return filters.tab === 'all' ? (
      <EmptyState
        icon={Phone}
        title="No calls yet"
        description="When visitors press the call button in a call chatbot's widget, or call one of your connected numbers, the calls show up here."
      />
    ) : (
      <EmptyState
        icon={Phone}
        title={`No calls under ${tabLabels[filters.tab]}`}
        description={emptyTexts[filters.tab]}
      />
    );
  }
  return (
    <div className="space-y-3">
      <ul aria-label="Calls" className="space-y-3">
        {calls.map((call) => (
          <li key={call.id}>
            <CallCard call={call} now={now} onOpen={onOpen} />
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <div className="flex justify-center">
          <Button onClick={() => list.fetchNextPage()} pending={list.isFetchingNextPage}>
            Load more calls
          </Button>
        </div>
      )}
    </div>
  );
}
