import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { ChatAgent } from '../chat/agent-types.js';
import { conversations } from '../db/schema/index.js';
import { conflict } from '../http/errors.js';
import type { ConversationService, ConversationTarget } from './conversation-service.js';
import type { EscalationService } from './escalation-service.js';
import type { InboxMessage } from './message-views.js';

// A node that died mid-reply leaves its claim behind; after this long the
// conversation takes messages again.
const STALE_CLAIM_MS = 3 * 60_000;
const CLAIM_KEY = 'replyStartedAt';

export const ESCALATION_NOTICE =
  "I've asked a member of our team to join. They'll reply here as soon as they can.";
export const FAILURE_TEXT = "Sorry, I can't answer right now. Please try again in a moment.";

type Claim = 'claimed' | 'people' | 'busy' | 'closed';

export type BotRepliesOptions = {
  conversations: ConversationService;
  escalations: EscalationService;
  agent: ChatAgent;
  logger: Logger;
};

/**
 * Takes visitor messages and runs the chat agent for them in the background,
 * one reply at a time per conversation across all nodes (a claim stored on
 * the conversation row), streaming the reply as conversation events.
 */
export class BotReplies {
  readonly #running = new Set<Promise<void>>();
  readonly #shutdown = new AbortController();

  constructor(private readonly options: BotRepliesOptions) {}

  /** Stores the visitor's message; while the bot has the conversation it starts answering. */
  async acceptVisitorMessage(
    target: ConversationTarget & { chatbotId: string },
    content: string,
  ): Promise<InboxMessage> {
    const claim = await this.#claim(target);
    if (claim === 'busy') throw conflict('The assistant is still answering the previous message');
    if (claim === 'closed') throw conflict('This conversation is closed; start a new one');
    let message: InboxMessage;
    try {
      message = await this.options.conversations.appendMessage({
        ...target,
        role: 'user',
        content,
      });
    } catch (error) {
      if (claim === 'claimed') await this.#release(target);
      throw error;
    }
    if (claim === 'claimed') {
      const task = this.#reply(target).finally(() => this.#running.delete(task));
      this.#running.add(task);
    }
    return message;
  }

  /** Stops replies in progress (each stores what it has, or an apology) and waits for them. */
  async close(): Promise<void> {
    this.#shutdown.abort();
    await Promise.allSettled([...this.#running]);
  }

  async #reply(target: ConversationTarget & { chatbotId: string }): Promise<void> {
    const { conversations: store, escalations, agent, logger } = this.options;
    const messageId = randomUUID();
    store.publish(target, {
      type: 'message.created',
      data: {
        id: messageId,
        role: 'assistant',
        content: '',
        authorName: null,
        userId: null,
        createdAt: new Date().toISOString(),
        metadata: {},
      },
    });
    let final: InboxMessage | null = null;
    try {
      const reply = await agent.reply({
        ...target,
        actions: {
          escalateToHuman: async (reason) => {
            await escalations.escalateConversation({ ...target, reason });
            return { message: ESCALATION_NOTICE };
          },
        },
        onEvent: (event) => {
          if (event.type !== 'text.delta') return;
          store.publish(target, { type: 'message.delta', data: { messageId, delta: event.delta } });
        },
        signal: this.#shutdown.signal,
      });
      if (reply.activeAgentId) await store.setActiveAgent(target, reply.activeAgentId);
      // A provider failure is a reply too: its text already carries a notice for the visitor.
      if (reply.error) store.publish(target, { type: 'error', data: reply.error });
      final = await store.storeMessage({
        ...target,
        id: messageId,
        role: 'assistant',
        content: reply.text || FAILURE_TEXT,
        metadata: {
          responder: reply.responder,
          model: reply.model,
          sources: reply.sources,
          ...(reply.error ? { failed: true } : {}),
        },
      });
    } catch (error) {
      logger.error({ err: error, conversationId: target.conversationId }, 'chat agent failed');
      store.publish(target, {
        type: 'error',
        data: { code: 'agent_failed', message: 'The assistant could not answer this message.' },
      });
      final = await store
        .storeMessage({
          ...target,
          id: messageId,
          role: 'assistant',
          content: FAILURE_TEXT,
          metadata: { failed: true },
        })
        .catch((err: unknown) => {
          logger.error({ err }, 'storing the failure notice failed');
          return null;
        });
    } finally {
      await this.#release(target).catch((err: unknown) =>
        logger.error({ err }, 'releasing the reply claim failed'),
      );
    }
    // Announced only once released, so a visitor answering at once is not refused.
    if (final) store.publish(target, { type: 'message.completed', data: final });
  }

  async #claim(target: ConversationTarget): Promise<Claim> {
    const now = Date.now();
    const [claimed] = await this.options.conversations.db
      .update(conversations)
      .set({
        metadata: sql`${conversations.metadata} || ${JSON.stringify({ [CLAIM_KEY]: now })}::jsonb`,
      })
      .where(
        and(
          ...this.#is(target),
          eq(conversations.status, 'bot'),
          sql`coalesce((${conversations.metadata}->>${CLAIM_KEY}::text)::bigint < ${now - STALE_CLAIM_MS}, true)`,
        ),
      )
      .returning({ id: conversations.id });
    if (claimed) return 'claimed';
    const current = await this.options.conversations.get(target);
    if (current.status === 'bot') return 'busy';
    return current.status === 'closed' ? 'closed' : 'people';
  }

  async #release(target: ConversationTarget): Promise<void> {
    await this.options.conversations.db
      .update(conversations)
      .set({ metadata: sql`${conversations.metadata} - ${CLAIM_KEY}::text` })
      .where(and(...this.#is(target)));
  }

  #is(target: ConversationTarget) {
    return [
      eq(conversations.companyId, target.companyId),
      eq(conversations.id, target.conversationId),
    ];
  }
}
