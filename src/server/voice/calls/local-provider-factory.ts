import { and, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { ChatModel } from '../../chat/chat-model.js';
import { buildChatModel } from '../../chat/create-agent.js';
import { OpenAIChatModel } from '../../chat/providers/openai-chat.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import { calls } from '../../db/schema/index.js';
import type { KnowledgeRetriever } from '../../knowledge/retrieval.js';
import type { AgentProvider } from '../providers/agent-session.js';
import { ModelBrain } from '../providers/local/brain/model-brain.js';
import { OfflineBrain } from '../providers/local/brain/offline-brain.js';
import type { LocalVoiceEngine } from '../providers/local/engine.js';
import type { KnowledgeSearch } from '../providers/local/parts.js';
import { LocalVoiceProvider } from '../providers/local/provider.js';
import { buildPhraseGrammar } from '../providers/local/stt/phrase-grammar.js';
import { chatModelChoice } from './call-setup.js';
import type { CallContext } from './provider-registry.js';

// Spoken answers are short: three passages are plenty.
const SEARCH_LIMIT = 3;

export type LocalProviderDeps = {
  engine: LocalVoiceEngine;
  db: Database;
  retriever: KnowledgeRetriever;
  config: Pick<Config, 'providers' | 'localVoice'>;
  logger: Logger;
};

/**
 * The local engine for one call: it hears web callers with the open
 * vocabulary and phone callers with the chatbot's phrase grammar (unless
 * configured otherwise), and answers with the configured local LLM, else the
 * chatbot's chat model when its provider has a key, else offline.
 */
export function localProviderFactory(
  deps: LocalProviderDeps,
): (call: CallContext) => AgentProvider {
  return (call) => {
    const logger = call.logger ?? deps.logger;
    const scope = { companyId: call.companyId, chatbotId: call.chatbotId };
    const search: KnowledgeSearch = call.settings.knowledgeBaseAccess
      ? (query) => deps.retriever.search({ ...scope, query, limit: SEARCH_LIMIT })
      : null;
    return new LocalVoiceProvider({
      engine: deps.engine,
      logger,
      call: {
        recognition: call.source === 'web' ? 'general' : deps.config.localVoice.phoneRecognition,
        grammar: async () =>
          buildPhraseGrammar({
            titles: await deps.retriever.topics(scope),
            headings: [],
            endCallPhrase: call.settings.endCallPhrase,
          }),
        brain: async (config) => {
          const model = await brainModel(deps, call.chatModelId);
          if (!model)
            return new OfflineBrain({
              search,
              endCallPhrase: call.settings.endCallPhrase,
              pronunciations: (await deps.engine.parts()).pronunciations,
              callerNumber: call.source === 'web' ? null : await callerNumber(deps.db, call),
            });
          return new ModelBrain({
            model,
            instructions: config.instructions,
            tools: config.tools,
            search,
            logger,
            callId: call.callId,
          });
        },
      },
    });
  };
}

/** The number a phone or WhatsApp call comes from, offered back when the caller leaves a message. */
async function callerNumber(
  db: Database,
  call: { companyId: string; callId: string },
): Promise<string | null> {
  const [row] = await db
    .select({ callerId: calls.callerId })
    .from(calls)
    .where(and(eq(calls.companyId, call.companyId), eq(calls.id, call.callId)));
  return row?.callerId ?? null;
}

async function brainModel(
  deps: LocalProviderDeps,
  chatModelId: string | null,
): Promise<ChatModel | null> {
  const { llm } = deps.config.localVoice;
  if (llm)
    return new OpenAIChatModel({
      apiKey: llm.apiKey ?? 'local',
      baseUrl: llm.baseUrl,
      model: llm.model,
    });
  const choice = await chatModelChoice(deps.db, chatModelId);
  return choice ? buildChatModel(deps.config, choice) : null;
}
