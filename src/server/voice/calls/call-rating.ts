import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { calls } from '../../db/schema/index.js';
import { AppError } from '../../http/errors.js';

const alreadyRated = () =>
  new AppError(409, 'already_rated', 'This call has already been rated; the first rating stands.');

/**
 * The caller's 1–5 stars, once: a call is found through its session token,
 * never by a guessed id, and the first rating stands (409 `already_rated`).
 */
export async function rateCall(db: Database, callId: string, rating: number): Promise<void> {
  const rated = await db
    .update(calls)
    .set({ rating })
    .where(and(eq(calls.id, callId), isNull(calls.rating)))
    .returning({ id: calls.id });
  if (rated.length === 0) throw alreadyRated();
}
