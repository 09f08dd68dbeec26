import type { Database } from '../db/client.js';
import { recordNotification } from '../notifications/service.js';
import type { SealedAccount } from './account-store.js';

/** The dashboard's alert, word for word: "<name>: <lastError>. Calls through …". */
export const inactiveAccountText = (name: string, lastError: string) =>
  `${name}: ${lastError}. Calls through this integration are currently unavailable.`;

/** Tells the company's admins (the bell) that an account was marked inactive. */
export async function noticeInactiveAccount(
  db: Database,
  account: Pick<SealedAccount, 'id' | 'companyId' | 'chatbotId' | 'name'>,
  lastError: string,
): Promise<void> {
  await recordNotification(db, {
    companyId: account.companyId,
    chatbotId: account.chatbotId,
    kind: 'integration_inactive',
    // One unread notification per account: repeats count occurrences on it.
    reason: account.id,
    title: 'Integration Account Error',
    body: inactiveAccountText(account.name, lastError),
    details: { integrationAccountId: account.id, accountName: account.name },
  });
}
