import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a recording link works once handed out. */
export const RECORDING_LINK_TTL_MS = 10 * 60_000;

export const RECORDINGS_PATH = '/api/recordings';

export type RecordingLinkCheck = 'valid' | 'expired' | 'invalid';

/**
 * Links to a call's recording that work for a few minutes without a session:
 * an HMAC over the call id and the expiry time, so a link cannot be moved to
 * another call or made to last longer. The key is derived from the server's
 * secret, so links of one node work on every node.
 */
export class RecordingLinks {
  readonly #key: Buffer;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: { key: Buffer; ttlMs?: number; now?: () => number }) {
    this.#key = options.key;
    this.#ttlMs = options.ttlMs ?? RECORDING_LINK_TTL_MS;
    this.#now = options.now ?? Date.now;
  }

  /** A path (same origin as the dashboard) that serves the call's recording until it expires. */
  urlFor(callId: string): string {
    const expires = this.#now() + this.#ttlMs;
    return `${RECORDINGS_PATH}/${callId}?expires=${expires}&sig=${this.#sign(callId, expires)}`;
  }

  check(callId: string, expires: number, signature: string): RecordingLinkCheck {
    const expected = Buffer.from(this.#sign(callId, expires), 'hex');
    const given = Buffer.from(signature, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return this.#now() > expires ? 'expired' : 'valid';
  }

  #sign(callId: string, expires: number): string {
    return createHmac('sha256', this.#key).update(`${callId}.${expires}`).digest('hex');
  }
}
