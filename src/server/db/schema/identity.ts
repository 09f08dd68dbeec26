import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { createdAt, timestamps } from './columns.js';
import { companyRoleEnum } from './enums.js';

export type CompanySettings = {
  features: { callEnabled: boolean };
  limits: { maxConcurrentCalls: number };
  /** Absent in rows stored before recordings: read with DEFAULT_RECORDING_RETENTION_DAYS. */
  recordings?: { retentionDays: number };
  /** Absent in rows stored before take-over: read with DEFAULT_ESCALATION_SETTINGS. */
  escalation?: EscalationSettings;
};

export type Presence = 'available' | 'away';

/** How a call waiting for a person is offered, and what the caller hears meanwhile. */
export type EscalationSettings = {
  /** all: every available person rings at once; least_busy: one at a time, fewest live calls first. */
  ringStrategy: 'all' | 'least_busy';
  ringTimeoutSec: number;
  holdAudio: 'tone' | 'music';
};

export const DEFAULT_ESCALATION_SETTINGS: EscalationSettings = {
  ringStrategy: 'all',
  ringTimeoutSec: 30,
  holdAudio: 'tone',
};

/** How long call recordings are kept when a company has not said. */
export const DEFAULT_RECORDING_RETENTION_DAYS = 90;

export const defaultCompanySettings = (): CompanySettings => ({
  features: { callEnabled: false },
  limits: { maxConcurrentCalls: 5 },
});

export const companies = pgTable('companies', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: varchar('name', { length: 120 }).notNull(),
  slug: varchar('slug', { length: 60 }).notNull().unique(),
  isActive: boolean('is_active').notNull().default(true),
  settings: jsonb('settings').$type<CompanySettings>().notNull().default(defaultCompanySettings()),
  ...timestamps,
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: varchar('email', { length: 254 }).notNull(),
    name: varchar('name', { length: 120 }).notNull().default(''),
    passwordHash: text('password_hash'),
    avatarUrl: varchar('avatar_url', { length: 500 }),
    isMasterAdmin: boolean('is_master_admin').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`)],
);

export const companyMembers = pgTable(
  'company_members',
  {
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: companyRoleEnum('role').notNull(),
    /** Whether the person takes live calls; counts only while a dashboard tab is connected. */
    presence: varchar('presence', { length: 10 }).$type<Presence>().notNull().default('available'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.userId] }),
    index('company_members_user_idx').on(t.userId),
  ],
);

/**
 * A pending invitation to one company with one role; the membership exists
 * only once it is accepted. A new email gets a user without a password, which
 * the first accepted invitation completes.
 */
export const invites = pgTable(
  'invites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: varchar('token_hash', { length: 64 }).notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    role: companyRoleEnum('role').notNull(),
    /** What the inviting admin called them; never the account's own name. */
    name: varchar('name', { length: 120 }).notNull().default(''),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('invites_user_idx').on(t.userId),
    uniqueIndex('invites_company_user_idx').on(t.companyId, t.userId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: varchar('id', { length: 128 }).primaryKey(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_expires_idx').on(t.expiresAt), index('sessions_user_idx').on(t.userId)],
);
