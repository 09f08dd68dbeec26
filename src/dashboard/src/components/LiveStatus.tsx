import type { StreamState } from '../api/event-stream';
import { cn } from '../lib/cn';

const labels: Record<StreamState | 'off', { text: string; dot: string }> = {
  open: { text: 'Live', dot: 'bg-emerald-500' },
  connecting: { text: 'Connecting…', dot: 'bg-slate-400' },
  reconnecting: { text: 'Reconnecting…', dot: 'bg-amber-500' },
  closed: { text: 'Offline', dot: 'bg-slate-400' },
  off: { text: 'Offline', dot: 'bg-slate-400' },
};

type LiveStatusProps = {
  state: StreamState | 'off';
  /** What arrives without reloading while the page is live. */
  title: string;
};

/** A dot and a word saying whether a page's live updates are coming in. */
export function LiveStatus({ state, title }: LiveStatusProps) {
  const label = labels[state];
  return (
    <p
      role="status"
      className="flex items-center gap-2 text-xs text-slate-500 dark:text-slate-400"
      title={title}
    >
      <span className={cn('size-2 rounded-full', label.dot)} aria-hidden="true" />
      {label.text}
    </p>
  );
}
