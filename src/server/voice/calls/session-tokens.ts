import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CallRoute } from '../../routing/call-route.js';

/** A caller's permission to start one call with one chatbot, as the gateway redeems it. */
export type CallSession = {
  id: string;
  companyId: string;
  chatbotId: string;
  chatbotPublicId: string;
  /** The address that asked for it, for rate limits and abuse reports. */
  ip: string;
  /**
   * The native input rate of the provider that was to answer when the session
   * was issued; absent when no call model was configured.
   */
  providerInputSampleRate?: number;
  /** A phone call the network offered, reserved as a pending call row the session answers. */
  phoneCall?: PhoneCallRef;
  /** The routing rule that chose how this call is answered, when one did. */
  route?: CallRoute;
  createdAt: number;
  /** After this the session can no longer start a call. */
  expiresAt: number;
};

/** The pending call row of a phone call, and the network's id of that call. */
export type PhoneCallRef = { callId: string; callSid: string; integrationAccountId: string };

type StoredSession = { tokenHash: string; session: CallSession };

/** Where issued, not yet redeemed sessions wait; `remove` reports whether this caller removed it. */
export interface PendingSessionStore {
  put(id: string, record: string, ttlMs: number): Promise<void>;
  get(id: string): Promise<string | null>;
  remove(id: string): Promise<boolean>;
}

/** A token must be redeemed this soon after it was issued. */
export const TOKEN_TTL_MS = 60_000;
/** A redeemed session cannot start a call after this. */
export const SESSION_TTL_MS = 24 * 3600_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest();

/**
 * Short-lived, single-use call session tokens. Only a SHA-256 of the token
 * is stored; a token is good for TOKEN_TTL_MS and for one redemption (the
 * removal that wins is the one that counts, also across nodes on Redis).
 */
export class CallSessionTokens {
  constructor(
    private readonly store: PendingSessionStore,
    private readonly now: () => number = Date.now,
  ) {}

  async issue(
    input: Omit<CallSession, 'id' | 'createdAt' | 'expiresAt'>,
  ): Promise<{ sessionId: string; token: string; expiresAt: number }> {
    const createdAt = this.now();
    const session: CallSession = {
      ...input,
      id: randomUUID(),
      createdAt,
      expiresAt: createdAt + SESSION_TTL_MS,
    };
    const token = randomBytes(32).toString('base64url');
    const record: StoredSession = { tokenHash: hashToken(token).toString('hex'), session };
    await this.store.put(session.id, JSON.stringify(record), TOKEN_TTL_MS);
    return { sessionId: session.id, token, expiresAt: createdAt + TOKEN_TTL_MS };
  }

  /** The session, once; null when unknown, expired, already used or the token is wrong. */
  async redeem(sessionId: string, token: string): Promise<CallSession | null> {
    const raw = await this.store.get(sessionId);
    if (!raw) return null;
    const record = JSON.parse(raw) as StoredSession;
    const expected = Buffer.from(record.tokenHash, 'hex');
    const given = hashToken(token);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    if (!(await this.store.remove(sessionId))) return null;
    return record.session;
  }
}

export class MemorySessionStore implements PendingSessionStore {
  readonly #records = new Map<string, { record: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async put(id: string, record: string, ttlMs: number): Promise<void> {
    this.#sweep();
    this.#records.set(id, { record, expiresAt: this.now() + ttlMs });
  }

  async get(id: string): Promise<string | null> {
    const entry = this.#records.get(id);
    if (!entry || entry.expiresAt <= this.now()) return null;
    return entry.record;
  }

  async remove(id: string): Promise<boolean> {
    const entry = this.#records.get(id);
    this.#records.delete(id);
    return entry !== undefined && entry.expiresAt > this.now();
  }

  #sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.#records) if (entry.expiresAt <= now) this.#records.delete(id);
  }
}

const REDIS_PREFIX = 'buzzi:call-session:';

/** Pending sessions on Redis, so a session issued by one node can be redeemed on another. */
export class RedisSessionStore implements PendingSessionStore {
  constructor(private readonly redis: Redis) {}

  async put(id: string, record: string, ttlMs: number): Promise<void> {
    await this.redis.set(REDIS_PREFIX + id, record, 'PX', ttlMs);
  }

  get(id: string): Promise<string | null> {
    return this.redis.get(REDIS_PREFIX + id);
  }

  async remove(id: string): Promise<boolean> {
    return (await this.redis.del(REDIS_PREFIX + id)) === 1;
  }
}
