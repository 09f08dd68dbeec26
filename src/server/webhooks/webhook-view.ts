import type { SecretBox } from '../crypto/secret-box.js';
import { secretHint } from './webhook-signature.js';
import type { WebhookRow } from './webhook-store.js';

/** An endpoint as the API answers it: never its secret, only the secret's hint. */
export type WebhookView = {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  isActive: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  secretHint: string;
  createdAt: Date;
  updatedAt: Date;
};

export function webhookView(secretBox: SecretBox, row: WebhookRow): WebhookView {
  const { secretEncrypted, companyId: _companyId, ...shown } = row;
  return { ...shown, secretHint: secretHint(secretBox.open(secretEncrypted)) };
}
