import { render } from 'preact';
import { WidgetApi, WidgetChat } from '../../dashboard/src/api/widget-chat';
import type { MountChat } from '../types';
import { addStyles } from '../ui/styles';
import uiCss from '../ui/ui.css?inline';
import { ChatView } from './ChatView';
import chatCss from './chat.css?inline';
import { visitorId } from './visitor-id';

/** The chat chunk: loaded the first time the visitor opens the chat. */
export const mountChat: MountChat = (slot, context) => {
  addStyles(context.shadowRoot, 'ui', uiCss);
  addStyles(context.shadowRoot, 'chat', chatCss);
  const chat = new WidgetChat(
    context.config.chatbot.publicId,
    new WidgetApi(context.apiBase),
    visitorId(),
  );
  let composer: HTMLTextAreaElement | null = null;
  render(
    <ChatView
      chat={chat}
      config={context.config}
      composerRef={(element) => {
        composer = element;
      }}
    />,
    slot,
  );
  return { focus: () => composer?.focus() };
};
