import type { SessionStore } from '@fastify/session';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Session } from 'fastify';
import type { Database } from '../db/client.js';
import { sessions } from '../db/schema/index.js';

type Callback = (error?: unknown) => void;
type GetCallback = (error: unknown, session?: Session | null) => void;

/**
 * Sessions live in Postgres so every node sees them and logout revokes at
 * once. Expired rows are never returned and are swept periodically.
 */
export class DatabaseSessionStore implements SessionStore {
  constructor(
    private readonly db: Database,
    private readonly ttlMs: number,
  ) {}

  set(sessionId: string, session: Session, callback: Callback): void {
    const expires = session.cookie.expires ?? new Date(Date.now() + this.ttlMs);
    const data = JSON.parse(JSON.stringify(session)) as Record<string, unknown>;
    const userId = typeof session.userId === 'string' ? session.userId : null;
    this.db
      .insert(sessions)
      .values({ id: sessionId, userId, data, expiresAt: new Date(expires) })
      .onConflictDoUpdate({
        target: sessions.id,
        set: { userId, data, expiresAt: new Date(expires) },
      })
      .then(() => callback(), callback);
  }

  get(sessionId: string, callback: GetCallback): void {
    this.db
      .select({ data: sessions.data })
      .from(sessions)
      .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date())))
      .limit(1)
      .then(([row]) => callback(null, row ? (row.data as unknown as Session) : null), callback);
  }

  destroy(sessionId: string, callback: Callback): void {
    this.db
      .delete(sessions)
      .where(eq(sessions.id, sessionId))
      .then(() => callback(), callback);
  }

  async sweepExpired(now = new Date()): Promise<void> {
    await this.db.delete(sessions).where(lt(sessions.expiresAt, now));
  }

  async destroyAllForUser(userId: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.userId, userId));
  }
}
