import type { Redis } from 'ioredis';
import { CLAIM_TTL_MS, type Claim, type RingRegistry, type RingState } from './ring-registry.js';

const RING = 'buzzi:ring:';
const CLAIM = 'buzzi:ring-claim:';

/** Rings in Redis keys with a TTL; a claim is a SET NX, so one node wins it. */
export class RedisRingRegistry implements RingRegistry {
  constructor(private readonly redis: Redis) {}

  async put(ring: RingState, ttlMs: number): Promise<void> {
    await this.redis.set(RING + ring.callId, JSON.stringify(ring), 'PX', Math.ceil(ttlMs));
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
