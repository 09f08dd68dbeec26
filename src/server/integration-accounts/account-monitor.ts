import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Database } from '../db/client.js';
import {
  findSealedAccountById,
  listActiveAccountsDue,
  type SealedAccount,
} from './account-store.js';
import { testSavedAccount } from './account-tests.js';
import { failedStep } from './test-result.js';
import { twilioWebhookUrls } from './webhook-urls.js';

export type IntegrationAccountMonitorOptions = {
  db: Database;
  secretBox: SecretBox;
  config: Pick<Config, 'providers' | 'publicUrl' | 'twilioRecheckIntervalMs'>;
  logger: Logger;
  /** Milliseconds since the epoch; tests pass a manual clock. */
  now?: () => number;
};

const BAD_SIGNATURE_LIMIT = 5;
const BAD_SIGNATURE_WINDOW_MS = 10 * 60_000;

/**
 * Keeps active Twilio accounts honest after they were saved: re-verifies them
 * periodically, and when webhooks for one keep arriving with bad signatures.
 * Only a failing re-check against Twilio marks an account inactive: a forged
 * request proves nothing about the account, and anyone who knows its
 * AccountSid and number can send one.
 */
export class IntegrationAccountMonitor {
  readonly #options: IntegrationAccountMonitorOptions;
  readonly #now: () => number;
  /** Per account, when its recent bad signatures arrived (within the window). */
  readonly #badSignatures = new Map<string, number[]>();
  /** Per account, when bad signatures last made it re-check, so a flood costs Twilio one check per window. */
  readonly #signatureRechecks = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #inFlight: Promise<void> | undefined;
  #stopped = false;

  constructor(options: IntegrationAccountMonitorOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Re-checks due accounts every `twilioRecheckIntervalMs` until `stop`. */
  start(): void {
    this.#timer = setInterval(() => {
      this.#inFlight ??= this.recheckDue().finally(() => {
        this.#inFlight = undefined;
      });
    }, this.#options.config.twilioRecheckIntervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a re-check in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#inFlight;
  }

  /**
   * Re-verifies each active account (Twilio or WhatsApp) not checked for half an interval
   * (so several nodes do not all check the same account), one at a time.
   */
  async recheckDue(): Promise<void> {
    const { db, config, logger } = this.#options;
    const before = new Date(this.#now() - config.twilioRecheckIntervalMs / 2);
    try {
      for (const account of await listActiveAccountsDue(db, before)) {
        if (this.#stopped) return;
        await this.#recheck(account, 'periodic');
      }
    } catch (err) {
      logger.warn({ err }, 'integration account re-check failed');
    }
  }

  /**
   * Counts a webhook for this account whose signature did not validate. The
   * fifth within ten minutes re-verifies the account's credentials with Twilio
   * (at most once per ten minutes); resolves when that check is done.
   */
  async reportBadSignature(accountId: string): Promise<void> {
    const now = this.#now();
    const recent = (this.#badSignatures.get(accountId) ?? []).filter(
      (at) => now - at < BAD_SIGNATURE_WINDOW_MS,
    );
    recent.push(now);
    if (recent.length < BAD_SIGNATURE_LIMIT) {
      this.#badSignatures.set(accountId, recent);
      return;
    }
    this.#badSignatures.delete(accountId);
    const lastRecheck = this.#signatureRechecks.get(accountId);
    if (lastRecheck !== undefined && now - lastRecheck < BAD_SIGNATURE_WINDOW_MS) return;
    this.#signatureRechecks.set(accountId, now);
    try {
      const account = await findSealedAccountById(this.#options.db, accountId);
      if (account?.accountType === 'twilio' && account.status === 'active') {
        await this.#recheck(account, 'bad_signatures');
      }
    } catch (err) {
      this.#options.logger.warn({ err, accountId }, 'integration account re-check failed');
    }
  }

  async #recheck(account: SealedAccount, trigger: 'periodic' | 'bad_signatures'): Promise<void> {
    const { config, logger } = this.#options;
    const result = await testSavedAccount(this.#options, account, {
      expectedVoiceUrl: config.publicUrl ? twilioWebhookUrls(config.publicUrl).voiceUrl : null,
      keepStatusWhenUnreachable: true,
    });
    const failed = failedStep(result)?.key ?? null;
    const fields = { accountId: account.id, trigger, failedStep: failed };
    if (failed === null) logger.debug(fields, 'integration account re-checked');
    else if (failed === 'connect') logger.warn(fields, 'provider unreachable, account status kept');
    else logger.warn(fields, 'integration account marked inactive');
  }
}
