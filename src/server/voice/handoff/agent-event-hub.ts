import type { EventBus } from '../../bus/event-bus.js';
import type { AgentStreamEvent } from './ring-events.js';

type Listener = (event: AgentStreamEvent) => void;

/** One bus subscription per node, fanned out to the agent event streams open here, by person. */
export class AgentEventHub {
  readonly #byPerson = new Map<string, Set<Listener>>();
  #unsubscribe: () => void = () => {};

  /** Resolves once the bus delivers this node every agent event published from then on. */
  static async open(bus: EventBus): Promise<AgentEventHub> {
    const hub = new AgentEventHub();
    hub.#unsubscribe = await bus.subscribe('agent.event', ({ companyId, userIds, event }) => {
      for (const userId of userIds) {
        for (const listener of hub.#byPerson.get(key(companyId, userId)) ?? []) listener(event);
      }
    });
    return hub;
  }

  /** Returns the function that stops listening. */
  onPerson(companyId: string, userId: string, listener: Listener): () => void {
    const k = key(companyId, userId);
    let set = this.#byPerson.get(k);
    if (!set) {
      set = new Set();
      this.#byPerson.set(k, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#byPerson.get(k) === set) this.#byPerson.delete(k);
    };
  }

  close(): void {
    this.#unsubscribe();
    this.#byPerson.clear();
  }
}

const key = (companyId: string, userId: string) => `${companyId}:${userId}`;
