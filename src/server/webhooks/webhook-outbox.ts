import { randomUUID } from 'node:crypto';
import { and, arrayContains, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/client.js';
import { webhookDeliveries, webhooks } from '../db/schema/index.js';
import { safeError } from '../voice/runner/log-safe.js';
import { callPayload, ticketPayload } from './event-payloads.js';
import type { WebhookEnvelope, WebhookEventType } from './webhook-events.js';

type Scope = { companyId: string };

/**
 * The durable outbox: one `webhook_deliveries` row per event and subscribed
 * active endpoint, written by the node where the event happens (never from
 * bus fan-out, so N nodes still enqueue an event once). The sender sends them.
 */
export class WebhookOutbox {
  readonly #listeners = new Set<() => void>();
  readonly #pending = new Set<Promise<void>>();

  constructor(private readonly options: { db: Database; logger: Logger }) {}

  /** The sender hears of new rows here, so they leave before its next poll. */
  onEnqueued(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  callStarted(scope: Scope & { callId: string }): void {
    this.#track('call.started', scope, () => callPayload(this.options.db, scope));
  }

  callEnded(scope: Scope & { callId: string }): void {
    this.#track('call.ended', scope, () => callPayload(this.options.db, scope));
  }

  callAnalyzed(scope: Scope & { callId: string }): void {
    this.#track('call.analyzed', scope, () => callPayload(this.options.db, scope));
  }

  ticketCreated(scope: Scope & { ticketId: string }): void {
    this.#track('ticket.created', scope, () => ticketPayload(this.options.db, scope));
  }

  /** Resolves once every event handed over so far is in the outbox (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#pending]);
  }

  /**
   * Writes a delivery row per subscribed active endpoint; the payload is
   * loaded only when some endpoint wants the event. Returns how many rows.
   */
  async enqueue(
    type: WebhookEventType,
    scope: Scope,
    load: () => Promise<Record<string, unknown> | null>,
  ): Promise<number> {
    const { db } = this.options;
    const endpoints = await db
      .select({ id: webhooks.id })
      .from(webhooks)
      .where(
        and(
          eq(webhooks.companyId, scope.companyId),
          eq(webhooks.isActive, true),
          arrayContains(webhooks.events, [type]),
        ),
      );
    if (endpoints.length === 0) return 0;
    const data = await load();
    if (!data) return 0;
    const envelope: WebhookEnvelope = {
      id: `evt_${randomUUID()}`,
      type,
      createdAt: new Date().toISOString(),
      data,
    };
    const now = new Date();
    await db.insert(webhookDeliveries).values(
      endpoints.map((endpoint) => ({
        companyId: scope.companyId,
        webhookId: endpoint.id,
        event: type,
        payload: envelope as unknown as Record<string, unknown>,
        nextAttemptAt: now,
      })),
    );
    for (const listener of this.#listeners) listener();
    return endpoints.length;
  }

  /** Enqueues in the background: the call path never waits for webhooks or fails because of them. */
  #track(
    type: WebhookEventType,
    scope: Scope,
    load: () => Promise<Record<string, unknown> | null>,
  ): void {
    const work = this.enqueue(type, scope, load).then(
      () => undefined,
      (err: unknown) =>
        this.options.logger.error(
          { event: type, err: safeError(err) },
          'webhook event was not enqueued',
        ),
    );
    this.#pending.add(work);
    void work.finally(() => this.#pending.delete(work));
  }
}
