import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { calls } from '../../db/schema/index.js';

/** The caller's 1–5 stars; a call is found through its session token, never by a guessed id. */
export async function rateCall(db: Database, callId: string, rating: number): Promise<void> {
  await db.update(calls).set({ rating }).where(eq(calls.id, callId));
}
