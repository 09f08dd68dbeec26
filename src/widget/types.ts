// Contracts between the loader (widget.js) and its lazy chunks. Types only: a
// runtime value shared by both would become a chunk that widget.js imports.
import type { WidgetSettings } from '../shared/chatbot-settings';

/** `GET /api/widget/:publicId/config` (docs/API.md, "Widget chat"). */
export type PublicWidgetConfig = {
  chatbot: { publicId: string; name: string; chatbotType: 'chat' | 'call' };
  widget: WidgetSettings;
  offline: boolean;
  /** False while the chatbot or its company is switched off; `message` says so. */
  available?: boolean;
  message?: string | null;
  /** Present for call chatbots. */
  /** `recorded`: the chatbot records its calls (absent from servers before recordings). */
  call?: { available: boolean; message: string | null; recorded?: boolean };
};

export type PanelView = 'chat' | 'call';

/** What the loader hands to a chunk when it mounts it. */
export type WidgetContext = {
  /** Origin of the Buzzi server (where widget.js came from), without a trailing slash. */
  apiBase: string;
  config: PublicWidgetConfig;
  /** The widget's shadow root, where chunks add their styles. */
  shadowRoot: ShadowRoot;
  /** Whether this chatbot offers calls and they can be started now. */
  callsAvailable: boolean;
  show(view: PanelView): void;
  close(): void;
};

export type ViewHandle = {
  /** Moves keyboard focus to the view's first useful control. */
  focus(): void;
};

export type CallViewHandle = ViewHandle & {
  /** Starts a call at once, as the Start Call button would. */
  startCall(): void;
};

export type MountChat = (slot: HTMLElement, context: WidgetContext) => ViewHandle;
export type MountCall = (slot: HTMLElement, context: WidgetContext) => CallViewHandle;
