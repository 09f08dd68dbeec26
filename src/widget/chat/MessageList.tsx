import { useEffect, useRef } from 'preact/hooks';
import type { WidgetMessage } from '../../dashboard/src/api/widget-chat';

type MessageListProps = {
  messages: WidgetMessage[];
  welcome: string;
  streamingId: string | null;
  botName: string;
};

/** Follows the newest message unless the visitor scrolled up to read. */
const STICK_TO_BOTTOM_PX = 80;

export function MessageList({ messages, welcome, streamingId, botName }: MessageListProps) {
  const list = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  const last = messages.at(-1);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs whenever the newest text changes
  useEffect(() => {
    const element = list.current;
    if (element && (atBottom.current || last?.role === 'user')) {
      element.scrollTop = element.scrollHeight;
    }
  }, [messages.length, last?.content]);

  return (
    <ol
      ref={list}
      class="bz-messages"
      role="log"
      aria-label="Conversation"
      aria-live="polite"
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current =
          element.scrollHeight - element.scrollTop - element.clientHeight < STICK_TO_BOTTOM_PX;
      }}
    >
      {welcome && (
        <li class="bz-message" data-role="assistant">
          <p class="bz-bubble">{welcome}</p>
        </li>
      )}
      {messages.map((message) => (
        <Message
          key={message.id}
          message={message}
          streaming={message.id === streamingId}
          botName={botName}
        />
      ))}
    </ol>
  );
}

function Message({
  message,
  streaming,
  botName,
}: {
  message: WidgetMessage;
  streaming: boolean;
  botName: string;
}) {
  if (message.role === 'system') {
    return (
      <li class="bz-message" data-role="system">
        <p class="bz-system">{message.content}</p>
      </li>
    );
  }
  const author =
    message.role === 'user'
      ? 'You'
      : message.role === 'agent'
        ? message.authorName || 'Support team'
        : botName;
  const typing = streaming && message.content === '';
  return (
    <li class="bz-message" data-role={message.role}>
      <span class={message.role === 'agent' ? 'bz-author' : 'bz-sr-only'}>{author}: </span>
      {typing ? (
        <p class="bz-bubble bz-typing">
          <span class="bz-sr-only">{botName} is typing…</span>
          <span aria-hidden="true" />
          <span aria-hidden="true" />
          <span aria-hidden="true" />
        </p>
      ) : (
        <p class="bz-bubble" aria-busy={streaming || undefined}>
          {message.content}
        </p>
      )}
    </li>
  );
}
