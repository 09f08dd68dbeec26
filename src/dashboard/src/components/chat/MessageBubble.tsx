import { FileText } from 'lucide-react';
import type { WidgetMessage } from '../../api/widget-chat';
import { cn } from '../../lib/cn';
import { formatDateTime } from '../../lib/format';
import { Badge } from '../ui/Badge';

/** Whose screen the conversation is on: our side's messages go to the right. */
export type ChatPerspective = 'team' | 'visitor';

type MessageBubbleProps = {
  message: WidgetMessage;
  perspective: ChatPerspective;
  /** The reply is still arriving. */
  streaming?: boolean;
  /** Names the chatbot's messages. */
  botName?: string | undefined;
};

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

function authorOf(message: WidgetMessage, perspective: ChatPerspective, botName?: string) {
  if (message.role === 'user') return perspective === 'visitor' ? 'You' : 'Visitor';
  if (message.role === 'agent') return message.authorName || 'Support agent';
  return message.authorName || botName || 'Bot';
}

function uniqueSources(message: WidgetMessage) {
  const seen = new Set<string>();
  return (message.metadata?.sources ?? []).filter((source) => {
    if (seen.has(source.documentId)) return false;
    seen.add(source.documentId);
    return true;
  });
}

export function MessageBubble({
  message,
  perspective,
  streaming = false,
  botName,
}: MessageBubbleProps) {
  if (message.role === 'system') {
    return (
      <li className="flex justify-center px-6">
        <p className="rounded-full bg-slate-100 px-3 py-1 text-center text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          {message.content}
        </p>
      </li>
    );
  }

  const ours = (message.role === 'user') === (perspective === 'visitor');
  const offline = message.role === 'assistant' && message.metadata?.responder === 'offline';
  const sources = message.role === 'assistant' ? uniqueSources(message) : [];
  const created = new Date(message.createdAt);
  return (
    <li className={cn('flex flex-col gap-1', ours ? 'items-end pl-8' : 'items-start pr-8')}>
      <div className="flex flex-wrap items-center gap-1.5 text-xs text-slate-500 dark:text-slate-400">
        <span className="font-medium text-slate-700 dark:text-slate-300">
          {authorOf(message, perspective, botName)}
        </span>
        {message.role === 'agent' && <Badge tone="blue">Team</Badge>}
        {offline && <Badge tone="amber">offline responder</Badge>}
        {!Number.isNaN(created.getTime()) && (
          <time dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
            {time.format(created)}
          </time>
        )}
      </div>
      <div
        aria-busy={streaming || undefined}
        className={cn(
          'max-w-full whitespace-pre-wrap break-words rounded-2xl px-3.5 py-2 text-sm leading-relaxed',
          ours ? 'rounded-br-md' : 'rounded-bl-md',
          message.role === 'user' &&
            (ours
              ? 'bg-blue-600 text-white'
              : 'bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100'),
          message.role === 'assistant' &&
            'bg-violet-50 text-slate-900 ring-1 ring-violet-200 ring-inset dark:bg-violet-950/40 dark:text-slate-100 dark:ring-violet-900',
          message.role === 'agent' &&
            'bg-emerald-50 text-slate-900 ring-1 ring-emerald-200 ring-inset dark:bg-emerald-950/40 dark:text-slate-100 dark:ring-emerald-900',
        )}
      >
        {message.content}
        {streaming && (
          <span
            aria-hidden="true"
            className="ml-0.5 inline-block h-4 w-1.5 translate-y-0.5 bg-current opacity-60 motion-safe:animate-pulse"
          />
        )}
        {streaming && !message.content && <span className="sr-only">Typing…</span>}
      </div>
      {sources.length > 0 && (
        <ul aria-label="Sources" className="flex flex-wrap gap-1.5">
          {sources.map((source) => (
            <li
              key={source.documentId}
              className="inline-flex items-center gap-1 rounded-md border border-slate-200 bg-white px-2 py-0.5 text-xs text-slate-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300"
            >
              <FileText className="size-3" aria-hidden="true" />
              {source.documentTitle}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
