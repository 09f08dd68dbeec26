import type { PanelView, PublicWidgetConfig } from '../types';
import { el, markup } from './dom';
import { callIcons, closeIcon, launcherIcons, svgIcon } from './icons';

// Repeated in call-ui: the loader shares no code with its chunks.
const CALL_UNAVAILABLE_TEXT = 'Voice calls temporarily unavailable';

export type Launcher = {
  element: HTMLElement;
  /** Shows which view the panel has open, or none. */
  setOpen(view: PanelView | null): void;
  focusChat(): void;
};

/** The round chat button and, for call chatbots, the call button above it. */
export function createLauncher(
  config: PublicWidgetConfig,
  callsAvailable: boolean,
  actions: { toggleChat(): void; openCall(): void },
): Launcher {
  const { widget } = config;
  const iconSize = Math.round(widget.launcherSize * 0.45);
  const chatIcon = markup(svgIcon(launcherIcons[widget.launcherIcon], iconSize));
  const chatButton = el('button', {
    type: 'button',
    class: 'bz-launcher',
    'aria-label': 'Open chat',
    'aria-expanded': 'false',
  });
  chatButton.append(chatIcon);
  chatButton.addEventListener('click', actions.toggleChat);

  const element = el('div', { class: 'bz-launchers' });
  let callButton: HTMLButtonElement | null = null;
  if (config.chatbot.chatbotType === 'call') {
    const text = callsAvailable
      ? widget.call.buttonText
      : config.call?.message || CALL_UNAVAILABLE_TEXT;
    callButton = el('button', { type: 'button', class: 'bz-call-launcher' }, [
      markup(svgIcon(callIcons[widget.call.buttonIcon], 18)),
      el('span', {}, [text]),
    ]);
    // aria-disabled rather than disabled: the button stays focusable, so
    // keyboard and screen-reader users still learn why calls are off.
    if (callsAvailable) callButton.addEventListener('click', actions.openCall);
    else callButton.setAttribute('aria-disabled', 'true');
    element.append(callButton);
  }
  element.append(chatButton);

  return {
    element,
    setOpen(view) {
      chatButton.replaceChildren(
        markup(svgIcon(view ? closeIcon : launcherIcons[widget.launcherIcon], iconSize)),
      );
      chatButton.setAttribute('aria-label', view ? 'Close chat' : 'Open chat');
      chatButton.setAttribute('aria-expanded', String(view !== null));
      callButton?.setAttribute('aria-expanded', String(view === 'call'));
    },
    focusChat: () => chatButton.focus(),
  };
}
