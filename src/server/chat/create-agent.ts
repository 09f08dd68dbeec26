import type { Logger } from 'pino';
import type { AiProvider } from '../../shared/domain.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { KnowledgeRetriever } from '../knowledge/retrieval.js';
import { loadAgentContext } from './agent-context.js';
import { AgentRunner } from './agent-runner.js';
import type { AgentReply, AgentRequest, ChatAgent } from './agent-types.js';
import type { ChatModel, ChatModelMessage } from './chat-model.js';
import { OfflineResponder } from './offline-responder.js';
import { providerCredentials } from './provider-credentials.js';
import { GeminiChatModel } from './providers/gemini-chat.js';
import { OpenAIChatModel } from './providers/openai-chat.js';

export type ChatAgentOptions = {
  db: Database;
  retriever: KnowledgeRetriever;
  /** Provider API keys and base URLs. */
  config: Pick<Config, 'providers'>;
  logger: Logger;
};

type ModelChoice = { provider: AiProvider; modelId: string } | null;

/**
 * The chat agent every channel uses. A chatbot is answered by its chat model
 * when that model is active and its provider has an API key, and by the
 * offline responder otherwise (no model, no key, or the `local` provider).
 */
export function createChatAgent(options: ChatAgentOptions): ChatAgent {
  const offline = new OfflineResponder(options.retriever);
  const runner = new AgentRunner(options);
  const models = new Map<string, ChatModel>();

  const chatModelFor = (choice: ModelChoice): ChatModel | null => {
    if (!choice) return null;
    const key = `${choice.provider}:${choice.modelId}`;
    const cached = models.get(key);
    if (cached) return cached;
    const model = buildChatModel(options.config, choice);
    if (model) models.set(key, model);
    return model;
  };

  return {
    async reply(request: AgentRequest): Promise<AgentReply> {
      const context = await loadAgentContext(options.db, request);
      const model = chatModelFor(context.model);
      if (!model) return offline.reply(request, context.question, previousAnswer(context.history));
      return runner.run(request, context, model);
    },
  };
}

/** The bot's last message before the visitor's latest one. */
function previousAnswer(history: ChatModelMessage[]): string | null {
  const latestQuestion = history.findLastIndex((m) => m.role === 'user');
  return (
    history.slice(0, Math.max(0, latestQuestion)).findLast((m) => m.role === 'assistant')
      ?.content ?? null
  );
}

/** The chat model of a provider that has an API key; null otherwise (no key, or the `local` provider). */
export function buildChatModel(
  config: Pick<Config, 'providers'>,
  choice: NonNullable<ModelChoice>,
): ChatModel | null {
  const credentials = providerCredentials(config.providers, choice.provider);
  if (!credentials) return null;
  const options = { ...credentials, model: choice.modelId };
  return choice.provider === 'gemini' ? new GeminiChatModel(options) : new OpenAIChatModel(options);
}
