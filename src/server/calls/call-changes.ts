import { and, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { EventBus } from '../bus/event-bus.js';
import type { Database } from '../db/client.js';
import { calls, callTranscripts, companyMembers, tickets } from '../db/schema/index.js';
import { invalid, notFound } from '../http/errors.js';
import type { RecordingStore } from '../recordings/recording-store.js';
import { type CallListItem, loadCallListItem } from './call-list-item.js';

export const callChangeBody = z.strictObject({
  isHandled: z.boolean().optional(),
  notes: z.string().max(10_000).nullable().optional(),
  assignedToId: z.uuid().nullable().optional(),
});

export type CallChange = z.infer<typeof callChangeBody>;

type CallTarget = { companyId: string; callId: string };

/** Staff mark a call handled, write notes or assign it; live views hear of it on the bus. */
export async function changeCall(
  deps: { db: Database; bus: EventBus },
  target: CallTarget,
  change: CallChange,
): Promise<CallListItem> {
  const { db, bus } = deps;
  if (change.assignedToId) await requireMember(db, target.companyId, change.assignedToId);
  const set: PgUpdateSetSource<typeof calls> = { updatedAt: new Date() };
  if (change.isHandled !== undefined) {
    set.isHandled = change.isHandled;
    // Marking a handled call handled again keeps when it was first handled.
    set.handledAt = change.isHandled ? sql`coalesce(${calls.handledAt}, now())` : null;
  }
  if (change.notes !== undefined) set.notes = change.notes;
  if (change.assignedToId !== undefined) set.assignedTo = change.assignedToId;
  const [updated] = await db
    .update(calls)
    .set(set)
    .where(and(eq(calls.companyId, target.companyId), eq(calls.id, target.callId)))
    .returning({ id: calls.id });
  if (!updated) throw notFound('Call');
  bus.publish('call.updated', target);
  const item = await loadCallListItem(db, target, target.callId);
  if (!item) throw notFound('Call');
  return item;
}

async function requireMember(db: Database, companyId: string, userId: string): Promise<void> {
  const [member] = await db
    .select({ userId: companyMembers.userId })
    .from(companyMembers)
    .where(and(eq(companyMembers.companyId, companyId), eq(companyMembers.userId, userId)));
  if (!member) throw invalid('assignedToId', 'is not a member of this company');
}

/**
 * Deletes a call with its transcript and its recording file; tickets left on
 * it stay, no longer linked to a call.
 */
export async function deleteCall(
  deps: { db: Database; recordings: RecordingStore },
  target: CallTarget,
): Promise<void> {
  const { db, recordings } = deps;
  const where = and(eq(calls.companyId, target.companyId), eq(calls.id, target.callId));
  const deleted = await db.transaction(async (tx) => {
    await tx
      .update(tickets)
      .set({ callId: null })
      .where(and(eq(tickets.companyId, target.companyId), eq(tickets.callId, target.callId)));
    await tx
      .delete(callTranscripts)
      .where(
        and(
          eq(callTranscripts.companyId, target.companyId),
          eq(callTranscripts.callId, target.callId),
        ),
      );
    const [row] = await tx
      .delete(calls)
      .where(where)
      .returning({ recordingPath: calls.recordingPath });
    return row;
  });
  if (!deleted) throw notFound('Call');
  if (deleted.recordingPath) await recordings.delete(deleted.recordingPath);
}
