import type {
  CallViewHandle,
  MountCall,
  MountChat,
  PanelView,
  ViewHandle,
  WidgetContext,
} from '../types';
import { el, markup } from './dom';
import { closeIcon, svgIcon } from './icons';

type ViewSlot<H extends ViewHandle> = {
  element: HTMLElement;
  load: (slot: HTMLElement) => Promise<H>;
  handle: Promise<H> | null;
};

export type Panel = {
  element: HTMLElement;
  readonly view: PanelView | null;
  /** Opens the panel on a view (loading its chunk on first use) and resolves with it. */
  show(view: PanelView): Promise<ViewHandle>;
  showCall(): Promise<CallViewHandle>;
  hide(): void;
};

/** The chat window frame: header, one slot per view, branding. The views are lazy chunks. */
export function createPanel(
  context: Omit<WidgetContext, 'show' | 'close'>,
  actions: { show(view: PanelView): void; close(): void; onChange(view: PanelView | null): void },
): Panel {
  const { widget } = context.config;
  const viewContext: WidgetContext = { ...context, show: actions.show, close: actions.close };
  const closeButton = el('button', {
    type: 'button',
    class: 'bz-icon-button',
    'aria-label': 'Close chat',
  });
  closeButton.append(markup(svgIcon(closeIcon, 20)));
  closeButton.addEventListener('click', actions.close);

  const titles = el('div', { class: 'bz-titles' }, [el('h2', { id: 'bz-title' }, [widget.title])]);
  if (widget.subtitle) titles.append(el('p', {}, [widget.subtitle]));
  const header = el('header', { class: 'bz-header' }, [titles, closeButton]);
  if (widget.showAvatar) header.prepend(avatarOf(widget.avatarUrl, widget.title));

  const status = el('p', { class: 'bz-loading', role: 'status' });
  const slot = (name: PanelView) => el('div', { class: 'bz-view', 'data-view': name, hidden: '' });
  const chat: ViewSlot<ViewHandle> = {
    element: slot('chat'),
    load: async (element) =>
      ((await import('../chat/chat-panel')).mountChat as MountChat)(element, viewContext),
    handle: null,
  };
  const call: ViewSlot<CallViewHandle> = {
    element: slot('call'),
    load: async (element) =>
      ((await import('../call-ui/call-panel')).mountCall as MountCall)(element, viewContext),
    handle: null,
  };

  const element = el(
    'section',
    { class: 'bz-panel', role: 'dialog', 'aria-labelledby': 'bz-title', hidden: '' },
    [header, chat.element, call.element, status],
  );
  if (widget.showBranding) element.append(el('p', { class: 'bz-branding' }, ['Powered by Buzzi']));
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') actions.close();
  });

  let current: PanelView | null = null;
  const load = <H extends ViewHandle>(view: ViewSlot<H>): Promise<H> => {
    if (!view.handle) {
      status.textContent = 'Loading…';
      view.handle = view.load(view.element).finally(() => {
        status.textContent = '';
      });
      // A failed download may succeed when the visitor tries again.
      view.handle.catch(() => {
        view.handle = null;
        status.textContent = 'Could not load. Check your connection and try again.';
      });
    }
    return view.handle;
  };

  const reveal = (view: PanelView) => {
    current = view;
    element.hidden = false;
    chat.element.hidden = view !== 'chat';
    call.element.hidden = view !== 'call';
    actions.onChange(view);
  };

  return {
    element,
    get view() {
      return current;
    },
    show(view) {
      reveal(view);
      return view === 'chat' ? load(chat) : load(call);
    },
    showCall() {
      reveal('call');
      return load(call);
    },
    hide() {
      current = null;
      element.hidden = true;
      actions.onChange(null);
    },
  };
}

function avatarOf(url: string, title: string): HTMLElement {
  if (url) return el('img', { class: 'bz-avatar', src: url, alt: '' });
  return el('span', { class: 'bz-avatar', 'aria-hidden': 'true' }, [
    (title.trim()[0] ?? 'B').toUpperCase(),
  ]);
}
