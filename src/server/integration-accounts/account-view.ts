import type { ShownAccount } from './account-store.js';
import type { TwilioWebhookUrls } from './webhook-urls.js';

/** An integration account as the API answers it: never a credential, at most its last characters. */
export type IntegrationAccountView = {
  id: string;
  accountType: ShownAccount['accountType'];
  name: string;
  description: string | null;
  chatbotId: string | null;
  chatbotName: string | null;
  config: Record<string, unknown>;
  credentials: { accountSid: string | null; authTokenHint: string | null };
  status: ShownAccount['status'];
  lastVerifiedAt: Date | null;
  lastError: string | null;
  webhooks: TwilioWebhookUrls;
  createdAt: Date;
  updatedAt: Date;
};

export function accountView(
  account: ShownAccount,
  webhooks: TwilioWebhookUrls,
): IntegrationAccountView {
  const { externalAccountId, credentialsHint, ...shown } = account;
  return {
    ...shown,
    credentials: { accountSid: externalAccountId, authTokenHint: credentialsHint },
    webhooks,
  };
}

/** What the API shows of an auth token: its last four characters. */
export const authTokenHint = (authToken: string) => `…${authToken.slice(-4)}`;
