import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.js';
import {
  callbackStatuses,
  callCallbacks,
  callIntegrationAccounts,
  calls,
  users,
} from '../db/schema/index.js';

const CALLBACK_LIST_MAX = 200;

export type CallbackStatus = (typeof callbackStatuses)[number];

export const callbackListQuery = z.object({
  status: z.enum(callbackStatuses).optional(),
  /** `true`: scheduled and due now or overdue, what the front desk should dial next. */
  due: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  callId: z.uuid().optional(),
});

export type CallbackListQuery = z.infer<typeof callbackListQuery>;

export type CallbackView = {
  id: string;
  callId: string | null;
  phone: string;
  dueAt: Date;
  note: string | null;
  status: CallbackStatus;
  callerName: string | null;
  assignedTo: { id: string; name: string } | null;
  placedCallId: string | null;
  /** Whether the agent can place it: the call's chatbot has an active Twilio number. */
  canPlace: boolean;
  createdAt: Date;
};

const canPlace = sql<boolean>`exists (
  select 1 from ${callIntegrationAccounts}
  where ${callIntegrationAccounts.companyId} = ${callCallbacks.companyId}
    and ${callIntegrationAccounts.chatbotId} = ${calls.chatbotId}
    and ${callIntegrationAccounts.accountType} = 'twilio'
    and ${callIntegrationAccounts.status} = 'active'
    and ${callIntegrationAccounts.phoneNumber} is not null
)`;

async function selectCallbacks(db: Database, where: SQL | undefined): Promise<CallbackView[]> {
  const rows = await db
    .select({
      id: callCallbacks.id,
      callId: callCallbacks.callId,
      phone: callCallbacks.phone,
      dueAt: callCallbacks.dueAt,
      note: callCallbacks.note,
      status: callCallbacks.status,
      callerName: calls.callerName,
      assigneeId: users.id,
      assigneeName: users.name,
      placedCallId: callCallbacks.placedCallId,
      canPlace,
      createdAt: callCallbacks.createdAt,
    })
    .from(callCallbacks)
    .leftJoin(
      calls,
      and(eq(calls.companyId, callCallbacks.companyId), eq(calls.id, callCallbacks.callId)),
    )
    .leftJoin(users, eq(users.id, callCallbacks.assignedTo))
    .where(where)
    .orderBy(asc(callCallbacks.dueAt), asc(callCallbacks.id))
    .limit(CALLBACK_LIST_MAX);
  return rows.map(({ assigneeId, assigneeName, ...row }) => ({
    ...row,
    canPlace: Boolean(row.canPlace),
    assignedTo: assigneeId ? { id: assigneeId, name: assigneeName ?? '' } : null,
  }));
}

/** The company's callbacks, soonest due first. */
export function listCallbacks(
  db: Database,
  tenant: { companyId: string },
  query: CallbackListQuery,
): Promise<CallbackView[]> {
  const conditions: SQL[] = [eq(callCallbacks.companyId, tenant.companyId)];
  if (query.status) conditions.push(eq(callCallbacks.status, query.status));
  if (query.callId) conditions.push(eq(callCallbacks.callId, query.callId));
  if (query.due === true) {
    conditions.push(eq(callCallbacks.status, 'scheduled'), sql`${callCallbacks.dueAt} <= now()`);
  }
  if (query.due === false) conditions.push(sql`${callCallbacks.dueAt} > now()`);
  return selectCallbacks(db, and(...conditions));
}

export async function loadCallback(
  db: Database,
  scope: { companyId: string; callbackId: string },
): Promise<CallbackView | undefined> {
  const [callback] = await selectCallbacks(
    db,
    and(eq(callCallbacks.companyId, scope.companyId), eq(callCallbacks.id, scope.callbackId)),
  );
  return callback;
}
