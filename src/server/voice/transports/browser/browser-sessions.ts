import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError, notFound } from '../../../http/errors.js';
import {
  type PendingSessionStore,
  SESSION_TTL_MS,
  TOKEN_TTL_MS,
} from '../../calls/session-tokens.js';

type SessionState = 'issued' | 'connected' | 'ended';

type SessionRecord = {
  tokenHash: string;
  issuedAt: number;
  state: SessionState;
  callId: string | null;
};

// Beside the manager's pending tokens (which vanish once redeemed or expired):
// this keeps each browser session for its whole life, so the gateway can tell
// an unknown session (404) from a used or expired token (401), and so
// `POST …/end` can find the call with the same token after the socket opened.
const KEY_PREFIX = 'browser:';

const hashToken = (token: string) => createHash('sha256').update(token).digest();

const callTokenRefused = (message: string) => new AppError(401, 'invalid_call_session', message);

/** What the gateway knows of each browser call session it issued. */
export class BrowserCallSessions {
  constructor(
    private readonly store: PendingSessionStore,
    // Read through Date each time so a test's fake clock reaches it.
    private readonly now: () => number = () => Date.now(),
  ) {}

  async issued(sessionId: string, token: string): Promise<void> {
    await this.#put(sessionId, {
      tokenHash: hashToken(token).toString('hex'),
      issuedAt: this.now(),
      state: 'issued',
      callId: null,
    });
  }

  /** Throws unless `token` may open the call socket of this session now. */
  async checkUpgrade(sessionId: string, token: string): Promise<void> {
    const record = await this.#authorized(sessionId, token);
    if (record.state === 'ended') throw callTokenRefused('This call has ended; start a new call.');
    if (record.state !== 'issued') throw callTokenRefused('This call token was already used.');
    if (this.now() - record.issuedAt > TOKEN_TTL_MS) {
      throw callTokenRefused('This call token expired before it was used; start a new call.');
    }
  }

  /** Records the call a session started; false when the session was ended meanwhile. */
  async connected(sessionId: string, callId: string): Promise<boolean> {
    const record = await this.#get(sessionId);
    if (!record || record.state === 'ended') return false;
    await this.#put(sessionId, { ...record, state: 'connected', callId });
    return true;
  }

  async ended(sessionId: string): Promise<void> {
    const record = await this.#get(sessionId);
    if (record && record.state !== 'ended')
      await this.#put(sessionId, { ...record, state: 'ended' });
  }

  /** The call a session's token controls: null before the socket started one. */
  async callOf(
    sessionId: string,
    token: string,
  ): Promise<{ callId: string | null; ended: boolean }> {
    const record = await this.#authorized(sessionId, token);
    return { callId: record.callId, ended: record.state === 'ended' };
  }

  async #authorized(sessionId: string, token: string): Promise<SessionRecord> {
    const record = await this.#get(sessionId);
    if (!record) throw notFound('Call session');
    const expected = Buffer.from(record.tokenHash, 'hex');
    const given = hashToken(token);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw callTokenRefused('This token does not belong to this call session.');
    }
    return record;
  }

  async #get(sessionId: string): Promise<SessionRecord | null> {
    const raw = await this.store.get(KEY_PREFIX + sessionId);
    return raw ? (JSON.parse(raw) as SessionRecord) : null;
  }

  async #put(sessionId: string, record: SessionRecord): Promise<void> {
    const remainingMs = record.issuedAt + SESSION_TTL_MS - this.now();
    if (remainingMs <= 0) return;
    await this.store.put(KEY_PREFIX + sessionId, JSON.stringify(record), remainingMs);
  }
}
