import { and, eq } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Database } from '../db/client.js';
import { callCallbacks, calls } from '../db/schema/index.js';
import { invalid, notFound } from '../http/errors.js';
import { requireCompanyMember } from '../members/member-check.js';
import { type CallbackView, loadCallback } from './callback-list.js';

const NOTE_MAX = 2_000;

export const callbackScheduleBody = z.strictObject({
  dueAt: z.iso.datetime({ offset: true }),
  assignedToId: z.uuid().nullable().optional(),
  note: z.string().trim().max(NOTE_MAX).nullable().optional(),
  /** The number to call back; the call's caller number when left out. */
  phone: z.string().trim().min(3).max(40).optional(),
});

export const callbackChangeBody = z.strictObject({
  // Both spellings of "cancelled" are taken; the row keeps the schema's one.
  status: z
    .enum(['scheduled', 'done', 'canceled', 'cancelled'])
    .transform((value) => (value === 'cancelled' ? 'canceled' : value))
    .optional(),
  dueAt: z.iso.datetime({ offset: true }).optional(),
  assignedToId: z.uuid().nullable().optional(),
  note: z.string().trim().max(NOTE_MAX).nullable().optional(),
});

export type CallbackSchedule = z.infer<typeof callbackScheduleBody>;
export type CallbackChange = z.infer<typeof callbackChangeBody>;

export async function getCallback(
  db: Database,
  scope: { companyId: string; callbackId: string },
): Promise<CallbackView> {
  const callback = await loadCallback(db, scope);
  if (!callback) throw notFound('Callback');
  return callback;
}

/** Staff promise to call a caller back: when, who does it, and why. */
export async function scheduleCallback(
  db: Database,
  staff: { companyId: string; userId: string; callId: string },
  input: CallbackSchedule,
): Promise<CallbackView> {
  const { companyId, callId } = staff;
  const [call] = await db
    .select({ callerId: calls.callerId })
    .from(calls)
    .where(and(eq(calls.companyId, companyId), eq(calls.id, callId)));
  if (!call) throw notFound('Call');
  const phone = input.phone ?? call.callerId;
  if (!phone) throw invalid('phone', 'is needed: this call came without a caller number');
  if (input.assignedToId) {
    await requireCompanyMember(db, { companyId, userId: input.assignedToId }, 'assignedToId');
  }
  const [row] = await db
    .insert(callCallbacks)
    .values({
      companyId,
      callId,
      phone,
      dueAt: new Date(input.dueAt),
      assignedTo: input.assignedToId ?? null,
      note: input.note || null,
      createdBy: staff.userId,
    })
    .returning({ id: callCallbacks.id });
  if (!row) throw new Error('callback insert returned no row');
  return getCallback(db, { companyId, callbackId: row.id });
}

/** Done, cancelled, moved, reassigned or re-noted. */
export async function changeCallback(
  db: Database,
  scope: { companyId: string; callbackId: string },
  change: CallbackChange,
): Promise<CallbackView> {
  const { companyId, callbackId } = scope;
  if (change.assignedToId) {
    await requireCompanyMember(db, { companyId, userId: change.assignedToId }, 'assignedToId');
  }
  const set: PgUpdateSetSource<typeof callCallbacks> = { updatedAt: new Date() };
  if (change.status) set.status = change.status;
  if (change.dueAt) set.dueAt = new Date(change.dueAt);
  if (change.assignedToId !== undefined) set.assignedTo = change.assignedToId;
  if (change.note !== undefined) set.note = change.note || null;
  const [updated] = await db
    .update(callCallbacks)
    .set(set)
    .where(and(eq(callCallbacks.companyId, companyId), eq(callCallbacks.id, callbackId)))
    .returning({ id: callCallbacks.id });
  if (!updated) throw notFound('Callback');
  return getCallback(db, scope);
}
