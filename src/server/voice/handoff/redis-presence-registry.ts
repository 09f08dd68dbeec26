import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ConnectedStream, PresenceRegistry } from './presence-registry.js';

const PREFIX = 'buzzi:presence:';
/** A stream not refreshed for this long belongs to a node that stopped. */
export const PRESENCE_TTL_MS = 30_000;
const REFRESH_MS = 10_000;

type LocalStream = { companyId: string; member: string };

/**
 * Every node's streams in Redis: per company a sorted set of `userId|streamId`
 * scored by when the entry expires. This node refreshes its own streams every
 * few seconds, so the tabs of a node that died stop counting within the TTL.
 */
export class RedisPresenceRegistry implements PresenceRegistry {
  readonly #local = new Map<string, LocalStream>();
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly ttlMs = PRESENCE_TTL_MS,
  ) {
    this.#timer = setInterval(() => void this.#refresh(), Math.min(REFRESH_MS, ttlMs / 3));
    this.#timer.unref();
  }

  async connect(companyId: string, userId: string): Promise<ConnectedStream> {
    const streamId = randomUUID();
    const stream = { companyId, member: `${userId}|${streamId}` };
    this.#local.set(streamId, stream);
    await this.#write([stream]);
    return {
      close: async () => {
        if (!this.#local.delete(streamId)) return;
        await this.redis.zrem(PREFIX + companyId, stream.member).catch((err: Error) => {
          this.logger.warn({ err: err.message }, 'presence stream not removed');
        });
      },
    };
  }

  async connectedUserIds(companyId: string): Promise<Set<string>> {
    const key = PREFIX + companyId;
    const members = await this.redis.zrangebyscore(key, Date.now(), '+inf');
    return new Set(members.map((member) => member.split('|')[0] ?? ''));
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    const streams = [...this.#local.values()];
    this.#local.clear();
    if (streams.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const { companyId, member } of streams) pipeline.zrem(PREFIX + companyId, member);
    await pipeline.exec().catch(() => undefined);
  }

  async #refresh(): Promise<void> {
    try {
      await this.#write([...this.#local.values()]);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'presence refresh failed');
    }
  }

  async #write(streams: LocalStream[]): Promise<void> {
    if (streams.length === 0) return;
    const now = Date.now();
    const pipeline = this.redis.pipeline();
    const companies = new Set<string>();
    for (const { companyId, member } of streams) {
      pipeline.zadd(PREFIX + companyId, now + this.ttlMs, member);
      companies.add(companyId);
    }
    for (const companyId of companies) {
      // Expired members go; the whole key goes once no node refreshes it.
      pipeline.zremrangebyscore(PREFIX + companyId, '-inf', now);
      pipeline.pexpire(PREFIX + companyId, this.ttlMs * 2);
    }
    await pipeline.exec();
  }
}
