import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { SecretBox } from '../../../crypto/secret-box.js';
import type { Database } from '../../../db/client.js';
import { AppError } from '../../../http/errors.js';
import type { IntegrationAccountMonitor } from '../../../integration-accounts/account-monitor.js';
import { safeError } from '../../runner/log-safe.js';
import { isSignedBy, signedUrlOf, twilioSignatureOf } from './twilio-signature.js';
import { findWebhookAccount, type WebhookAccount } from './webhook-account.js';

export type RequestGuardDeps = {
  db: Database;
  secretBox: SecretBox;
  config: { publicUrl: string | undefined };
  logger: Logger;
  /** Hears of requests that name a known account but were not signed with its token. */
  integrations: Pick<IntegrationAccountMonitor, 'reportBadSignature'>;
};

/**
 * Requests failing validation one address may send a minute before it gets
 * 429 instead of 403: room for a misconfigured line's retries, none for a flood.
 */
const REFUSALS_PER_MINUTE = 100;

const forbidden = () =>
  new AppError(403, 'forbidden', 'This request is not signed by Twilio for a connected account.');
const tooManyRefusals = () =>
  new AppError(429, 'rate_limited', 'Too many requests failed validation. Try again in a minute.');

/**
 * Proves that requests to the Twilio webhooks come from Twilio for one of our
 * accounts (X-Twilio-Signature with that account's auth token). Only refused
 * requests count against a per-address limit, so a flood of forged ones ends
 * in cheap 429s without log lines, while Twilio's own requests, however many
 * a busy line sends from few addresses, are never throttled.
 */
export class TwilioRequestGuard {
  readonly #deps: RequestGuardDeps;
  readonly #refusals: ReturnType<FastifyInstance['createRateLimit']>;

  constructor(app: FastifyInstance, deps: RequestGuardDeps) {
    this.#deps = deps;
    this.#refusals = app.createRateLimit({
      max: REFUSALS_PER_MINUTE,
      timeWindow: 60_000,
      keyGenerator: (request) => `twilio-refused:${request.ip}`,
    });
  }

  /** The account a signed webhook came for; throws 403 (429 past the limit) otherwise. */
  async webhookAccount(
    request: FastifyRequest,
    params: Record<string, unknown>,
    key: { accountSid: string | undefined; numbers: string[] },
  ): Promise<WebhookAccount> {
    const signature = twilioSignatureOf(request);
    if (!signature) return this.refuse(request, 'unsigned');
    let account: WebhookAccount | null;
    try {
      account = key.accountSid
        ? await findWebhookAccount(this.#deps.db, this.#deps.secretBox, {
            accountSid: key.accountSid,
            numbers: key.numbers,
          })
        : null;
    } catch (err) {
      this.#deps.logger.error({ err: safeError(err) }, 'twilio account credentials unreadable');
      return this.refuse(request, 'unreadable_credentials');
    }
    if (!account) return this.refuse(request, 'unknown_account');
    const url = signedUrlOf(this.#deps.config, request);
    if (!isSignedBy(account.authToken, signature, url, params)) {
      this.badSignature(account);
      return this.refuse(request, 'bad_signature', account.id);
    }
    return account;
  }

  /** Counts a refused request against its address and throws 403, or 429 past the limit. */
  async refuse(request: FastifyRequest, reason: string, accountId?: string): Promise<never> {
    if (await this.recordRefusal(request, reason, accountId)) throw tooManyRefusals();
    throw forbidden();
  }

  /**
   * Counts a refusal, logged while under the limit with its reason (a code,
   * never a number, token or signature); true once the address is over it.
   */
  async recordRefusal(
    request: FastifyRequest,
    reason: string,
    accountId?: string,
  ): Promise<boolean> {
    const verdict = await this.#refusals(request);
    const over = !verdict.isAllowed && verdict.isExceeded;
    if (!over) {
      this.#deps.logger.warn(
        { reason, path: request.routeOptions.url, accountId },
        'twilio request refused',
      );
    }
    return over;
  }

  /** A known account's token did not sign the request: repeated, it re-checks the account. */
  badSignature(account: WebhookAccount): void {
    this.#deps.integrations
      .reportBadSignature(account.id)
      .catch((err: unknown) =>
        this.#deps.logger.warn({ err: safeError(err) }, 'bad twilio signature not reported'),
      );
  }
}
