import { MessagesSquare } from 'lucide-react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { type InboxFilter, inboxFilters } from '../../api/inbox';
import { useInboxConnection } from '../../api/inbox-events';
import { LiveStatus } from '../../components/LiveStatus';
import { EmptyState } from '../../components/ui/EmptyState';
import { PageHeader } from '../../components/ui/PageHeader';
import { cn } from '../../lib/cn';
import { CallbacksDue } from '../calls/CallbacksDue';
import { ConversationList } from './ConversationList';
import { ConversationView } from './ConversationView';

export function InboxPage() {
  const { conversationId = null } = useParams();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const connection = useInboxConnection();
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
          actions={
            <LiveStatus
              state={connection}
              title="Whether new conversations and messages appear without reloading"
            />
          }
        />
        <div className="mb-4 empty:hidden">
          <CallbacksDue onOpenCall={(id) => navigate(`/calls?call=${id}`)} />
        </div>
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
