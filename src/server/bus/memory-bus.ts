import type { Logger } from 'pino';
import type { BusChannel, BusEvents, BusHandler, EventBus } from './event-bus.js';
import { HandlerRegistry } from './handler-registry.js';

/** Single-node bus: delivery is a function call, asynchronous like Redis would be. */
export class MemoryBus implements EventBus {
  readonly kind = 'memory';
  readonly #registry: HandlerRegistry;

  constructor(logger: Logger) {
    this.#registry = new HandlerRegistry((err, channel) =>
      logger.error({ err, channel }, 'bus handler failed'),
    );
  }

  publish<C extends BusChannel>(channel: C, payload: BusEvents[C]): void {
    queueMicrotask(() => this.#registry.dispatch(channel, payload));
  }

  async subscribe<C extends BusChannel>(channel: C, handler: BusHandler<C>): Promise<() => void> {
    const { remove } = this.#registry.add(channel, handler);
    return () => void remove();
  }

  async ping(): Promise<'ok'> {
    return 'ok';
  }

  async close(): Promise<void> {}
}
