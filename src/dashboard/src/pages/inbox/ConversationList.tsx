import { CircleAlert, Inbox, UserRound } from 'lucide-react';
import { Link } from 'react-router';
import { type InboxFilter, inboxFilters, useInboxConversations } from '../../api/inbox';
import type { InboxConversation } from '../../api/types';
import { ListQueryView } from '../../components/ListQueryView';
import { Badge } from '../../components/ui/Badge';
import { Skeleton } from '../../components/ui/Skeleton';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../../components/ui/Tabs';
import { cn } from '../../lib/cn';
import { formatDateTime, formatRelativeTime } from '../../lib/format';
import { focusRing } from '../../lib/styles';
import { useNow } from '../../lib/use-now';
import { channels, filterLabels, statusBadges } from './inbox-labels';
import { useHeldOrder } from './use-held-order';

type ConversationListProps = {
  filter: InboxFilter;
  onFilterChange: (filter: InboxFilter) => void;
  selectedId: string | null;
};

const emptyTexts: Record<InboxFilter, string> = {
  waiting_human:
    'No one is waiting. When a visitor asks for a person or a chatbot escalates, the conversation appears here.',
  human: 'No conversation is being handled by your team right now.',
  open: 'No open conversations.',
  closed: 'Closed conversations appear here.',
};

export function ConversationList({ filter, onFilterChange, selectedId }: ConversationListProps) {
  const waiting = useInboxConversations('waiting_human');
  return (
    <Tabs
      value={filter}
      onValueChange={(next) => onFilterChange(inboxFilters.find((f) => f === next) ?? filter)}
      className="flex min-h-0 flex-1 flex-col"
    >
      <TabsList aria-label="Conversation filter" className="shrink-0 px-2">
        {inboxFilters.map((value) => (
          <TabsTrigger key={value} value={value} className="px-2">
            {filterLabels[value]}
            {value === 'waiting_human' && (waiting.data?.length ?? 0) > 0 && (
              <span className="rounded-full bg-amber-100 px-1.5 text-xs tabular-nums text-amber-800 dark:bg-amber-950 dark:text-amber-300">
                {waiting.data?.length}
              </span>
            )}
          </TabsTrigger>
        ))}
      </TabsList>
      {inboxFilters.map((value) => (
        <TabsContent key={value} value={value} className="min-h-0 flex-1 overflow-y-auto p-2 pt-2!">
          <FilteredConversations filter={value} selectedId={selectedId} />
        </TabsContent>
      ))}
    </Tabs>
  );
}

function FilteredConversations({
  filter,
  selectedId,
}: {
  filter: InboxFilter;
  selectedId: string | null;
}) {
  const conversations = useInboxConversations(filter);
  const now = useNow();
  return (
    <ListQueryView
      query={conversations}
      loading={
        <div role="status" className="space-y-2 p-1">
          <span className="sr-only">Loading conversations…</span>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-20" />
          ))}
        </div>
      }
      errorTitle="Could not load conversations"
      empty={{
        icon: Inbox,
        title: `No ${filterLabels[filter].toLowerCase()} conversations`,
        description: emptyTexts[filter],
        className: 'border-0 py-10',
      }}
    >
      {(items) => (
        <ConversationRows items={items} filter={filter} selectedId={selectedId} now={now} />
      )}
    </ListQueryView>
  );
}

function ConversationRows({
  items,
  filter,
  selectedId,
  now,
}: {
  items: InboxConversation[];
  filter: InboxFilter;
  selectedId: string | null;
  now: number;
}) {
  const held = useHeldOrder(items);
  return (
    <ul className="space-y-1" {...held.listProps}>
      {held.items.map((conversation) => (
        <li key={conversation.id}>
          <ConversationRow
            conversation={conversation}
            filter={filter}
            selected={conversation.id === selectedId}
            now={now}
          />
        </li>
      ))}
    </ul>
  );
}

const previewPrefix = { user: '', assistant: 'Bot: ', agent: 'Team: ', system: '' } as const;

function ConversationRow({
  conversation,
  filter,
  selected,
  now,
}: {
  conversation: InboxConversation;
  filter: InboxFilter;
  selected: boolean;
  now: number;
}) {
  const channel = channels[conversation.channel] ?? channels.chat;
  const ChannelIcon = channel.icon;
  const status = statusBadges[conversation.status];
  const last = conversation.lastMessage;
  const showStatus = (filter === 'open' || filter === 'closed') && status !== undefined;
  return (
    <Link
      to={`/inbox/${conversation.id}?status=${filter}`}
      aria-current={selected ? 'page' : undefined}
      className={cn(
        'block space-y-1 rounded-md px-3 py-2.5 text-sm motion-safe:transition-colors',
        focusRing,
        'focus-visible:ring-offset-0',
        selected
          ? 'bg-blue-50 dark:bg-blue-950/50'
          : 'hover:bg-slate-100 dark:hover:bg-slate-800/70',
      )}
    >
      <div className="flex items-center gap-2">
        <ChannelIcon
          className="size-3.5 shrink-0 text-slate-500 dark:text-slate-400"
          aria-label={channel.label}
          role="img"
        />
        <span className="min-w-0 flex-1 truncate font-medium text-slate-900 dark:text-slate-100">
          {conversation.chatbotName ?? 'Deleted chatbot'}
        </span>
        <time
          dateTime={conversation.updatedAt}
          title={formatDateTime(conversation.updatedAt)}
          className="shrink-0 text-xs text-slate-500 dark:text-slate-400"
        >
          {formatRelativeTime(conversation.updatedAt, now)}
        </time>
      </div>
      <p className="truncate text-slate-600 dark:text-slate-300">
        {last ? `${previewPrefix[last.role] ?? ''}${last.content}` : 'No messages yet'}
      </p>
      {/* One line of fixed height, filled or not, so a live update never changes the row's height. */}
      <div className="flex h-5 min-w-0 items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
        {showStatus && <Badge tone={status.tone}>{status.label}</Badge>}
        {conversation.assignedUser && (
          <span className="flex min-w-0 items-center gap-1">
            <UserRound className="size-3 shrink-0" aria-hidden="true" />
            <span className="truncate">{conversation.assignedUser.name}</span>
          </span>
        )}
        {conversation.escalationReason && (
          <span className="flex min-w-0 items-center gap-1 text-amber-700 dark:text-amber-300">
            <CircleAlert className="size-3 shrink-0" aria-hidden="true" />
            <span className="truncate">{conversation.escalationReason}</span>
          </span>
        )}
      </div>
    </Link>
  );
}
