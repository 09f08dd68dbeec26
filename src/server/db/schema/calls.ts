import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import type { CallDirection } from '../../../shared/domain.js';
import { aiModels, chatbots } from './catalog.js';
import { createdAt, timestamps, tsvector } from './columns.js';
import { conversations } from './conversations.js';
import {
  accountTypeEnum,
  callSourceEnum,
  callStatusEnum,
  integrationStatusEnum,
  speakerEnum,
} from './enums.js';
import { users } from './identity.js';
import { companyId } from './tenancy.js';

export const callIntegrationAccounts = pgTable(
  'call_integration_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    accountType: accountTypeEnum('account_type').notNull(),
    name: varchar('name', { length: 120 }).notNull(),
    /** AES-256-GCM sealed JSON; never returned by the API. */
    credentialsEncrypted: text('credentials_encrypted').notNull(),
    /** Non-secret settings shown in the dashboard (phone number, WABA id …). */
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    description: text('description'),
    /** The provider's own account id, not secret (Twilio AccountSid), for finding the account of a webhook. */
    externalAccountId: varchar('external_account_id', { length: 64 }),
    /** E.164; one account answers a number, whichever company owns it. */
    phoneNumber: varchar('phone_number', { length: 20 }),
    /** The last characters of the secret credential, the most the API shows of it (`…a1b2`). */
    credentialsHint: varchar('credentials_hint', { length: 16 }),
    chatbotId: uuid('chatbot_id').references(() => chatbots.id, { onDelete: 'set null' }),
    status: integrationStatusEnum('status').notNull().default('pending'),
    lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }),
    lastError: text('last_error'),
    ...timestamps,
  },
  (t) => [
    index('call_integration_accounts_company_idx').on(t.companyId),
    index('call_integration_accounts_external_idx').on(t.accountType, t.externalAccountId),
    uniqueIndex('call_integration_accounts_number_key').on(t.accountType, t.phoneNumber),
  ],
);

export type CallUsage = {
  inputAudioMs?: number;
  outputAudioMs?: number;
  inputTokens?: number;
  outputTokens?: number;
};

export type CallSentiment = 'positive' | 'neutral' | 'negative';

export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    chatbotId: uuid('chatbot_id').references(() => chatbots.id, { onDelete: 'set null' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, {
      onDelete: 'set null',
    }),
    integrationAccountId: uuid('integration_account_id').references(
      () => callIntegrationAccounts.id,
      { onDelete: 'set null' },
    ),
    modelId: uuid('model_id').references(() => aiModels.id, { onDelete: 'set null' }),
    source: callSourceEnum('source').notNull(),
    status: callStatusEnum('status').notNull().default('pending'),
    endReason: varchar('end_reason', { length: 40 }),
    /** Caller identity as the transport knows it (phone number, WhatsApp id, or none for web). */
    callerId: varchar('caller_id', { length: 64 }),
    /** The caller's name when the network sends one (Twilio CallerName). */
    callerName: varchar('caller_name', { length: 120 }),
    /** Twilio's Call SID; unique, so a replayed webhook cannot start a second call. */
    twilioCallSid: varchar('twilio_call_sid', { length: 64 }),
    direction: varchar('direction', { length: 10 })
      .$type<CallDirection>()
      .notNull()
      .default('inbound'),
    /** Why an outbound call was placed; the agent's opening line names it. */
    outboundReason: text('outbound_reason'),
    /** The E.164 number a phone call was handed to, when the agent transferred it. */
    transferredTo: varchar('transferred_to', { length: 20 }),
    /** The node that runs the live call, for routing control commands across nodes. */
    nodeId: varchar('node_id', { length: 64 }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
    summary: text('summary'),
    intent: varchar('intent', { length: 120 }),
    isUrgent: boolean('is_urgent').notNull().default(false),
    /** Whether the agent answered what the caller asked; null before analysis. */
    answered: boolean('answered'),
    /** Whether the caller's request was resolved on the call (chat-model analysis only). */
    resolved: boolean('resolved'),
    /** The caller's mood over the call (chat-model analysis only). */
    sentiment: varchar('sentiment', { length: 10 }).$type<CallSentiment>(),
    isHandled: boolean('is_handled').notNull().default(false),
    recordingPath: varchar('recording_path', { length: 500 }),
    recordingDurationMs: integer('recording_duration_ms'),
    rating: smallint('rating'),
    usage: jsonb('usage').$type<CallUsage>().notNull().default({}),
    /** Staff notes on the call. */
    notes: text('notes'),
    assignedTo: uuid('assigned_to').references(() => users.id, { onDelete: 'set null' }),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    /** The person who took the call over from the AI, if anyone did. */
    humanAgentId: uuid('human_agent_id').references(() => users.id, { onDelete: 'set null' }),
    /** The routing rule that chose how the call was answered (kept by name should the rule go). */
    routingRuleId: uuid('routing_rule_id'),
    routingRuleName: varchar('routing_rule_name', { length: 120 }),
    /** Caller name and number as written, the summary in English: the Calls page's search. */
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('simple', coalesce(caller_name, '') || ' ' || coalesce(caller_id, '')), 'A') || setweight(to_tsvector('english', coalesce(summary, '')), 'B')`,
      ),
    ...timestamps,
  },
  (t) => [
    index('calls_company_started_idx').on(t.companyId, t.startedAt),
    index('calls_company_caller_idx').on(t.companyId, t.callerId),
    // The Calls page's "longest first".
    index('calls_company_duration_idx').on(
      t.companyId,
      sql`coalesce(${t.durationMs}, -1) desc`,
      sql`${t.id} desc`,
    ),
    index('calls_search_idx').using('gin', t.searchVector),
    index('calls_status_idx').on(t.status),
    uniqueIndex('calls_twilio_call_sid_key').on(t.twilioCallSid),
  ],
);

export const callTranscripts = pgTable(
  'call_transcripts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    speaker: speakerEnum('speaker').notNull(),
    /** The person's name on a human_agent utterance. */
    speakerName: varchar('speaker_name', { length: 120 }),
    text: text('text').notNull(),
    startMs: integer('start_ms').notNull(),
    endMs: integer('end_ms').notNull(),
    interrupted: boolean('interrupted').notNull().default(false),
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('english', text)`),
    createdAt: createdAt(),
  },
  (t) => [
    index('call_transcripts_call_idx').on(t.callId, t.seq),
    index('call_transcripts_search_idx').using('gin', t.searchVector),
  ],
);

export const callbackStatuses = ['scheduled', 'done', 'canceled'] as const;

/** A promise to call someone back: from a call's details, shown in the Inbox and on the Calls page when due. */
export const callCallbacks = pgTable(
  'call_callbacks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    callId: uuid('call_id').references(() => calls.id, { onDelete: 'cascade' }),
    /** E.164 or as the caller gave it. */
    phone: varchar('phone', { length: 40 }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    assignedTo: uuid('assigned_to').references(() => users.id, { onDelete: 'set null' }),
    note: text('note'),
    status: varchar('status', { length: 12 })
      .$type<(typeof callbackStatuses)[number]>()
      .notNull()
      .default('scheduled'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** The outbound call that placed it, when the agent dialled. */
    placedCallId: uuid('placed_call_id').references(() => calls.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [index('call_callbacks_due_idx').on(t.companyId, t.status, t.dueAt)],
);
