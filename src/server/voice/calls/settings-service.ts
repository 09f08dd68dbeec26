import { and, eq } from 'drizzle-orm';
import {
  type CallSettings,
  type ChatbotSettingsPatch,
  callSettingsSchema,
  mergeChatbotSettings,
} from '../../../shared/chatbot-settings.js';
import { modelServes } from '../../../shared/domain.js';
import type { Database } from '../../db/client.js';
import { aiModels, chatbots } from '../../db/schema/index.js';
import { conflict, invalid, notFound } from '../../http/errors.js';

type Tenant = { companyId: string };

export type CallSettingsPatch = NonNullable<ChatbotSettingsPatch['call']>;

async function callChatbot(db: Database, tenant: Tenant, chatbotId: string) {
  const [bot] = await db
    .select({ chatbotType: chatbots.chatbotType, settings: chatbots.settings })
    .from(chatbots)
    .where(and(eq(chatbots.companyId, tenant.companyId), eq(chatbots.id, chatbotId)));
  if (!bot) throw notFound('Chatbot');
  if (bot.chatbotType !== 'call') {
    throw conflict('Call settings belong to call chatbots; this one is a chat chatbot.');
  }
  return bot;
}

export async function getCallSettings(
  db: Database,
  tenant: Tenant,
  chatbotId: string,
): Promise<CallSettings> {
  const bot = await callChatbot(db, tenant, chatbotId);
  return callSettingsSchema.parse(bot.settings?.call ?? {});
}

/** Deep-merges the patch into `chatbots.settings.call`; every other setting stays as it was. */
export async function updateCallSettings(
  db: Database,
  tenant: Tenant,
  chatbotId: string,
  patch: CallSettingsPatch,
): Promise<CallSettings> {
  const bot = await callChatbot(db, tenant, chatbotId);
  if (patch.modelId) await assertCallModel(db, patch.modelId);
  const settings = mergeChatbotSettings(bot.settings, { call: patch });
  await db
    .update(chatbots)
    .set({ settings, updatedAt: new Date() })
    .where(and(eq(chatbots.companyId, tenant.companyId), eq(chatbots.id, chatbotId)));
  return settings.call;
}

async function assertCallModel(db: Database, modelId: string): Promise<void> {
  const [model] = await db
    .select({ modelType: aiModels.modelType, isActive: aiModels.isActive })
    .from(aiModels)
    .where(eq(aiModels.id, modelId));
  if (!model?.isActive) throw invalid('modelId', 'no such active AI model');
  if (!modelServes(model.modelType, 'call')) {
    throw invalid('modelId', 'this model cannot answer calls; choose a call model');
  }
}
