import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import type {
  BusinessHours,
  CallerListKind,
  RoutingAction,
  RoutingConditions,
} from '../../../shared/call-routing.js';
import { callIntegrationAccounts } from './calls.js';
import { chatbots } from './catalog.js';
import { timestamps } from './columns.js';
import { companyId } from './tenancy.js';

/** The company's calendar for routing: one row per company, absent until first saved. */
export const businessHours = pgTable(
  'business_hours',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    /** IANA zone the weekly hours and holiday dates are read in. */
    timeZone: varchar('time_zone', { length: 64 }).notNull(),
    weekly: jsonb('weekly').$type<BusinessHours['weekly']>().notNull(),
    holidays: jsonb('holidays').$type<BusinessHours['holidays']>().notNull().default([]),
    ...timestamps,
  },
  (t) => [uniqueIndex('business_hours_company_key').on(t.companyId)],
);

/** Named lists of caller numbers (VIP, blocked, …) that routing rules match on. */
export const callerLists = pgTable(
  'caller_lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    name: varchar('name', { length: 120 }).notNull(),
    kind: varchar('kind', { length: 10 }).$type<CallerListKind>().notNull(),
    /** E.164 numbers. */
    numbers: jsonb('numbers').$type<string[]>().notNull().default([]),
    ...timestamps,
  },
  (t) => [index('caller_lists_company_idx').on(t.companyId)],
);

/** Who answers which call: an ordered list per company, the first enabled match wins. */
export const routingRules = pgTable(
  'routing_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    name: varchar('name', { length: 120 }).notNull(),
    /** Order in the company's list, from 0. */
    position: integer('position').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** Applies only to calls to this chatbot, when set. */
    chatbotId: uuid('chatbot_id').references(() => chatbots.id, { onDelete: 'cascade' }),
    /** Applies only to calls through this phone number, when set. */
    integrationAccountId: uuid('integration_account_id').references(
      () => callIntegrationAccounts.id,
      { onDelete: 'cascade' },
    ),
    conditions: jsonb('conditions').$type<RoutingConditions>().notNull().default({}),
    action: jsonb('action').$type<RoutingAction>().notNull(),
    ...timestamps,
  },
  (t) => [index('routing_rules_company_idx').on(t.companyId, t.position)],
);
