import { and, eq } from 'drizzle-orm';
import { type WidgetSettings, widgetSettingsSchema } from '../../shared/chatbot-settings.js';
import type { AiProvider, ChatbotType } from '../../shared/domain.js';
import { providerCredentials } from '../chat/provider-credentials.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { aiModels, chatbots } from '../db/schema/index.js';
import { notFound } from '../http/errors.js';
import type { CallAvailability } from '../voice/calls/session-manager.js';

/** An active chatbot found by its public id; only the server ever sees the ids. */
export type PublicChatbot = {
  id: string;
  companyId: string;
  publicId: string;
  name: string;
  chatbotType: ChatbotType;
  widget: WidgetSettings;
  chatModel: { provider: AiProvider; isActive: boolean } | null;
};

/** What any website may read: no tenant ids, instructions or model ids. */
export type WidgetConfig = {
  chatbot: { publicId: string; name: string; chatbotType: ChatbotType };
  widget: WidgetSettings;
  offline: boolean;
  /** Call chatbots only: whether the call button is enabled now. */
  call?: CallAvailability;
};

export async function findPublicChatbot(db: Database, publicId: string): Promise<PublicChatbot> {
  const [row] = await db
    .select({
      id: chatbots.id,
      companyId: chatbots.companyId,
      publicId: chatbots.publicId,
      name: chatbots.name,
      chatbotType: chatbots.chatbotType,
      settings: chatbots.settings,
      modelProvider: aiModels.provider,
      modelActive: aiModels.isActive,
    })
    .from(chatbots)
    .leftJoin(aiModels, eq(aiModels.id, chatbots.chatModelId))
    .where(and(eq(chatbots.publicId, publicId), eq(chatbots.isActive, true)));
  if (!row) throw notFound('Chatbot');
  const { modelProvider, modelActive, settings, ...bot } = row;
  return {
    ...bot,
    // Rows saved before a widget option existed get its default.
    widget: widgetSettingsSchema.parse(settings.widget ?? {}),
    chatModel: modelProvider ? { provider: modelProvider, isActive: modelActive === true } : null,
  };
}

/** Whether answers come from the offline responder: no API key serves the chatbot's chat model. */
export function answersOffline(
  providers: Config['providers'],
  chatModel: PublicChatbot['chatModel'],
): boolean {
  return !chatModel?.isActive || providerCredentials(providers, chatModel.provider) === null;
}

export function widgetConfigOf(bot: PublicChatbot, config: Config): WidgetConfig {
  return {
    chatbot: { publicId: bot.publicId, name: bot.name, chatbotType: bot.chatbotType },
    widget: bot.widget,
    offline: answersOffline(config.providers, bot.chatModel),
  };
}
