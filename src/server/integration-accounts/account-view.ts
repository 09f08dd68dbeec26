import type { ShownAccount } from './account-store.js';
import type {
  IntegrationWebhookUrls,
  TwilioWebhookUrls,
  WhatsAppWebhookUrls,
} from './webhook-urls.js';

/** An integration account as the API answers it: never a credential, at most its last characters. */
export type IntegrationAccountView = {
  id: string;
  accountType: ShownAccount['accountType'];
  name: string;
  description: string | null;
  chatbotId: string | null;
  chatbotName: string | null;
  config: Record<string, unknown>;
  credentials:
    | { accountSid: string | null; authTokenHint: string | null }
    | { accessTokenHint: string | null; appSecretHint: '••••' };
  status: ShownAccount['status'];
  lastVerifiedAt: Date | null;
  lastError: string | null;
  webhooks: TwilioWebhookUrls | WhatsAppWebhookUrls;
  createdAt: Date;
  updatedAt: Date;
};

export function accountView(
  account: ShownAccount,
  webhooks: IntegrationWebhookUrls,
): IntegrationAccountView {
  const { externalAccountId, credentialsHint, ...shown } = account;
  if (account.accountType === 'whatsapp') {
    return {
      ...shown,
      credentials: { accessTokenHint: credentialsHint, appSecretHint: '••••' },
      webhooks: webhooks.whatsapp,
    };
  }
  return {
    ...shown,
    credentials: { accountSid: externalAccountId, authTokenHint: credentialsHint },
    webhooks: webhooks.twilio,
  };
}

/** What the API shows of an auth token: its last four characters. */
export const authTokenHint = (authToken: string) => `…${authToken.slice(-4)}`;
