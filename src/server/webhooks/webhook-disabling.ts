import type { Database } from '../db/client.js';
import { recordNotification } from '../notifications/service.js';
import { disableWebhook } from './webhook-store.js';

/** The reason stored on an endpoint disabled for failing, and shown on the Webhooks page. */
export const failingReason = (failures: number, lastProblem: string) =>
  `Disabled after ${failures} failed deliveries in a row (last: ${lastProblem}). Fix the receiver, then re-enable it.`;

/** Disables a failing endpoint and, once, tells the company's admins (the bell). */
export async function disableFailingWebhook(
  db: Database,
  webhook: { id: string; companyId: string; url: string },
  failures: number,
  lastProblem: string,
): Promise<boolean> {
  const reason = failingReason(failures, lastProblem);
  if (!(await disableWebhook(db, webhook.id, reason))) return false;
  await recordNotification(db, {
    companyId: webhook.companyId,
    chatbotId: null,
    kind: 'webhook_disabled',
    reason: webhook.id,
    title: 'Webhook disabled',
    body: `${new URL(webhook.url).host}: ${reason}`,
    details: { webhookId: webhook.id },
  });
  return true;
}
