import { ArrowLeft, CircleAlert, MessagesSquare } from 'lucide-react';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { type InboxFilter, useInboxConversation } from '../../api/inbox';
import { MessageList } from '../../components/chat/MessageList';
import { Badge } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { EmptyState } from '../../components/ui/EmptyState';
import { ErrorState } from '../../components/ui/ErrorState';
import { Skeleton } from '../../components/ui/Skeleton';
import { ConversationActions } from './ConversationActions';
import { ConversationFooter } from './ConversationFooter';
import { channels, statusBadges } from './inbox-labels';

type ConversationViewProps = { id: string; filter: InboxFilter };

export function ConversationView({ id, filter }: ConversationViewProps) {
  const detail = useInboxConversation(id);
  const back = (
    <div className="basis-full lg:hidden">
      <Button asChild variant="ghost" size="sm" className="-ml-2">
        <Link to={`/inbox?status=${filter}`}>
          <ArrowLeft className="size-4" aria-hidden="true" />
          Conversations
        </Link>
      </Button>
    </div>
  );

  if (detail.isPending) {
    return (
      <div role="status" className="space-y-4 p-4">
        <span className="sr-only">Loading the conversation…</span>
        <Skeleton className="h-6 w-48" />
        <Skeleton className="h-16 w-2/3" />
        <Skeleton className="ml-auto h-16 w-2/3" />
      </div>
    );
  }
  if (detail.isError) {
    return (
      <div className="space-y-2 p-4">
        {back}
        {isApiError(detail.error) && detail.error.status === 404 ? (
          <EmptyState
            icon={MessagesSquare}
            title="Conversation not found"
            description="It may have been deleted, or it belongs to another company."
          />
        ) : (
          <ErrorState
            title="Could not load the conversation"
            error={detail.error}
            onRetry={() => detail.refetch()}
            retrying={detail.isFetching}
          />
        )}
      </div>
    );
  }

  const { conversation, messages } = detail.data;
  const channel = channels[conversation.channel] ?? channels.chat;
  const status = statusBadges[conversation.status];
  return (
    <section aria-labelledby="conversation-title" className="flex min-h-0 flex-1 flex-col">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        {back}
        <div className="min-w-48 flex-1">
          <h2
            id="conversation-title"
            className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900 dark:text-slate-50"
          >
            <span className="truncate">{conversation.chatbotName ?? 'Deleted chatbot'}</span>
            {status && <Badge tone={status.tone}>{status.label}</Badge>}
          </h2>
          <p className="truncate text-xs text-slate-500 dark:text-slate-400">
            {channel.label}
            {conversation.assignedUser && ` · handled by ${conversation.assignedUser.name}`}
          </p>
        </div>
        <ConversationActions conversation={conversation} />
      </header>
      {conversation.escalationReason && conversation.status !== 'closed' && (
        <p className="flex items-center gap-2 border-b border-amber-200 bg-amber-50 px-4 py-2 text-xs text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200">
          <CircleAlert className="size-3.5 shrink-0" aria-hidden="true" />
          Escalated: {conversation.escalationReason}
        </p>
      )}
      <MessageList
        messages={messages}
        perspective="team"
        label="Conversation messages"
        botName={conversation.chatbotName ?? undefined}
      />
      <ConversationFooter conversation={conversation} />
    </section>
  );
}
