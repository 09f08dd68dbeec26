import { useRef } from 'preact/hooks';
import type { WidgetChat } from '../../dashboard/src/api/widget-chat';
import type { PublicWidgetConfig } from '../types';
import { useStore } from '../ui/use-store';
import { ChatUnavailable } from './ChatUnavailable';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { useReplySound } from './use-reply-sound';

type ChatViewProps = {
  chat: WidgetChat;
  config: PublicWidgetConfig;
  /** Receives the message box, so the loader can focus it. */
  composerRef: (element: HTMLTextAreaElement | null) => void;
};

export function ChatView({ chat, config, composerRef }: ChatViewProps) {
  const state = useStore(chat.subscribe, chat.getState);
  const { widget, chatbot, offline } = config;
  useReplySound(widget.soundEnabled, state.messages, state.streamingId);
  const composer = useRef<HTMLTextAreaElement | null>(null);
  if (config.available === false) {
    return (
      <div class="bz-chat">
        <ChatUnavailable message={config.message} />
      </div>
    );
  }
  const started = state.conversationId !== null;
  const questions = started ? [] : widget.suggestedQuestions;
  const ask = (question: string) => {
    void chat.send(question);
    // The question buttons go away once the conversation starts.
    composer.current?.focus();
  };

  return (
    <div class="bz-chat">
      {offline && (
        <p class="bz-notice bz-chat-banner">
          Our AI assistant is offline: answers come from our help articles.
        </p>
      )}
      <MessageList
        messages={state.messages}
        welcome={widget.welcomeMessage}
        streamingId={state.streamingId}
        botName={chatbot.name}
      />
      <div class="bz-chat-footer">
        {questions.length > 0 && (
          <ul class="bz-suggestions" aria-label="Suggested questions">
            {questions.map((question) => (
              <li key={question}>
                <button
                  type="button"
                  class="bz-suggestion"
                  disabled={state.sending}
                  onClick={() => ask(question)}
                >
                  {question}
                </button>
              </li>
            ))}
          </ul>
        )}
        {state.error && (
          <p class="bz-notice" data-tone="error" role="alert">
            {state.error}
          </p>
        )}
        {state.connection === 'reconnecting' && (
          <p class="bz-notice" role="status">
            Connection lost. Reconnecting…
          </p>
        )}
        {state.status === 'closed' ? (
          <div class="bz-closed">
            <p>This conversation has ended.</p>
            <button type="button" class="bz-button" onClick={() => chat.reset()}>
              Start a new conversation
            </button>
          </div>
        ) : (
          <Composer
            inputRef={(element) => {
              composer.current = element;
              composerRef(element);
            }}
            placeholder={widget.placeholder}
            sendText={widget.sendButtonText}
            maxLength={widget.inputMaxLength}
            pending={state.sending}
            onSend={(text) => chat.send(text)}
          />
        )}
      </div>
    </div>
  );
}
