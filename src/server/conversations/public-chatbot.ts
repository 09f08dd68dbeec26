import { eq } from 'drizzle-orm';
import { type WidgetSettings, widgetSettingsSchema } from '../../shared/chatbot-settings.js';
import type { AiProvider, ChatbotType } from '../../shared/domain.js';
import { providerCredentials } from '../chat/provider-credentials.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { aiModels, chatbots, companies } from '../db/schema/index.js';
import { AppError, notFound } from '../http/errors.js';
import type { CallAvailability } from '../voice/calls/session-manager.js';

export const CHATBOT_UNAVAILABLE = 'This chat is currently unavailable.';

/** Every public endpoint of a switched-off chatbot or company answers this, and no model runs. */
export const chatbotUnavailable = () =>
  new AppError(403, 'chatbot_unavailable', CHATBOT_UNAVAILABLE);

/** A chatbot found by its public id; only the server ever sees the ids. */
export type PublicChatbot = {
  id: string;
  /** False while the chatbot or its company is switched off. */
  available: boolean;
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
  /** False while the chatbot or its company is switched off: the widget shows `message` instead of the chat. */
  available: boolean;
  message: string | null;
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
      chatbotActive: chatbots.isActive,
      companyActive: companies.isActive,
      modelProvider: aiModels.provider,
      modelActive: aiModels.isActive,
    })
    .from(chatbots)
    .innerJoin(companies, eq(companies.id, chatbots.companyId))
    .leftJoin(aiModels, eq(aiModels.id, chatbots.chatModelId))
    .where(eq(chatbots.publicId, publicId));
  if (!row) throw notFound('Chatbot');
  const { modelProvider, modelActive, settings, chatbotActive, companyActive, ...bot } = row;
  return {
    ...bot,
    available: chatbotActive && companyActive,
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
    available: bot.available,
    message: bot.available ? null : CHATBOT_UNAVAILABLE,
  };
}

/** The chatbot when it may take conversations now; 403 `chatbot_unavailable` otherwise. */
export function assertAvailable(bot: PublicChatbot): PublicChatbot {
  if (!bot.available) throw chatbotUnavailable();
  return bot;
}
