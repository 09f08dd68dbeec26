import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { WebhookConfig } from '../config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Database } from '../db/client.js';
import { webhookDeliveries, webhooks } from '../db/schema/index.js';
import { safeError } from '../voice/runner/log-safe.js';
import { disableFailingWebhook } from './webhook-disabling.js';
import { TEST_EVENT, type WebhookEnvelope } from './webhook-events.js';
import type { WebhookOutbox } from './webhook-outbox.js';
import { type PostResult, postWebhook } from './webhook-post.js';
import { signatureHeader } from './webhook-signature.js';
import {
  countFailure,
  type DeliveryLogEntry,
  findDelivery,
  findWebhookRow,
  resetFailures,
} from './webhook-store.js';

const BATCH = 10;
/** A claimed delivery is due again after this if its node died while sending it. */
const LEASE_EXTRA_MS = 60_000;

type Claimed = {
  id: string;
  companyId: string;
  webhookId: string;
  event: string;
  payload: Record<string, unknown>;
  attempts: number;
};

type Endpoint = { id: string; companyId: string; url: string; secretEncrypted: string };

export type WebhookSenderOptions = {
  db: Database;
  secretBox: SecretBox;
  config: WebhookConfig;
  logger: Logger;
  outbox: WebhookOutbox;
  /** Counts failed attempts for /metrics: `retrying` when another attempt follows, `gave_up` otherwise. */
  metrics?: { webhookDeliveryFailed(outcome: 'retrying' | 'gave_up'): void } | undefined;
};

/**
 * Sends the outbox: every node polls for due deliveries and claims them with
 * `for update skip locked`, so each is sent by one node; a failure is retried
 * after the configured intervals, and an endpoint failing too often in a row
 * is disabled.
 */
export class WebhookSender {
  readonly #o: WebhookSenderOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;
  #unsubscribe: () => void = () => {};

  constructor(options: WebhookSenderOptions) {
    this.#o = options;
  }

  get maxAttempts(): number {
    return this.#o.config.retryIntervalsMs.length + 1;
  }

