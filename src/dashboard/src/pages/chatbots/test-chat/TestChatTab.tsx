import { RotateCcw } from 'lucide-react';
import { isApiError } from '../../../api/client';
import type { Chatbot } from '../../../api/types';
import type { ConversationStatus, WidgetMessage } from '../../../api/widget-chat';
import { ChatComposer } from '../../../components/chat/ChatComposer';
import { MessageList } from '../../../components/chat/MessageList';
import { Alert } from '../../../components/ui/Alert';
import { Badge, type BadgeTone } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { Card, CardHeader } from '../../../components/ui/Card';
import { ErrorState } from '../../../components/ui/ErrorState';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useMessageSources } from './use-message-sources';
import { useWidgetChat, useWidgetConfig } from './use-widget-chat';

const statusBadges: Record<ConversationStatus, { label: string; tone: BadgeTone }> = {
  bot: { label: 'Bot answering', tone: 'violet' },
  waiting_human: { label: 'Waiting for a person', tone: 'amber' },
  human: { label: 'Person answering', tone: 'green' },
  closed: { label: 'Closed', tone: 'neutral' },
};

/** Talks to the chatbot through the public widget API, exactly as a website visitor would. */
export function TestChatTab({ chatbot }: { chatbot: Chatbot }) {
  const config = useWidgetConfig(chatbot.publicId);
  const { chat, state } = useWidgetChat(chatbot.publicId);
  const sources = useMessageSources(state.conversationId, state.streamingId);

  if (config.isPending) {
    return (
      <div role="status" className="space-y-3">
        <span className="sr-only">Loading the widget…</span>
        <Skeleton className="h-[32rem] w-full" />
      </div>
    );
  }
  if (config.isError) {
    if (isApiError(config.error) && config.error.status === 404) {
      return (
        <Alert variant="info" title="This chatbot does not answer visitors">
          It is inactive, so the widget is switched off. Turn it on under General to test it.
        </Alert>
      );
    }
    return (
      <ErrorState
        title="Could not load the widget"
        error={config.error}
        onRetry={() => config.refetch()}
        retrying={config.isFetching}
      />
    );
  }

  const { widget, offline } = config.data;
  const welcome: WidgetMessage[] = widget.welcomeMessage
    ? [
        {
          id: 'welcome',
          role: 'assistant',
          content: widget.welcomeMessage,
          authorName: null,
          createdAt: '',
          metadata: {},
        },
      ]
    : [];
  const messages = state.messages.map((message) => {
    const found = sources.get(message.id);
    return found ? { ...message, metadata: { ...message.metadata, sources: found } } : message;
  });
  const status = statusBadges[state.status];
  const started = state.conversationId !== null;
  const suggestions = started ? [] : widget.suggestedQuestions;
  return (
    <div className="space-y-4">
      {offline && (
        <Alert variant="info">
          Answers come from the offline responder (no AI model key configured).
        </Alert>
      )}
      <Card className="flex h-[min(40rem,calc(100dvh-12rem))] min-h-[26rem] flex-col">
        <CardHeader
          className="items-center py-3"
          title="Test chat"
          description="The same conversation a website visitor has. It also appears in the Inbox."
          actions={
            <>
              {started && (
                <Badge tone={status.tone}>
                  {state.agentName && state.status === 'human'
                    ? `${state.agentName} answering`
                    : status.label}
                </Badge>
              )}
              <Button
                size="sm"
                disabled={!started && state.messages.length === 0}
                onClick={() => chat.reset()}
              >
                <RotateCcw className="size-3.5" aria-hidden="true" />
                Reset conversation
              </Button>
            </>
          }
        />
        <MessageList
          messages={[...welcome, ...messages]}
          perspective="visitor"
          streamingId={state.streamingId}
          label="Test conversation"
          botName={config.data.chatbot.name}
        />
        {suggestions.length > 0 && (
          <div className="flex flex-wrap gap-2 px-4 pb-3">
            {suggestions.map((question) => (
              <Button
                key={question}
                size="sm"
                disabled={state.sending}
                onClick={() => void chat.send(question)}
              >
                {question}
              </Button>
            ))}
          </div>
        )}
        {state.error && (
          <Alert variant="error" className="mx-4 mb-3">
            {state.error}
          </Alert>
        )}
        {state.connection === 'reconnecting' && (
          <p role="status" className="px-4 pb-2 text-xs text-amber-700 dark:text-amber-300">
            Connection lost. Reconnecting…
          </p>
        )}
        <ChatComposer
          label="Message to the chatbot"
          placeholder={widget.placeholder || 'Type your message…'}
          maxLength={widget.inputMaxLength}
          pending={state.sending}
          disabled={state.status === 'closed'}
          onSend={(text) => chat.send(text)}
        />
      </Card>
    </div>
  );
}
