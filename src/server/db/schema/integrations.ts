import { boolean, index, jsonb, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core';
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
    ...timestamps,
  },
  (t) => [index('webhooks_company_idx').on(t.companyId)],
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
