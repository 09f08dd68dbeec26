import type { PanelView, PublicWidgetConfig } from '../types';
import { el } from './dom';
import { createLauncher } from './launcher';
import loaderCss from './loader.css?inline';
import { createPanel } from './panel';
import type { ScriptTarget } from './script-target';
import { applyTheme } from './theme';

/** `window.Buzzi`, for the embedding page's own buttons. */
export type BuzziApi = {
  open(): void;
  close(): void;
  toggle(): void;
  startCall(): void;
};

/**
 * Puts the launcher on the page inside a Shadow DOM host, so neither the page's
 * CSS nor ours leaks across, and opens the panel's views on demand.
 */
export function mountWidget(target: ScriptTarget, config: PublicWidgetConfig): BuzziApi {
  const host = document.createElement('buzzi-widget');
  const shadowRoot = host.attachShadow({ mode: 'open' });
  const root = el('div', { class: 'bz-root' });
  applyTheme(root, config.widget);
  root.toggleAttribute('data-call', config.chatbot.chatbotType === 'call');
  const callsAvailable = config.chatbot.chatbotType === 'call' && (config.call?.available ?? true);
  const closedKey = `buzzi:closed:${config.chatbot.publicId}`;

  // A chunk that fails to load leaves its message in the panel.
  const open = async (view: PanelView, focus = true) => {
    const handle = await panel.show(view).catch(() => null);
    if (focus) handle?.focus();
  };
  const close = () => {
    if (!panel.view) return;
    const hadFocus = document.activeElement === host;
    panel.hide();
    remember(closedKey);
    if (hadFocus) launcher.focusChat();
  };
  const panel = createPanel(
    { apiBase: target.apiBase, config, shadowRoot, callsAvailable },
    {
      show: (view) => void open(view),
      close,
      onChange: (view) => {
        launcher.setOpen(view);
        root.toggleAttribute('data-open', view !== null);
      },
    },
  );
  const launcher = createLauncher(config, callsAvailable, {
    toggleChat: () => (panel.view ? close() : void open('chat')),
    openCall: () => void open('call'),
  });
  const style = el('style', {}, [loaderCss]);
  root.append(panel.element, launcher.element);
  shadowRoot.append(style, root);
  document.body.append(host);

  const { autoOpen, autoOpenDelayMs } = config.widget;
  if (autoOpen && !remembered(closedKey)) {
    // Never steals focus from what the visitor is doing on the page.
    setTimeout(() => panel.view ?? void open('chat', false), autoOpenDelayMs);
  }

  return {
    open: () => void open(panel.view ?? 'chat'),
    close,
    toggle: () => (panel.view ? close() : void open('chat')),
    startCall: () => {
      if (config.chatbot.chatbotType !== 'call') return void open('chat');
      panel.showCall().then(
        (call) => (callsAvailable ? call.startCall() : call.focus()),
        () => {},
      );
    },
  };
}

// Storage can be off (privacy settings, sandboxed frames); the widget works without it.
function remember(key: string): void {
  try {
    sessionStorage.setItem(key, '1');
  } catch {}
}

function remembered(key: string): boolean {
  try {
    return sessionStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}
