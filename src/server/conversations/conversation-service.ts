import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { ChannelType } from '../../shared/domain.js';
import type { EventBus } from '../bus/event-bus.js';
import type { Database } from '../db/client.js';
import { conversations, messages } from '../db/schema/index.js';
import { notFound } from '../http/errors.js';
import { type ConversationEvent, publishConversationEvent } from './conversation-events.js';
import {
  type InboxMessage,
  type MessageMetadata,
  type MessageRole,
  toInboxMessage,
} from './message-views.js';

export type ConversationTarget = { companyId: string; conversationId: string };

export type Conversation = typeof conversations.$inferSelect;

export type NewMessage = ConversationTarget & {
  role: MessageRole;
  content: string;
  /** The support agent who wrote it (role `agent`). */
  userId?: string | null;
  metadata?: MessageMetadata;
  /** Set when the id was announced before the message was stored (a streamed reply). */
  id?: string;
};

const HISTORY_LIMIT = 200;

/** Conversations and their messages on any channel; every call names the tenant. */
export class ConversationService {
  constructor(private readonly options: { db: Database; bus: EventBus }) {}

  get db(): Database {
    return this.options.db;
  }

  async create(input: {
    companyId: string;
    chatbotId: string;
    channel: ChannelType;
    visitorId?: string | null | undefined;
    metadata?: Record<string, unknown>;
  }): Promise<Conversation> {
    const [row] = await this.db
      .insert(conversations)
      .values({
        companyId: input.companyId,
        chatbotId: input.chatbotId,
        channel: input.channel,
        status: 'bot',
        visitorId: input.visitorId ?? null,
        metadata: input.metadata ?? {},
      })
      .returning();
    if (!row) throw new Error('Conversation insert returned nothing');
    this.publish(
      { companyId: row.companyId, conversationId: row.id },
      { type: 'conversation.status', data: { status: 'bot' } },
    );
    return row;
  }

  async get(target: ConversationTarget): Promise<Conversation> {
    const [row] = await this.db
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.companyId, target.companyId),
          eq(conversations.id, target.conversationId),
        ),
      );
    if (!row) throw notFound('Conversation');
    return row;
  }

  /** Stores a message, moves the conversation up the Inbox and tells every open stream. */
  async appendMessage(input: NewMessage): Promise<InboxMessage> {
    const message = await this.storeMessage(input);
    this.publish(input, { type: 'message.created', data: message });
    return message;
  }

  /** Stores a message without announcing it, for a caller that announces it its own way. */
  async storeMessage(input: NewMessage): Promise<InboxMessage> {
    const [row] = await this.db
      .insert(messages)
      .values({
        id: input.id ?? randomUUID(),
        companyId: input.companyId,
        conversationId: input.conversationId,
        role: input.role,
        content: input.content,
        userId: input.userId ?? null,
        metadata: input.metadata ?? {},
      })
      .returning();
    if (!row) throw new Error('Message insert returned nothing');
    await this.touch(input);
    return toInboxMessage(row);
  }

  /** The latest messages, oldest first. */
  async listMessages(target: ConversationTarget, limit = HISTORY_LIMIT): Promise<InboxMessage[]> {
    const rows = await this.db
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.companyId, target.companyId),
          eq(messages.conversationId, target.conversationId),
        ),
      )
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(limit);
    return rows.reverse().map(toInboxMessage);
  }

  async setActiveAgent(target: ConversationTarget, activeAgentId: string): Promise<void> {
    await this.db
      .update(conversations)
      .set({ activeAgentId })
      .where(
        and(
          eq(conversations.companyId, target.companyId),
          eq(conversations.id, target.conversationId),
        ),
      );
  }

  async touch(target: ConversationTarget): Promise<void> {
    await this.db
      .update(conversations)
      .set({ updatedAt: new Date() })
      .where(
        and(
          eq(conversations.companyId, target.companyId),
          eq(conversations.id, target.conversationId),
        ),
      );
  }

  publish(target: ConversationTarget, event: ConversationEvent): void {
    publishConversationEvent(this.options.bus, target, event);
  }
}
