import type { ConversationEvent } from '../conversations/conversation-events.js';

/** Every message that crosses nodes, by channel. */
export type BusEvents = {
  'company.settings.updated': { companyId: string };
  'conversation.event': { companyId: string; conversationId: string; event: ConversationEvent };
};

export type BusChannel = keyof BusEvents;
export type BusHandler<C extends BusChannel> = (payload: BusEvents[C]) => void;

export interface EventBus {
  readonly kind: 'memory' | 'redis';
  publish<C extends BusChannel>(channel: C, payload: BusEvents[C]): void;
  /** Returns the function that unsubscribes. */
  subscribe<C extends BusChannel>(channel: C, handler: BusHandler<C>): () => void;
  ping(): Promise<'ok' | 'error'>;
  close(): Promise<void>;
}
