import type { BusEvents, EventBus } from '../bus/event-bus.js';
import type { InboxMessage } from './message-views.js';

export type ConversationStatus = 'bot' | 'waiting_human' | 'human' | 'closed';

/** What happened in a conversation; widget and Inbox streams are views of these. */
export type ConversationEvent =
  | { type: 'message.created'; data: InboxMessage }
  | { type: 'message.delta'; data: { messageId: string; delta: string } }
  | { type: 'message.completed'; data: InboxMessage }
  | { type: 'conversation.status'; data: { status: ConversationStatus; agentName?: string } }
  | { type: 'error'; data: { code: string; message: string } };

export type ConversationEnvelope = BusEvents['conversation.event'];
type Listener = (envelope: ConversationEnvelope) => void;

export function publishConversationEvent(
  bus: EventBus,
  target: { companyId: string; conversationId: string },
  event: ConversationEvent,
): void {
  bus.publish('conversation.event', { ...target, event });
}

/**
 * One bus subscription per node, fanned out to the streams open on this node
 * by conversation (visitors) and by company (the Inbox).
 */
export class ConversationEventHub {
  readonly #byConversation = new Map<string, Set<Listener>>();
  readonly #byCompany = new Map<string, Set<Listener>>();
  #unsubscribe: () => void = () => {};

  private constructor() {}

  /** Resolves once the bus delivers this node every conversation event published from then on. */
  static async open(bus: EventBus): Promise<ConversationEventHub> {
    const hub = new ConversationEventHub();
    hub.#unsubscribe = await bus.subscribe('conversation.event', (envelope) => {
      for (const listener of hub.#byConversation.get(envelope.conversationId) ?? []) {
        listener(envelope);
      }
      for (const listener of hub.#byCompany.get(envelope.companyId) ?? []) listener(envelope);
    });
    return hub;
  }

  /** Returns the function that stops listening. */
  onConversation(conversationId: string, listener: Listener): () => void {
    return addTo(this.#byConversation, conversationId, listener);
  }

  onCompany(companyId: string, listener: Listener): () => void {
    return addTo(this.#byCompany, companyId, listener);
  }

  close(): void {
    this.#unsubscribe();
    this.#byConversation.clear();
    this.#byCompany.clear();
  }
}

function addTo(map: Map<string, Set<Listener>>, key: string, listener: Listener): () => void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0 && map.get(key) === set) map.delete(key);
  };
}
