import {
  boolean,
  index,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import type { AgentDefinition, ChatbotSettings } from '../../../shared/chatbot-settings.js';
import { timestamps } from './columns.js';
import { aiProviderEnum, chatbotTypeEnum, modelTypeEnum } from './enums.js';
import { companyId } from './tenancy.js';

export const aiModels = pgTable(
  'ai_models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provider: aiProviderEnum('provider').notNull(),
    modelId: varchar('model_id', { length: 120 }).notNull(),
    displayName: varchar('display_name', { length: 120 }).notNull(),
    modelType: modelTypeEnum('model_type').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex('ai_models_provider_model_idx').on(t.provider, t.modelId)],
);

export type PackageLimits = {
  monthlyMessages?: number;
  monthlyCallMinutes?: number;
  maxConcurrentCalls?: number;
};

export const chatbotPackages = pgTable('chatbot_packages', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: varchar('name', { length: 120 }).notNull(),
  description: text('description').notNull().default(''),
  chatbotType: chatbotTypeEnum('chatbot_type').notNull(),
  limits: jsonb('limits').$type<PackageLimits>().notNull().default({}),
  isActive: boolean('is_active').notNull().default(true),
  ...timestamps,
});

export const chatbots = pgTable(
  'chatbots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(),
    /** The id public widget endpoints are keyed by; reveals nothing about the tenant. */
    publicId: varchar('public_id', { length: 40 }).notNull().unique(),
    name: varchar('name', { length: 120 }).notNull(),
    description: text('description').notNull().default(''),
    chatbotType: chatbotTypeEnum('chatbot_type').notNull(),
    packageId: uuid('package_id').references(() => chatbotPackages.id, { onDelete: 'set null' }),
    chatModelId: uuid('chat_model_id').references(() => aiModels.id, { onDelete: 'restrict' }),
    instructions: text('instructions').notNull().default(''),
    isActive: boolean('is_active').notNull().default(true),
    settings: jsonb('settings').$type<ChatbotSettings>().notNull(),
    agentsList: jsonb('agents_list').$type<AgentDefinition[]>().notNull().default([]),
    ...timestamps,
  },
  (t) => [index('chatbots_company_idx').on(t.companyId)],
);