  start(): void {
    this.#unsubscribe = this.#o.outbox.onEnqueued(() => this.kick());
    this.#timer = setInterval(() => this.kick(), this.#o.config.pollMs);
    this.#timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe();
    clearInterval(this.#timer);
    await this.#running;
  }

  /** Sends what is due now; a kick while sending runs one more round after it. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#drain().finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        this.kick();
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      while (!this.#stopped) {
        const sent = await this.sendDue();
        if (sent < BATCH) return;
      }
    } catch (err) {
      this.#o.logger.error({ err: safeError(err) }, 'webhook sending failed');
    }
  }

  /** Claims up to a batch of due deliveries and sends them; returns how many it claimed. */
  async sendDue(): Promise<number> {
    const claimed = await this.#claim();
    if (claimed.length === 0) return 0;
    const endpoints = await this.#endpoints([...new Set(claimed.map((c) => c.webhookId))]);
    await Promise.all(
      claimed.map(async (delivery) => {
        const endpoint = endpoints.get(delivery.webhookId);
        if (endpoint) await this.#attempt(delivery, endpoint);
      }),
    );
    return claimed.length;
  }

  /** "Send test event": one `webhook.test` delivery now, not retried; its log entry. */
  async sendTest(tenant: { companyId: string }, webhookId: string): Promise<DeliveryLogEntry> {
    const { db } = this.#o;
    const endpoint = await findWebhookRow(db, tenant, webhookId);
    const envelope: WebhookEnvelope = {
      id: `evt_${randomUUID()}`,
      type: TEST_EVENT,
      createdAt: new Date().toISOString(),
      data: { message: 'A test event from Buzzi: your endpoint is reachable.' },
    };
    // No next attempt: the sender's loop never picks it up.
    const [row] = await db
      .insert(webhookDeliveries)
      .values({
        companyId: tenant.companyId,
        webhookId,
        event: TEST_EVENT,
        payload: envelope as unknown as Record<string, unknown>,
        attempts: 1,
        nextAttemptAt: null,
      })
      .returning({ id: webhookDeliveries.id });
    if (!row) throw new Error('Delivery insert returned nothing');
    const result = await this.#post(endpoint, row.id, envelope);
    await this.#store(row.id, result, {
      status: result.ok ? 'succeeded' : 'failed',
      nextAttemptAt: null,
    });
    return findDelivery(db, tenant, row.id);
  }

  async #claim(): Promise<Claimed[]> {
    const { db, config } = this.#o;
    const leaseMs = config.timeoutMs + LEASE_EXTRA_MS;
    return db.transaction(async (tx) => {
      const due = await tx
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
        .where(
          and(
            eq(webhookDeliveries.status, 'pending'),
            isNotNull(webhookDeliveries.nextAttemptAt),
            lte(webhookDeliveries.nextAttemptAt, sql`now()`),
            eq(webhooks.isActive, true),
          ),
        )
        .orderBy(asc(webhookDeliveries.nextAttemptAt))
        .limit(BATCH)
        .for('update', { of: webhookDeliveries, skipLocked: true });
      if (due.length === 0) return [];
      return tx
        .update(webhookDeliveries)
        .set({
          attempts: sql`${webhookDeliveries.attempts} + 1`,
          nextAttemptAt: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
          updatedAt: new Date(),
        })
        .where(
          inArray(
            webhookDeliveries.id,
            due.map((d) => d.id),
          ),
        )
        .returning({
          id: webhookDeliveries.id,
          companyId: webhookDeliveries.companyId,
          webhookId: webhookDeliveries.webhookId,
          event: webhookDeliveries.event,
          payload: webhookDeliveries.payload,
          attempts: webhookDeliveries.attempts,
        });
    });
  }

  async #endpoints(ids: string[]): Promise<Map<string, Endpoint>> {
    const rows = await this.#o.db
      .select({
        id: webhooks.id,
        companyId: webhooks.companyId,
        url: webhooks.url,
        secretEncrypted: webhooks.secretEncrypted,
      })
      .from(webhooks)
      .where(inArray(webhooks.id, ids));
    return new Map(rows.map((row) => [row.id, row]));
  }

  async #attempt(delivery: Claimed, endpoint: Endpoint): Promise<void> {
    const { db, config, logger } = this.#o;
    const result = await this.#post(endpoint, delivery.id, delivery.payload);
    if (result.ok) {
      await this.#store(delivery.id, result, { status: 'succeeded', nextAttemptAt: null });
      await resetFailures(db, endpoint.id);
      return;
    }
    const lastTry = delivery.attempts >= this.maxAttempts;
    const waitMs = config.retryIntervalsMs[delivery.attempts - 1] ?? 0;
    await this.#store(delivery.id, result, {
      status: lastTry ? 'failed' : 'pending',
      nextAttemptAt: lastTry ? null : new Date(Date.now() + waitMs),
    });
    this.#o.metrics?.webhookDeliveryFailed(lastTry ? 'gave_up' : 'retrying');
    const failures = await countFailure(db, endpoint.id);
    logger.warn(
      {
        webhookId: endpoint.id,
        deliveryId: delivery.id,
        attempts: delivery.attempts,
        status: result.status,
      },
      'webhook delivery failed',
    );
    if (failures >= config.disableAfterFailures) {
      const problem = result.status ? `HTTP ${result.status}` : result.body;
      if (await disableFailingWebhook(db, endpoint, failures, problem)) {
        logger.warn(
          { webhookId: endpoint.id, failures },
          'webhook endpoint disabled after failures',
        );
      }
    }
  }

  #post(endpoint: Endpoint, deliveryId: string, payload: object): Promise<PostResult> {
    const { secretBox, config } = this.#o;
    const body = JSON.stringify(payload);
    const event = (payload as { type?: string }).type ?? '';
    const timestamp = Math.floor(Date.now() / 1000);
    return postWebhook({
      url: endpoint.url,
      body,
      headers: {
        'Buzzi-Signature': signatureHeader(
          secretBox.open(endpoint.secretEncrypted),
          body,
          timestamp,
        ),
        'Buzzi-Event': event,
        'Buzzi-Delivery': deliveryId,
      },
      timeoutMs: config.timeoutMs,
      allowPrivateUrls: config.allowPrivateUrls,
    });
  }

  async #store(
    id: string,
    result: PostResult,
    next: { status: 'pending' | 'succeeded' | 'failed'; nextAttemptAt: Date | null },
  ): Promise<void> {
    await this.#o.db
      .update(webhookDeliveries)
      .set({
        ...next,
        responseStatus: result.status,
        responseBody: result.body,
        updatedAt: new Date(),
      })
      .where(eq(webhookDeliveries.id, id));
  }
}
