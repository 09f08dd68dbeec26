import { index, jsonb, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { chatbots } from './catalog.js';
import { createdAt, timestamps } from './columns.js';
import {
  channelTypeEnum,
  conversationStatusEnum,
  escalationStatusEnum,
  messageRoleEnum,
  ticketStatusEnum,
} from './enums.js';
import { users } from './identity.js';
import { companyId } from './tenancy.js';

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    chatbotId: uuid('chatbot_id').references(() => chatbots.id, { onDelete: 'set null' }),
    channel: channelTypeEnum('channel').notNull(),
    status: conversationStatusEnum('status').notNull().default('bot'),
    /** Anonymous id the widget keeps in the visitor's browser. */
    visitorId: varchar('visitor_id', { length: 64 }),
    activeAgentId: varchar('active_agent_id', { length: 40 }),
    assignedUserId: uuid('assigned_user_id').references(() => users.id, { onDelete: 'set null' }),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('conversations_company_idx').on(t.companyId, t.updatedAt),
    index('conversations_chatbot_idx').on(t.chatbotId),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    role: messageRoleEnum('role').notNull(),
    content: text('content').notNull(),
    /** The human support agent who wrote it, for role `agent`. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('messages_conversation_idx').on(t.conversationId, t.createdAt)],
);

export const escalations = pgTable(
  'escalations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    conversationId: uuid('conversation_id').references(() => conversations.id, {
      onDelete: 'cascade',
    }),
    callId: uuid('call_id'),
    reason: text('reason').notNull().default(''),
    status: escalationStatusEnum('status').notNull().default('open'),
    assignedUserId: uuid('assigned_user_id').references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('escalations_company_idx').on(t.companyId, t.status),
    index('escalations_call_idx').on(t.companyId, t.callId),
    index('escalations_conversation_idx').on(t.companyId, t.conversationId),
  ],
);

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    chatbotId: uuid('chatbot_id').references(() => chatbots.id, { onDelete: 'set null' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, {
      onDelete: 'set null',
    }),
    callId: uuid('call_id'),
    name: varchar('name', { length: 120 }).notNull().default(''),
    phone: varchar('phone', { length: 40 }).notNull().default(''),
    email: varchar('email', { length: 254 }).notNull().default(''),
    message: text('message').notNull(),
    status: ticketStatusEnum('status').notNull().default('open'),
    assignedTo: uuid('assigned_to').references(() => users.id, { onDelete: 'set null' }),
    /** Who made it: a caller's or visitor's message, or a staff member from a call. */
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('tickets_company_idx').on(t.companyId, t.status),
    index('tickets_call_idx').on(t.companyId, t.callId),
  ],
);
