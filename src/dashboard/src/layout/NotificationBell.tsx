import { Bell, CircleAlert } from 'lucide-react';
import { Popover } from 'radix-ui';
import {
  type AdminNotification,
  useMarkNotificationRead,
  useNotifications,
} from '../api/notifications';
import { Button } from '../components/ui/Button';
import { cn } from '../lib/cn';
import { formatRelativeTime } from '../lib/format';
import { menuContent } from '../lib/styles';

/** The admins' bell in the top bar: unread count, and the list with "Mark as read". */
export function NotificationBell({ companyId }: { companyId: string }) {
  const list = useNotifications(companyId);
  const unread = list.data?.unreadCount ?? 0;
  const label = unread > 0 ? `Notifications: ${unread} unread` : 'Notifications';
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <Button variant="ghost" size="icon" aria-label={label} className="relative">
          <Bell className="size-4" aria-hidden="true" />
          {unread > 0 && (
            <span
              aria-hidden="true"
              data-testid="notification-count"
              className="absolute top-1 right-1 min-w-4 rounded-full bg-red-600 px-1 text-[10px] font-semibold leading-4 text-white tabular-nums"
            >
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={6}
          collisionPadding={8}
          aria-label="Notifications"
          className={cn(menuContent, 'w-[min(24rem,calc(100vw-1rem))] p-0')}
        >
          <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2.5 dark:border-slate-800">
            <h2 className="font-semibold">Notifications</h2>
            {unread > 0 && (
              <span className="text-xs text-slate-500 dark:text-slate-400">{unread} unread</span>
            )}
          </div>
          <NotificationList companyId={companyId} items={list.data?.notifications} />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function NotificationList({
  companyId,
  items,
}: {
  companyId: string;
  items: AdminNotification[] | undefined;
}) {
  const markRead = useMarkNotificationRead(companyId);
  if (!items) return <p className="px-4 py-6 text-slate-500">Loading…</p>;
  if (items.length === 0) {
    return (
      <p className="px-4 py-6 text-center text-slate-500 dark:text-slate-400">
        Nothing needs your attention.
      </p>
    );
  }
  return (
    <ul className="max-h-[70vh] divide-y divide-slate-200 overflow-y-auto dark:divide-slate-800">
      {items.map((item) => {
        const unread = item.readAt === null;
        return (
          <li
            key={item.id}
            data-unread={unread}
            className={cn('flex gap-3 px-4 py-3', unread && 'bg-amber-50/70 dark:bg-amber-950/20')}
          >
            <CircleAlert
              className={cn(
                'mt-0.5 size-4 shrink-0',
                unread ? 'text-amber-600 dark:text-amber-400' : 'text-slate-400',
              )}
              aria-hidden="true"
            />
            <div className="min-w-0 flex-1 space-y-1">
              <p className="font-medium">{item.title}</p>
              <p className="break-words text-slate-600 dark:text-slate-300">{item.body}</p>
              <p className="text-xs text-slate-500 dark:text-slate-400">
                {item.occurrences > 1 ? `${item.occurrences} times, last ` : ''}
                {formatRelativeTime(item.updatedAt)}
              </p>
              {unread && (
                <Button
                  size="sm"
                  variant="secondary"
                  className="mt-1"
                  pending={markRead.isPending && markRead.variables === item.id}
                  onClick={() => markRead.mutate(item.id)}
                >
                  Mark as read
                </Button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
