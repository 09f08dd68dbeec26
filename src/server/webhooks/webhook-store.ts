import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { webhookDeliveries, webhooks } from '../db/schema/index.js';
import { notFound } from '../http/errors.js';

type Tenant = { companyId: string };

export type WebhookRow = typeof webhooks.$inferSelect;

export type WebhookValues = Partial<
  Pick<
    WebhookRow,
    'url' | 'description' | 'events' | 'isActive' | 'secretEncrypted' | 'disabledReason'
  > & { consecutiveFailures: number }
>;

const DELIVERY_LOG_LIMIT = 100;

export async function listWebhookRows(db: Database, tenant: Tenant): Promise<WebhookRow[]> {
  return db
    .select()
    .from(webhooks)
    .where(eq(webhooks.companyId, tenant.companyId))
    .orderBy(desc(webhooks.createdAt), desc(webhooks.id));
}

/** One endpoint of the company; another company's is not found. */
export async function findWebhookRow(
  db: Database,
  tenant: Tenant,
  id: string,
): Promise<WebhookRow> {
  const [row] = await db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.companyId, tenant.companyId), eq(webhooks.id, id)));
  if (!row) throw notFound('Webhook');
  return row;
}

export async function insertWebhookRow(
  db: Database,
  tenant: Tenant,
  values: Pick<WebhookRow, 'url' | 'description' | 'events' | 'secretEncrypted'>,
): Promise<WebhookRow> {
  const [row] = await db
    .insert(webhooks)
    .values({ ...values, companyId: tenant.companyId })
    .returning();
  if (!row) throw new Error('Webhook insert returned nothing');
  return row;
}

export async function updateWebhookRow(
  db: Database,
  tenant: Tenant,
  id: string,
  values: WebhookValues,
): Promise<WebhookRow> {
  const [row] = await db
    .update(webhooks)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(webhooks.companyId, tenant.companyId), eq(webhooks.id, id)))
    .returning();
  if (!row) throw notFound('Webhook');
  return row;
}

/** Deletes the endpoint and, by cascade, its delivery log. */
export async function deleteWebhookRow(db: Database, tenant: Tenant, id: string): Promise<void> {
  const deleted = await db
    .delete(webhooks)
    .where(and(eq(webhooks.companyId, tenant.companyId), eq(webhooks.id, id)))
    .returning({ id: webhooks.id });
  if (deleted.length === 0) throw notFound('Webhook');
}

export type DeliveryLogEntry = {
  id: string;
  event: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  responseStatus: number | null;
  responseBody: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const logColumns = {
  id: webhookDeliveries.id,
  event: webhookDeliveries.event,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  responseStatus: webhookDeliveries.responseStatus,
  responseBody: webhookDeliveries.responseBody,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  createdAt: webhookDeliveries.createdAt,
  updatedAt: webhookDeliveries.updatedAt,
};

/** The endpoint's latest deliveries, newest first. */
export async function listDeliveries(
  db: Database,
  tenant: Tenant,
  webhookId: string,
): Promise<DeliveryLogEntry[]> {
  return db
    .select(logColumns)
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.companyId, tenant.companyId),
        eq(webhookDeliveries.webhookId, webhookId),
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(DELIVERY_LOG_LIMIT);
}

export async function findDelivery(
  db: Database,
  tenant: Tenant,
  id: string,
): Promise<DeliveryLogEntry> {
  const [row] = await db
    .select(logColumns)
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.companyId, tenant.companyId), eq(webhookDeliveries.id, id)));
  if (!row) throw notFound('Delivery');
  return row;
}

/** Counts a failed attempt against the endpoint; returns the failures in a row now. */
export async function countFailure(db: Database, webhookId: string): Promise<number> {
  const [row] = await db
    .update(webhooks)
    .set({ consecutiveFailures: sql`${webhooks.consecutiveFailures} + 1` })
    .where(eq(webhooks.id, webhookId))
    .returning({ failures: webhooks.consecutiveFailures });
  return row?.failures ?? 0;
}

export async function resetFailures(db: Database, webhookId: string): Promise<void> {
  await db
    .update(webhooks)
    .set({ consecutiveFailures: 0 })
    .where(and(eq(webhooks.id, webhookId), sql`${webhooks.consecutiveFailures} <> 0`));
}

/** Disables an active endpoint; true only for the caller that disabled it (one alert). */
export async function disableWebhook(
  db: Database,
  webhookId: string,
  reason: string,
): Promise<boolean> {
  const rows = await db
    .update(webhooks)
    .set({ isActive: false, disabledReason: reason, updatedAt: new Date() })
    .where(and(eq(webhooks.id, webhookId), eq(webhooks.isActive, true)))
    .returning({ id: webhooks.id });
  return rows.length > 0;
}
