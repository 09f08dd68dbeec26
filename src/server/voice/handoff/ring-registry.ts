import type { CallRinging } from './ring-events.js';

/** A call's ringing as every node sees it: who it rings, and how it ended. */
export type RingState = {
  callId: string;
  companyId: string;
  /** One per offer(): a call offered again after a hand-back rings afresh. */
  offerId: string;
  /** Everyone it rang so far (they get "already taken" rather than "not found"). */
  offeredUserIds: string[];
  /** Whom it rings right now: only they may accept or decline. */
  ringingUserIds: string[];
  status: 'ringing' | 'taken' | 'ended';
  takenBy?: string | undefined;
  /** What the current turn's people were sent, for a tab of theirs that opens meanwhile. */
  ringing?: CallRinging | undefined;
};

/** Who settled an offer: the accepting person's id, or `!reason` when nobody took it. */
export type Claim = { won: boolean; claimant: string };

/**
 * Ringing calls, shared by the node whose offer() waits and the nodes that
 * take the accept and decline requests. `claim` decides the outcome exactly
 * once per offer, whoever asks first (an accept, the timeout, the hang-up).
 */
export interface RingRegistry {
  put(ring: RingState, ttlMs: number): Promise<void>;
  get(callId: string): Promise<RingState | null>;
  /** The company's calls with ringing state (any status), on every node. */
  list(companyId: string): Promise<RingState[]>;
  claim(offerId: string, claimant: string): Promise<Claim>;
  close(): Promise<void>;
}

export const CLAIM_TTL_MS = 10 * 60_000;

/** One node: rings and claims in memory, expiring like the Redis keys would. */
export class MemoryRingRegistry implements RingRegistry {
  readonly #rings = new Map<string, { ring: RingState; expiresAt: number }>();
  readonly #claims = new Map<string, { claimant: string; expiresAt: number }>();

  async put(ring: RingState, ttlMs: number): Promise<void> {
    this.#sweep();
    this.#rings.set(ring.callId, { ring: structuredClone(ring), expiresAt: Date.now() + ttlMs });
  }

  async get(callId: string): Promise<RingState | null> {
    const entry = this.#rings.get(callId);
    if (!entry || entry.expiresAt <= Date.now()) return null;
    return structuredClone(entry.ring);
  }

  async list(companyId: string): Promise<RingState[]> {
    this.#sweep();
    return [...this.#rings.values()]
      .filter(({ ring }) => ring.companyId === companyId)
      .map(({ ring }) => structuredClone(ring));
  }

  async claim(offerId: string, claimant: string): Promise<Claim> {
    const current = this.#claims.get(offerId);
    if (current && current.expiresAt > Date.now()) {
      return { won: false, claimant: current.claimant };
    }
    this.#claims.set(offerId, { claimant, expiresAt: Date.now() + CLAIM_TTL_MS });
    return { won: true, claimant };
  }

  async close(): Promise<void> {
    this.#rings.clear();
    this.#claims.clear();
  }

  #sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.#rings) if (entry.expiresAt <= now) this.#rings.delete(key);
    for (const [key, entry] of this.#claims) if (entry.expiresAt <= now) this.#claims.delete(key);
  }
}
