import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { BusChannel, BusEvents, BusHandler, EventBus } from './event-bus.js';
import { HandlerRegistry } from './handler-registry.js';

const PREFIX = 'buzzi:';

/** Multi-node bus on Redis pub/sub; a publisher receives its own messages like every node. */
export class RedisBus implements EventBus {
  readonly kind = 'redis';
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #registry: HandlerRegistry;
  readonly #logger: Logger;
  /** Per subscribed channel, Redis's confirmation of the SUBSCRIBE. */
  readonly #confirmed = new Map<BusChannel, Promise<unknown>>();

  private constructor(pub: Redis, sub: Redis, logger: Logger) {
    this.#pub = pub;
    this.#sub = sub;
    this.#logger = logger;
    this.#registry = new HandlerRegistry((err, channel) =>
      logger.error({ err, channel }, 'bus handler failed'),
    );
    sub.on('message', (channel: string, message: string) => {
      let payload: unknown;
      try {
        payload = JSON.parse(message);
      } catch {
        logger.warn({ channel }, 'dropped malformed bus message');
        return;
      }
      this.#registry.dispatch(
        channel.slice(PREFIX.length) as BusChannel,
        payload as BusEvents[BusChannel],
      );
    });
  }

  static async connect(url: string, logger: Logger): Promise<RedisBus> {
    const options = { maxRetriesPerRequest: 2, lazyConnect: true };
    const pub = new Redis(url, options);
    const sub = new Redis(url, options);
    for (const client of [pub, sub]) {
      client.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
    }
    await Promise.all([pub.connect(), sub.connect()]);
    return new RedisBus(pub, sub, logger);
  }

  get client(): Redis {
    return this.#pub;
  }

  publish<C extends BusChannel>(channel: C, payload: BusEvents[C]): void {
    this.#pub.publish(PREFIX + channel, JSON.stringify(payload)).catch((err: Error) => {
      this.#logger.error({ err: err.message, channel }, 'bus publish failed');
    });
  }

  async subscribe<C extends BusChannel>(channel: C, handler: BusHandler<C>): Promise<() => void> {
    const { first, remove } = this.#registry.add(channel, handler);
    if (first) this.#confirmed.set(channel, this.#sub.subscribe(PREFIX + channel));
    const unsubscribe = () => {
      if (!remove()) return;
      this.#confirmed.delete(channel);
      this.#sub.unsubscribe(PREFIX + channel).catch((err: Error) => {
        this.#logger.warn({ err: err.message, channel }, 'bus unsubscribe failed');
      });
    };
    try {
      // Later subscribers of a channel wait for the same SUBSCRIBE as the first.
      await this.#confirmed.get(channel);
    } catch (err) {
      unsubscribe();
      throw err;
    }
    return unsubscribe;
  }

  async ping(): Promise<'ok' | 'error'> {
    try {
      return (await this.#pub.ping()) === 'PONG' ? 'ok' : 'error';
    } catch {
      return 'error';
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.#pub.quit(), this.#sub.quit()]);
  }
}
