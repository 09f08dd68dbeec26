import type { SecretBox } from '../crypto/secret-box.js';
import type { Database } from '../db/client.js';
import type { WebhookEventType } from './webhook-events.js';
import { newSigningSecret } from './webhook-signature.js';
import {
  findWebhookRow,
  insertWebhookRow,
  listWebhookRows,
  updateWebhookRow,
  type WebhookValues,
} from './webhook-store.js';
import { checkWebhookUrl } from './webhook-url.js';
import { type WebhookView, webhookView } from './webhook-view.js';

type Tenant = { companyId: string };

export type WebhookServiceDeps = { db: Database; secretBox: SecretBox; allowPrivateUrls: boolean };

export type WebhookInput = {
  url: string;
  description?: string | null | undefined;
  events: WebhookEventType[];
};

export type WebhookPatch = Partial<WebhookInput> & { isActive?: boolean | undefined };

/** An endpoint with its signing secret: answered once, on create and on rotate. */
export type WebhookWithSecret = { webhook: WebhookView; secret: string };

const descriptionOf = (description: string | null | undefined) => description?.trim() || null;
const uniqueEvents = (events: WebhookEventType[]) => [...new Set(events)];

export async function listWebhooks(
  deps: WebhookServiceDeps,
  tenant: Tenant,
): Promise<WebhookView[]> {
  return (await listWebhookRows(deps.db, tenant)).map((row) => webhookView(deps.secretBox, row));
}

export async function getWebhook(
  deps: WebhookServiceDeps,
  tenant: Tenant,
  id: string,
): Promise<WebhookView> {
  return webhookView(deps.secretBox, await findWebhookRow(deps.db, tenant, id));
}

export async function createWebhook(
  deps: WebhookServiceDeps,
  tenant: Tenant,
  input: WebhookInput,
): Promise<WebhookWithSecret> {
  const secret = newSigningSecret();
  const row = await insertWebhookRow(deps.db, tenant, {
    url: checkWebhookUrl(input.url, deps.allowPrivateUrls),
    description: descriptionOf(input.description),
    events: uniqueEvents(input.events),
    secretEncrypted: deps.secretBox.seal(secret),
  });
  return { webhook: webhookView(deps.secretBox, row), secret };
}

/** Changes the given fields; turning a disabled endpoint on again clears its failures. */
export async function updateWebhook(
  deps: WebhookServiceDeps,
  tenant: Tenant,
  id: string,
  patch: WebhookPatch,
): Promise<WebhookView> {
  const values: WebhookValues = {};
  if (patch.url !== undefined) values.url = checkWebhookUrl(patch.url, deps.allowPrivateUrls);
  if (patch.description !== undefined) values.description = descriptionOf(patch.description);
  if (patch.events !== undefined) values.events = uniqueEvents(patch.events);
  if (patch.isActive !== undefined) {
    values.isActive = patch.isActive;
    if (patch.isActive) {
      values.consecutiveFailures = 0;
      values.disabledReason = null;
    }
  }
  const row =
    Object.keys(values).length > 0
      ? await updateWebhookRow(deps.db, tenant, id, values)
      : await findWebhookRow(deps.db, tenant, id);
  return webhookView(deps.secretBox, row);
}

/** A new signing secret; the old one stops signing at once. */
export async function rotateWebhookSecret(
  deps: WebhookServiceDeps,
  tenant: Tenant,
  id: string,
): Promise<WebhookWithSecret> {
  const secret = newSigningSecret();
  const row = await updateWebhookRow(deps.db, tenant, id, {
    secretEncrypted: deps.secretBox.seal(secret),
  });
  return { webhook: webhookView(deps.secretBox, row), secret };
}
