import type { Redis } from 'ioredis';
import { CLAIM_TTL_MS, type Claim, type RingRegistry, type RingState } from './ring-registry.js';

const RING = 'buzzi:ring:';
const CLAIM = 'buzzi:ring-claim:';
const BY_COMPANY = 'buzzi:rings:';

/** Rings in Redis keys with a TTL; a claim is a SET NX, so one node wins it. */
export class RedisRingRegistry implements RingRegistry {
  constructor(private readonly redis: Redis) {}

  async put(ring: RingState, ttlMs: number): Promise<void> {
    const index = BY_COMPANY + ring.companyId;
    await this.redis
      .multi()
      .set(RING + ring.callId, JSON.stringify(ring), 'PX', Math.ceil(ttlMs))
      .sadd(index, ring.callId)
      .pexpire(index, Math.ceil(ttlMs))
      .exec();
  }

  async list(companyId: string): Promise<RingState[]> {
    const index = BY_COMPANY + companyId;
    const callIds = await this.redis.smembers(index);
    if (callIds.length === 0) return [];
    const raws = await this.redis.mget(callIds.map((id) => RING + id));
    const gone = callIds.filter((_, i) => !raws[i]);
    if (gone.length > 0) await this.redis.srem(index, ...gone);
    return raws.flatMap((raw) => (raw ? [JSON.parse(raw) as RingState] : []));
  }

  async get(callId: string): Promise<RingState | null> {
    const raw = await this.redis.get(RING + callId);
    return raw ? (JSON.parse(raw) as RingState) : null;
  }

  async claim(offerId: string, claimant: string): Promise<Claim> {
    const set = await this.redis.set(CLAIM + offerId, claimant, 'PX', CLAIM_TTL_MS, 'NX');
    if (set === 'OK') return { won: true, claimant };
    return { won: false, claimant: (await this.redis.get(CLAIM + offerId)) ?? '!expired' };
  }

  async close(): Promise<void> {}
}
