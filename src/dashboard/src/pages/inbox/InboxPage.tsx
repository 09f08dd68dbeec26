import { MessagesSquare } from 'lucide-react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { type InboxFilter, inboxFilters } from '../../api/inbox';
import { type InboxConnection, useInboxConnection } from '../../api/inbox-events';
import { EmptyState } from '../../components/ui/EmptyState';
import { PageHeader } from '../../components/ui/PageHeader';
import { cn } from '../../lib/cn';
import { ConversationList } from './ConversationList';
import { ConversationView } from './ConversationView';

const connectionLabels: Record<InboxConnection, { text: string; dot: string }> = {
  open: { text: 'Live', dot: 'bg-emerald-500' },
  connecting: { text: 'Connecting…', dot: 'bg-slate-400' },
  reconnecting: { text: 'Reconnecting…', dot: 'bg-amber-500' },
  closed: { text: 'Offline', dot: 'bg-slate-400' },
  off: { text: 'Offline', dot: 'bg-slate-400' },
};

function ConnectionStatus() {
  const connection = connectionLabels[useInboxConnection()];
  return (
    <p
      role="status"
      className="flex items-center gap-2 text-xs text-slate-500 dark:text-slate-400"
      title="Whether new conversations and messages appear without reloading"
    >
      <span className={cn('size-2 rounded-full', connection.dot)} aria-hidden="true" />
      {connection.text}
    </p>
  );
}

export function InboxPage() {
  const { conversationId = null } = useParams();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const filter: InboxFilter =
    inboxFilters.find((f) => f === searchParams.get('status')) ?? 'waiting_human';

  const onFilterChange = (next: InboxFilter) =>
    navigate(`/inbox${conversationId ? `/${conversationId}` : ''}?status=${next}`, {
      replace: true,
    });

  return (
    <>
      {/* On phones an open conversation gets the whole screen; its back button returns here. */}
      <div className={cn(conversationId && 'hidden lg:block')}>
        <PageHeader
          title="Inbox"
          description="Conversations handed over to your team by the chatbots."
          actions={<ConnectionStatus />}
        />
      </div>
      <div
        className={cn(
          'grid min-h-[26rem] overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs lg:grid-cols-[20rem_minmax(0,1fr)] xl:grid-cols-[22rem_minmax(0,1fr)] dark:border-slate-800 dark:bg-slate-900',
          conversationId
            ? 'h-[calc(100dvh-6.5rem)] lg:h-[calc(100dvh-13.5rem)]'
            : 'h-[calc(100dvh-14rem)] md:h-[calc(100dvh-12.5rem)] lg:h-[calc(100dvh-13.5rem)]',
        )}
      >
        <div
          className={cn(
            'flex min-h-0 flex-col lg:border-r lg:border-slate-200 lg:dark:border-slate-800',
            conversationId && 'hidden lg:flex',
          )}
        >
          <ConversationList
            filter={filter}
            onFilterChange={onFilterChange}
            selectedId={conversationId}
          />
        </div>
        <div className={cn('min-h-0 flex-col', conversationId ? 'flex' : 'hidden lg:flex')}>
          {conversationId ? (
            <ConversationView key={conversationId} id={conversationId} filter={filter} />
          ) : (
            <EmptyState
              icon={MessagesSquare}
              title="Select a conversation"
              description="Pick a conversation on the left to read it and reply."
              className="m-4 flex-1"
            />
          )}
        </div>
      </div>
    </>
  );
}
