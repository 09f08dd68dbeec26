import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

export type LiveCallEntry = { callId: string; companyId: string; chatbotId: string };

const REDIS_PREFIX = 'buzzi:live-call:';

/**
 * The calls running on this node (a local map) and, when the bus is Redis,
 * in the cluster: one hash per call naming its node, whose TTL the node
 * refreshes with its heartbeat, so the entry of a crashed node lapses.
 */
export class LiveCallRegistry<Call> {
  readonly #local = new Map<string, { entry: LiveCallEntry; call: Call }>();

  constructor(
    private readonly options: {
      nodeId: string;
      redis: Redis | undefined;
      ttlMs: number;
      logger: Logger;
    },
  ) {}

  get size(): number {
    return this.#local.size;
  }

  get(callId: string): Call | undefined {
    return this.#local.get(callId)?.call;
  }

  ids(): string[] {
    return [...this.#local.keys()];
  }

  calls(): Call[] {
    return [...this.#local.values()].map((v) => v.call);
  }

  add(entry: LiveCallEntry, call: Call): void {
    this.#local.set(entry.callId, { entry, call });
    const { redis, nodeId, ttlMs } = this.options;
    if (!redis) return;
    const key = REDIS_PREFIX + entry.callId;
    redis
      .multi()
      .hset(key, {
        nodeId,
        companyId: entry.companyId,
        chatbotId: entry.chatbotId,
        startedAt: new Date().toISOString(),
      })
      .pexpire(key, ttlMs)
      .exec()
      .catch((err: Error) => this.#warn(err, 'live call not registered in redis'));
  }

  remove(callId: string): void {
    this.#local.delete(callId);
    this.options.redis
      ?.del(REDIS_PREFIX + callId)
      .catch((err: Error) => this.#warn(err, 'live call not removed from redis'));
  }

  /** Keeps this node's entries alive in the cluster registry. */
  refresh(): void {
    const { redis, ttlMs } = this.options;
    if (!redis || this.#local.size === 0) return;
    const batch = redis.pipeline();
    for (const callId of this.#local.keys()) batch.pexpire(REDIS_PREFIX + callId, ttlMs);
    batch.exec().catch((err: Error) => this.#warn(err, 'live calls not refreshed in redis'));
  }

  /**
   * At start-up: removes the cluster entries this node left behind when its
   * process died, so no other node routes control commands to calls that no
   * longer run. Entries of other nodes stay.
   */
  async clearStale(): Promise<number> {
    const { redis, nodeId } = this.options;
    if (!redis) return 0;
    let removed = 0;
    const scan = redis.scanStream({ match: `${REDIS_PREFIX}*`, count: 200 });
    for await (const keys of scan as AsyncIterable<string[]>) {
      for (const key of keys) {
        if (this.#local.has(key.slice(REDIS_PREFIX.length))) continue;
        if ((await redis.hget(key, 'nodeId')) !== nodeId) continue;
        removed += await redis.del(key);
      }
    }
    return removed;
  }

  /** The node running a call: this one, another one (Redis), or null when no node runs it. */
  async nodeOf(callId: string): Promise<string | null> {
    if (this.#local.has(callId)) return this.options.nodeId;
    if (!this.options.redis) return null;
    return this.options.redis.hget(REDIS_PREFIX + callId, 'nodeId');
  }

  #warn(err: Error, message: string): void {
    this.options.logger.warn({ err: err.message }, message);
  }
}
