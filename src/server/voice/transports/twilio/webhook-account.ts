import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { SecretBox } from '../../../crypto/secret-box.js';
import type { Database } from '../../../db/client.js';
import { callIntegrationAccounts } from '../../../db/schema/index.js';
import { openTwilioCredentials } from '../../../integration-accounts/credentials.js';

const accounts = callIntegrationAccounts;

/** A Twilio integration account as a webhook needs it: whose it is, and the token that signs for it. */
export type WebhookAccount = {
  id: string;
  companyId: string;
  chatbotId: string | null;
  name: string;
  /** The account's number (E.164): the one outbound calls come from. */
  phoneNumber: string | null;
  /** Only an active account takes calls. */
  status: (typeof accounts.$inferSelect)['status'];
  lastError: string | null;
  accountSid: string;
  authToken: string;
};

const columns = {
  id: accounts.id,
  companyId: accounts.companyId,
  chatbotId: accounts.chatbotId,
  name: accounts.name,
  phoneNumber: accounts.phoneNumber,
  status: accounts.status,
  lastError: accounts.lastError,
  credentialsEncrypted: accounts.credentialsEncrypted,
};

type Row = Pick<typeof accounts.$inferSelect, keyof typeof columns>;

/**
 * The account a webhook names: its AccountSid and one of the call's numbers
 * (the called number of an inbound call, the calling one of an outbound call).
 */
export async function findWebhookAccount(
  db: Database,
  secretBox: SecretBox,
  key: { accountSid: string; numbers: string[] },
): Promise<WebhookAccount | null> {
  if (key.numbers.length === 0) return null;
  const [row] = await db
    .select(columns)
    .from(accounts)
    .where(
      and(
        eq(accounts.accountType, 'twilio'),
        eq(accounts.externalAccountId, key.accountSid),
        inArray(accounts.phoneNumber, key.numbers),
      ),
    )
    .limit(1);
  return row ? opened(secretBox, row) : null;
}

/** A company's Twilio account by id (the account a phone call came in through). */
export async function webhookAccountById(
  db: Database,
  secretBox: SecretBox,
  scope: { companyId: string; id: string },
): Promise<WebhookAccount | null> {
  const [row] = await db
    .select(columns)
    .from(accounts)
    .where(
      and(
        eq(accounts.companyId, scope.companyId),
        eq(accounts.id, scope.id),
        eq(accounts.accountType, 'twilio'),
      ),
    );
  return row ? opened(secretBox, row) : null;
}

/** The Twilio account a company's chatbot answers on (an active one first), for calls it places. */
export async function chatbotTwilioAccount(
  db: Database,
  secretBox: SecretBox,
  scope: { companyId: string; chatbotId: string },
): Promise<WebhookAccount | null> {
  const [row] = await db
    .select(columns)
    .from(accounts)
    .where(
      and(
        eq(accounts.companyId, scope.companyId),
        eq(accounts.chatbotId, scope.chatbotId),
        eq(accounts.accountType, 'twilio'),
      ),
    )
    .orderBy(desc(sql`${accounts.status} = 'active'`), asc(accounts.createdAt))
    .limit(1);
  return row ? opened(secretBox, row) : null;
}

function opened(secretBox: SecretBox, row: Row): WebhookAccount {
  const { credentialsEncrypted, ...account } = row;
  const credentials = openTwilioCredentials(secretBox, credentialsEncrypted);
  return { ...account, accountSid: credentials.accountSid, authToken: credentials.authToken };
}
