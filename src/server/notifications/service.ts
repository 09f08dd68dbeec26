import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { chatbots, notifications } from '../db/schema/index.js';
import { notFound } from '../http/errors.js';

type Tenant = { companyId: string };

export type NewNotification = Tenant & {
  /** Null for what concerns no one chatbot; such notifications are not folded. */
  chatbotId: string | null;
  kind: string;
  reason: string;
  title: string;
  body: string;
  details?: Record<string, string>;
};

export type NotificationView = {
  id: string;
  kind: string;
  reason: string;
  title: string;
  body: string;
  chatbot: { id: string; name: string } | null;
  details: Record<string, string>;
  occurrences: number;
  readAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const LIST_LIMIT = 50;

/**
 * Stores a notification for the company's admins, or, while one for the same
 * chatbot, kind and reason is unread, counts another occurrence on it, so a
 * burst of failures is one line in the dashboard.
 */
export async function recordNotification(db: Database, input: NewNotification): Promise<void> {
  const { details = {}, ...row } = input;
  await db
    .insert(notifications)
    .values({ ...row, details })
    .onConflictDoUpdate({
      target: [
        notifications.companyId,
        notifications.chatbotId,
        notifications.kind,
        notifications.reason,
      ],
      targetWhere: isNull(notifications.readAt),
      set: {
        occurrences: sql`${notifications.occurrences} + 1`,
        title: row.title,
        body: row.body,
        details,
        updatedAt: new Date(),
      },
    });
}

/** The latest notifications, newest activity first, and how many are unread. */
export async function listNotifications(
  db: Database,
  tenant: Tenant,
): Promise<{ notifications: NotificationView[]; unreadCount: number }> {
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      reason: notifications.reason,
      title: notifications.title,
      body: notifications.body,
      chatbotId: notifications.chatbotId,
      chatbotName: chatbots.name,
      details: notifications.details,
      occurrences: notifications.occurrences,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      updatedAt: notifications.updatedAt,
    })
    .from(notifications)
    .leftJoin(chatbots, eq(chatbots.id, notifications.chatbotId))
    .where(eq(notifications.companyId, tenant.companyId))
    .orderBy(desc(notifications.updatedAt), desc(notifications.id))
    .limit(LIST_LIMIT);
  const [unread] = await db
    .select({ value: count() })
    .from(notifications)
    .where(and(eq(notifications.companyId, tenant.companyId), isNull(notifications.readAt)));
  return {
    notifications: rows.map(({ chatbotId, chatbotName, ...view }) => ({
      ...view,
      chatbot: chatbotId && chatbotName ? { id: chatbotId, name: chatbotName } : null,
    })),
    unreadCount: unread?.value ?? 0,
  };
}

/** Marks one notification read (again is fine); another company's is not found. */
export async function markNotificationRead(db: Database, tenant: Tenant, id: string) {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.companyId, tenant.companyId), eq(notifications.id, id)))
    .returning({ id: notifications.id, readAt: notifications.readAt });
  if (!row) throw notFound('Notification');
  return row;
}
