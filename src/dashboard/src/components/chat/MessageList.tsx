import { type ReactNode, useEffect, useRef } from 'react';
import type { WidgetMessage } from '../../api/widget-chat';
import { cn } from '../../lib/cn';
import { type ChatPerspective, MessageBubble } from './MessageBubble';

type MessageListProps = {
  messages: WidgetMessage[];
  perspective: ChatPerspective;
  streamingId?: string | null;
  label: string;
  botName?: string | undefined;
  className?: string;
  /** Shown above the messages, e.g. the widget's welcome message. */
  intro?: ReactNode;
};

// Within this distance of the bottom the reader is following along, so new text scrolls in.
const FOLLOW_THRESHOLD_PX = 80;

/** The conversation, scrolled to the newest message while the reader is at the bottom. */
export function MessageList({
  messages,
  perspective,
  streamingId,
  label,
  botName,
  className,
  intro,
}: MessageListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const last = messages.at(-1);
  const lastKey = `${messages.length}:${last?.content.length ?? 0}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll whenever text is added
  useEffect(() => {
    const element = ref.current;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  }, [lastKey]);

  return (
    <div
      ref={ref}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the log scrolls, so keyboard users need to reach it
      tabIndex={0}
      role="log"
      aria-label={label}
      onScroll={(event) => {
        const el = event.currentTarget;
        following.current = el.scrollHeight - el.scrollTop - el.clientHeight < FOLLOW_THRESHOLD_PX;
      }}
      className={cn(
        'min-h-0 flex-1 overflow-y-auto px-4 py-4 outline-none focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:ring-inset',
        className,
      )}
    >
      {intro}
      <ul className="space-y-4">
        {messages.map((message) => (
          <MessageBubble
            key={message.id}
            message={message}
            perspective={perspective}
            botName={botName}
            streaming={message.id === streamingId}
          />
        ))}
      </ul>
    </div>
  );
}
