import type { Config } from '../config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Database } from '../db/client.js';
import { type SealedAccount, storeTestOutcome } from './account-store.js';
import { openTwilioCredentials } from './credentials.js';
import { noticeInactiveAccount } from './inactive-notice.js';
import { failedStep, type IntegrationTestResult } from './test-result.js';
import { verifyTwilioAccount } from './verify-twilio.js';
import { verifyWhatsAppAccount } from './verify-whatsapp.js';
import { openWhatsAppCredentials } from './whatsapp-credentials.js';

export type AccountTestDeps = {
  db: Database;
  secretBox: SecretBox;
  config: Pick<Config, 'providers'>;
};

export type SavedTestOptions = {
  expectedVoiceUrl: string | null;
  /**
   * Background checks leave the status alone when Twilio cannot be reached:
   * a network outage says nothing about the account, and switching every line
   * off for one would hang up on callers Twilio still connects.
   */
  keepStatusWhenUnreachable?: boolean;
};

/**
 * Tests a saved account with its saved credentials and stores the outcome:
 * `active`, or `inactive` with the failed step as `lastError` (and a
 * notification when it was not inactive already).
 */
export async function testSavedAccount(
  deps: AccountTestDeps,
  account: SealedAccount,
  options: SavedTestOptions,
): Promise<IntegrationTestResult> {
  const result =
    account.accountType === 'whatsapp'
      ? await verifyWhatsAppAccount(deps.config, {
          credentials: openWhatsAppCredentials(deps.secretBox, account.credentialsEncrypted),
          phoneNumberId: account.externalAccountId ?? '',
        })
      : await verifyTwilioAccount(deps.config, {
          credentials: openTwilioCredentials(deps.secretBox, account.credentialsEncrypted),
          phoneNumber: account.phoneNumber ?? '',
          expectedVoiceUrl: options.expectedVoiceUrl,
        });
  const failed = failedStep(result);
  if (failed?.key === 'connect' && options.keepStatusWhenUnreachable) return result;
  const lastError = failed?.detail ?? null;
  const stored = await storeTestOutcome(deps.db, account, {
    status: lastError === null ? 'active' : 'inactive',
    lastError,
  });
  if (stored && lastError !== null && account.status !== 'inactive') {
    await noticeInactiveAccount(deps.db, account, lastError);
  }
  return result;
}
