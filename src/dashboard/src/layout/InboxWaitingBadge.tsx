import { useInboxConversations } from '../api/inbox';

/** How many conversations wait for a person, next to the Inbox link. */
export function InboxWaitingBadge() {
  const waiting = useInboxConversations('waiting_human');
  const count = waiting.data?.length ?? 0;
  if (count === 0) return null;
  return (
    <span className="ml-auto rounded-full bg-amber-500 px-1.5 py-0.5 text-xs font-semibold leading-none text-white tabular-nums dark:bg-amber-400 dark:text-slate-950">
      {count}
      <span className="sr-only"> waiting</span>
    </span>
  );
}
