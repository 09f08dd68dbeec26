import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { chatbots } from './catalog.js';
import { timestamps } from './columns.js';
import { companyId } from './tenancy.js';

/** Outbound event subscriptions (call.ended, escalation.created …). */
export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    url: varchar('url', { length: 500 }).notNull(),
    /** Signing secret, AES-256-GCM sealed. */
    secretEncrypted: text('secret_encrypted').notNull(),
    events: text('events').array().notNull().default([]),
    isActive: boolean('is_active').notNull().default(true),
    description: text('description'),
    /** Deliveries failed in a row; past the limit the endpoint is disabled. */
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    disabledReason: text('disabled_reason'),
    ...timestamps,
  },
  (t) => [index('webhooks_company_idx').on(t.companyId)],
);

/** One event sent (or to be sent) to one endpoint, with its attempts: the delivery log. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    event: varchar('event', { length: 40 }).notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: varchar('status', { length: 12 })
      .$type<'pending' | 'succeeded' | 'failed'>()
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    responseStatus: integer('response_status'),
    /** The first characters of the receiver's answer or the network error. */
    responseBody: text('response_body'),
    ...timestamps,
  },
  (t) => [
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.createdAt),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

/** Per-chatbot third-party integrations (CRM, helpdesk …); secrets sealed. */
export const integrations = pgTable(
  'integrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    chatbotId: uuid('chatbot_id')
      .notNull()
      .references(() => chatbots.id, { onDelete: 'cascade' }),
    type: varchar('type', { length: 40 }).notNull(),
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    secretsEncrypted: text('secrets_encrypted'),
    isActive: boolean('is_active').notNull().default(true),
    ...timestamps,
  },
  (t) => [index('integrations_chatbot_idx').on(t.chatbotId)],
);
