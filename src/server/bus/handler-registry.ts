import type { BusChannel, BusEvents, BusHandler } from './event-bus.js';

/** Local fan-out shared by both bus implementations; one failing handler never stops the rest. */
export class HandlerRegistry {
  readonly #handlers = new Map<BusChannel, Set<(payload: unknown) => void>>();

  constructor(private readonly onHandlerError: (error: unknown, channel: string) => void) {}

  add<C extends BusChannel>(
    channel: C,
    handler: BusHandler<C>,
  ): { first: boolean; remove: () => boolean } {
    let set = this.#handlers.get(channel);
    const first = !set;
    if (!set) {
      set = new Set();
      this.#handlers.set(channel, set);
    }
    const wrapped = handler as (payload: unknown) => void;
    set.add(wrapped);
    return {
      first,
      remove: () => {
        // A second call, or one after the channel was re-subscribed with a new
        // set, must not drop other subscribers.
        if (!set.delete(wrapped) || set.size > 0 || this.#handlers.get(channel) !== set) {
          return false;
        }
        this.#handlers.delete(channel);
        return true;
      },
    };
  }

  dispatch<C extends BusChannel>(channel: C, payload: BusEvents[C]): void {
    for (const handler of this.#handlers.get(channel) ?? []) {
      try {
        handler(payload);
      } catch (error) {
        this.onHandlerError(error, channel);
      }
    }
  }
}
