import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Failed sign-ins per key within a fixed window that starts at the first failure. */
interface FailureStore {
  /** Counts one more attempt and says how many there are, with the window's remaining time. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /** Takes one attempt back. */
  release(key: string): Promise<void>;
}

class MemoryFailureStore implements FailureStore {
  readonly #entries = new Map<string, { count: number; resetAt: number }>();

  async hit(key: string, windowMs: number) {
    const now = Date.now();
    if (this.#entries.size > 10_000) {
      for (const [k, entry] of this.#entries) if (entry.resetAt <= now) this.#entries.delete(k);
    }
    let entry = this.#entries.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + windowMs };
      this.#entries.set(key, entry);
    }
    entry.count += 1;
    return { count: entry.count, resetInMs: entry.resetAt - now };
  }

  async release(key: string) {
    const entry = this.#entries.get(key);
    if (entry && --entry.count <= 0) this.#entries.delete(key);
  }
}

class RedisFailureStore implements FailureStore {
  constructor(readonly redis: Redis) {}

  async hit(key: string, windowMs: number) {
    const result = await this.redis
      .multi()
      .set(key, 0, 'PX', windowMs, 'NX')
      .incr(key)
      .pttl(key)
      .exec();
    const count = Number(result?.[1]?.[1] ?? 0);
    const ttl = Number(result?.[2]?.[1] ?? windowMs);
    return { count, resetInMs: ttl > 0 ? ttl : windowMs };
  }

  async release(key: string) {
    // A key that expired meanwhile must not come back as a negative count without a TTL.
    await this.redis.eval(
      "if redis.call('DECR', KEYS[1]) <= 0 then redis.call('DEL', KEYS[1]) end",
      1,
      key,
    );
  }
}

export type LoginDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Failed sign-ins per client address and email. Each attempt is counted before
 * the password is checked, so parallel guesses cannot overshoot the limit, and
 * a successful one is taken back: only failures lock anyone out.
 */
export class LoginThrottle {
  readonly #store: FailureStore;
  readonly #max: number;
  readonly #windowMs: number;
  readonly #logger: Logger;

  constructor(options: {
    redis?: Redis | undefined;
    max: number;
    windowMs: number;
    logger: Logger;
  }) {
    this.#store = options.redis ? new RedisFailureStore(options.redis) : new MemoryFailureStore();
    this.#max = options.max;
    this.#windowMs = options.windowMs;
    this.#logger = options.logger;
  }

  // Hashed, so the shared store holds no email addresses.
  #key(ip: string, email: string) {
    return `buzzi:login:${createHash('sha256').update(`${ip}\n${email}`).digest('hex')}`;
  }

  async attempt(ip: string, email: string): Promise<LoginDecision> {
    try {
      const { count, resetInMs } = await this.#store.hit(this.#key(ip, email), this.#windowMs);
      return count > this.#max ? { allowed: false, retryAfterMs: resetInMs } : { allowed: true };
    } catch (err) {
      // Like the other rate limits: an unreachable Redis must not stop every sign-in.
      this.#logger.warn({ err }, 'login throttle unavailable');
      return { allowed: true };
    }
  }

  async succeeded(ip: string, email: string): Promise<void> {
    await this.#store
      .release(this.#key(ip, email))
      .catch((err) => this.#logger.warn({ err }, 'login throttle unavailable'));
  }
}
