import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { chatbots } from './catalog.js';
import { timestamps } from './columns.js';
import { companyId } from './tenancy.js';

/**
 * What the company's admins should act on (a call that failed because of the
 * server's configuration, …). One unread row per chatbot and reason: a repeat
 * bumps `occurrences` and `updated_at` instead of adding a row.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    chatbotId: uuid('chatbot_id').references(() => chatbots.id, { onDelete: 'cascade' }),
    /** What happened, e.g. `call_failed`; with `reason`, the key repeats are folded on. */
    kind: varchar('kind', { length: 40 }).notNull(),
    reason: varchar('reason', { length: 60 }).notNull(),
    title: varchar('title', { length: 200 }).notNull(),
    body: text('body').notNull(),
    /** Non-secret context for the dashboard (chatbot name, model). */
    details: jsonb('details').$type<Record<string, string>>().notNull().default({}),
    occurrences: integer('occurrences').notNull().default(1),
    readAt: timestamp('read_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('notifications_company_idx').on(t.companyId, t.updatedAt),
    // Repeats fold into the unread row, atomically across nodes.
    uniqueIndex('notifications_unread_key')
      .on(t.companyId, t.chatbotId, t.kind, t.reason)
      .where(sql`${t.readAt} is null`),
  ],
);
