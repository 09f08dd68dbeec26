import { and, asc, eq, inArray } from 'drizzle-orm';
import { type CallSettings, callSettingsSchema } from '../../../shared/chatbot-settings.js';
import type { ChatbotForAgent } from '../../chat/agent-definition.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import {
  aiModels,
  type CompanySettings,
  chatbotPackages,
  chatbots,
  companies,
  DEFAULT_ESCALATION_SETTINGS,
} from '../../db/schema/index.js';
import type { HoldAudioKind } from '../handoff/hold-audio.js';
import type { CallModel } from './provider-registry.js';

/** Everything about a chatbot that starting a call needs, read in one query. */
export type CallChatbot = ChatbotForAgent & {
  companyId: string;
  publicId: string;
  chatbotType: 'chat' | 'call';
  isActive: boolean;
  chatModelId: string | null;
  settings: CallSettings;
  companyActive: boolean;
  /** Who a call the company places says is calling. */
  companyName: string;
  callEnabled: boolean;
  /** The lower of the company's and the chatbot package's concurrent call limits. */
  maxConcurrentCalls: number;
  /** What a caller waiting for a person hears. */
  holdAudio: HoldAudioKind;
};

export type ChatbotKey = { publicId: string } | { companyId: string; chatbotId: string };

export async function loadCallChatbot(db: Database, key: ChatbotKey): Promise<CallChatbot | null> {
  const [row] = await db
    .select({
      id: chatbots.id,
      companyId: chatbots.companyId,
      publicId: chatbots.publicId,
      name: chatbots.name,
      instructions: chatbots.instructions,
      agentsList: chatbots.agentsList,
      chatbotType: chatbots.chatbotType,
      isActive: chatbots.isActive,
      chatModelId: chatbots.chatModelId,
      settings: chatbots.settings,
      companyActive: companies.isActive,
      companyName: companies.name,
      companySettings: companies.settings,
      packageLimits: chatbotPackages.limits,
    })
    .from(chatbots)
    .innerJoin(companies, eq(companies.id, chatbots.companyId))
    .leftJoin(chatbotPackages, eq(chatbotPackages.id, chatbots.packageId))
    .where(
      'publicId' in key
        ? eq(chatbots.publicId, key.publicId)
        : and(eq(chatbots.companyId, key.companyId), eq(chatbots.id, key.chatbotId)),
    );
  if (!row) return null;
  const { companySettings, packageLimits, settings, ...bot } = row;
  return {
    ...bot,
    settings: callSettingsSchema.parse(settings?.call ?? {}),
    callEnabled: companySettings.features?.callEnabled ?? false,
    maxConcurrentCalls: concurrentCallLimit(companySettings, packageLimits?.maxConcurrentCalls),
    holdAudio: (companySettings.escalation ?? DEFAULT_ESCALATION_SETTINGS).holdAudio,
  };
}

function concurrentCallLimit(company: CompanySettings, packageLimit: number | undefined): number {
  const companyLimit = company.limits?.maxConcurrentCalls ?? 0;
  return packageLimit === undefined ? companyLimit : Math.min(companyLimit, packageLimit);
}

// Without a chosen model, a call goes to the first provider with a key, else to the local engine.
const DEFAULT_PROVIDER_ORDER = ['openai', 'gemini', 'local'] as const;

/**
 * The model that answers a chatbot's calls: the one its call settings name
 * while it is active, otherwise the platform default. Null when no active
 * call model exists at all.
 */
export async function resolveCallModel(
  db: Database,
  modelId: string | null,
  providers: Config['providers'],
): Promise<CallModel | null> {
  const models = await db
    .select({ id: aiModels.id, provider: aiModels.provider, modelId: aiModels.modelId })
    .from(aiModels)
    .where(and(eq(aiModels.isActive, true), inArray(aiModels.modelType, ['call', 'both'])))
    .orderBy(asc(aiModels.createdAt), asc(aiModels.modelId));
  const chosen = models.find((m) => m.id === modelId);
  if (chosen) return chosen;
  const hasKey = (provider: string) =>
    provider === 'local' ||
    (provider === 'openai' && Boolean(providers.openai.apiKey)) ||
    (provider === 'gemini' && Boolean(providers.gemini.apiKey));
  for (const provider of DEFAULT_PROVIDER_ORDER) {
    const model = models.find((m) => m.provider === provider && hasKey(provider));
    if (model) return model;
  }
  return models[0] ?? null;
}

/** The chatbot's own chat model while it is active, for the post-call analysis. */
export async function chatModelChoice(db: Database, chatModelId: string | null) {
  if (!chatModelId) return null;
  const [model] = await db
    .select({ provider: aiModels.provider, modelId: aiModels.modelId })
    .from(aiModels)
    .where(and(eq(aiModels.id, chatModelId), eq(aiModels.isActive, true)));
  return model ?? null;
}
