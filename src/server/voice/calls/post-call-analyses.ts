import type { Logger } from 'pino';
import type { AiProvider } from '../../../shared/domain.js';
import type { EventBus } from '../../bus/event-bus.js';
import type { ChatModel } from '../../chat/chat-model.js';
import { buildChatModel } from '../../chat/create-agent.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import { callLogger } from '../../logger.js';
import type { WebhookOutbox } from '../../webhooks/webhook-outbox.js';
import { safeError } from '../runner/log-safe.js';
import { analyzeCall } from '../runner/post-call.js';
import { type CallChatbot, chatModelChoice, loadCallChatbot } from './call-setup.js';
import type { CallScope, CallStore } from './call-store.js';
import type { RecoveredCall } from './recovery.js';

export type ChatModelFactory = (choice: {
  provider: AiProvider;
  modelId: string;
}) => ChatModel | null;

/**
 * Summary, intent and urgency of each finished call, worked out in the
 * background from its stored transcript and kept track of, so a shutdown
 * can let the ones under way finish.
 */
export class PostCallAnalyses {
  readonly #running = new Set<Promise<void>>();
  readonly #chatModel: ChatModelFactory;

  constructor(
    private readonly options: {
      db: Database;
      /** Live views hear of a stored analysis, which lands after `call.ended`. */
      bus: EventBus;
      store: CallStore;
      providers: Config['providers'];
      logger: Logger;
      chatModel?: ChatModelFactory | undefined;
      webhooks?: WebhookOutbox | undefined;
    },
  ) {
    this.#chatModel =
      options.chatModel ?? ((choice) => buildChatModel({ providers: options.providers }, choice));
  }

  start(bot: CallChatbot, scope: CallScope): void {
    this.#track(scope, () => this.#analyze(bot, scope));
  }

  /** For a call closed after its process died: its chatbot is loaded first (it may be gone). */
  startRecovered(call: RecoveredCall): void {
    const { chatbotId, ...scope } = call;
    if (!chatbotId) return;
    this.#track(scope, async () => {
      const bot = await loadCallChatbot(this.options.db, { companyId: scope.companyId, chatbotId });
      if (bot) await this.#analyze(bot, scope);
    });
  }

  #track(scope: CallScope, analyze: () => Promise<void>): void {
    const work = analyze().catch((err: unknown) =>
      this.options.logger.error(
        { err: safeError(err), callId: scope.callId, companyId: scope.companyId },
        'post-call analysis failed',
      ),
    );
    const tracked = work.finally(() => this.#running.delete(tracked));
    this.#running.add(tracked);
  }

  /** Resolves once every analysis started so far has ended. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#running]);
  }

  async #analyze(bot: CallChatbot, scope: CallScope): Promise<void> {
    const { db, store, logger } = this.options;
    const lines = await store.transcript(scope);
    // A call nobody spoke in (the provider never answered) has nothing to summarise.
    if (lines.length === 0) return;
    const choice = await chatModelChoice(db, bot.chatModelId);
    const analysis = await analyzeCall({
      callId: scope.callId,
      lines,
      urgentKeywords: bot.settings.urgentKeywords,
      model: choice ? this.#chatModel(choice) : null,
      logger: callLogger(logger, scope),
    });
    await store.saveAnalysis(scope, analysis);
    this.options.bus.publish('call.updated', scope);
    this.options.webhooks?.callAnalyzed(scope);
  }
}
