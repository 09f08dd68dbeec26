import { and, eq, inArray, sql } from 'drizzle-orm';
import type { SecretBox } from '../../../crypto/secret-box.js';
import type { Database } from '../../../db/client.js';
import { callIntegrationAccounts } from '../../../db/schema/index.js';
import {
  openWhatsAppCredentials,
  type WhatsAppCredentials,
} from '../../../integration-accounts/whatsapp-credentials.js';

const accounts = callIntegrationAccounts;

/** A WhatsApp account as its webhook needs it: whose it is, and the secrets that sign and act for it. */
export type WhatsAppAccount = {
  id: string;
  companyId: string;
  chatbotId: string | null;
  status: (typeof accounts.$inferSelect)['status'];
  phoneNumberId: string;
} & WhatsAppCredentials;

const columns = {
  id: accounts.id,
  companyId: accounts.companyId,
  chatbotId: accounts.chatbotId,
  status: accounts.status,
  externalAccountId: accounts.externalAccountId,
  credentialsEncrypted: accounts.credentialsEncrypted,
};

/** The WhatsApp accounts answering these phone number ids (a number is connected once). */
export async function whatsAppAccountsByNumberId(
  db: Database,
  secretBox: SecretBox,
  phoneNumberIds: string[],
): Promise<Map<string, WhatsAppAccount>> {
  if (phoneNumberIds.length === 0) return new Map();
  const rows = await db
    .select(columns)
    .from(accounts)
    .where(
      and(
        eq(accounts.accountType, 'whatsapp'),
        inArray(accounts.externalAccountId, phoneNumberIds),
      ),
    );
  const found = new Map<string, WhatsAppAccount>();
  for (const { credentialsEncrypted, externalAccountId, ...row } of rows) {
    if (!externalAccountId) continue;
    const credentials = openWhatsAppCredentials(secretBox, credentialsEncrypted);
    found.set(externalAccountId, { ...row, phoneNumberId: externalAccountId, ...credentials });
  }
  return found;
}

/** Whether some WhatsApp account was given this verify token (Meta's subscription handshake). */
export async function isKnownVerifyToken(db: Database, token: string): Promise<boolean> {
  const [row] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(eq(accounts.accountType, 'whatsapp'), sql`${accounts.config}->>'verifyToken' = ${token}`),
    )
    .limit(1);
  return row !== undefined;
}
