import { and, eq, inArray, ne } from 'drizzle-orm';
import { conversations, escalations } from '../db/schema/index.js';
import { conflict } from '../http/errors.js';
import type { ConversationStatus } from './conversation-events.js';
import type {
  Conversation,
  ConversationService,
  ConversationTarget,
} from './conversation-service.js';

export type SupportAgent = { id: string; name: string };

const MAX_REASON_LENGTH = 500;

export const MISSED_WITH_MESSAGE_NOTICE =
  'Missed escalation: the caller hung up before anyone could join. They left a message, see Tickets.';
export const MISSED_WITHOUT_MESSAGE_NOTICE =
  'Missed escalation: the caller hung up before anyone could join and left no message.';

/**
 * Moves a conversation between the bot and people: bot → waiting_human
 * (escalated) → human (taken) → bot (handed back) or closed, with one
 * `escalations` row following open → assigned → resolved. Channel-agnostic:
 * chat and calls escalate the same way.
 */
export class EscalationService {
  constructor(private readonly conversations: ConversationService) {}

  /** Hands a bot conversation to the Inbox; a conversation already with people stays as it is. */
  async escalateConversation(
    input: ConversationTarget & { reason: string; callId?: string },
  ): Promise<{ escalated: boolean }> {
    const escalated = await this.conversations.db.transaction(async (tx) => {
      const [row] = await tx
        .update(conversations)
        .set({ status: 'waiting_human', updatedAt: new Date() })
        .where(and(...this.#is(input), eq(conversations.status, 'bot')))
        .returning({ id: conversations.id });
      if (!row) return false;
      await tx.insert(escalations).values({
        companyId: input.companyId,
        conversationId: input.conversationId,
        callId: input.callId ?? null,
        reason: input.reason.slice(0, MAX_REASON_LENGTH),
        status: 'open',
      });
      return true;
    });
    if (!escalated) {
      await this.conversations.get(input);
      return { escalated: false };
    }
    this.#announceStatus(input, 'waiting_human');
    return { escalated: true };
  }

  /** The agent takes over from the bot or the waiting queue; taking one's own again is a no-op. */
  async take(target: ConversationTarget, agent: SupportAgent): Promise<Conversation> {
    const taken = await this.conversations.db.transaction(async (tx) => {
      const [row] = await tx
        .update(conversations)
        .set({ status: 'human', assignedUserId: agent.id, updatedAt: new Date() })
        .where(and(...this.#is(target), inArray(conversations.status, ['bot', 'waiting_human'])))
        .returning();
      if (!row) return null;
      const assigned = await tx
        .update(escalations)
        .set({ status: 'assigned', assignedUserId: agent.id, updatedAt: new Date() })
        .where(and(...this.#escalationsOf(target), eq(escalations.status, 'open')))
        .returning({ id: escalations.id });
      if (assigned.length === 0) {
        await tx.insert(escalations).values({
          companyId: target.companyId,
          conversationId: target.conversationId,
          reason: 'Taken over from the assistant',
          status: 'assigned',
          assignedUserId: agent.id,
        });
      }
      return row;
    });
    if (!taken) {
      const current = await this.conversations.get(target);
      if (current.status === 'human' && current.assignedUserId === agent.id) return current;
      throw conflict(
        current.status === 'closed'
          ? 'This conversation is closed'
          : 'Another agent has already taken this conversation',
      );
    }
    this.#announceStatus(target, 'human', agent.name);
    await this.#notice(target, `${agent.name} joined the conversation`);
    return taken;
  }

  /** Back to the bot; the escalation is resolved. */
  async handBack(target: ConversationTarget, agent: SupportAgent): Promise<Conversation> {
    const row = await this.#finishEscalation(target, ['waiting_human', 'human'], {
      status: 'bot',
      assignedUserId: null,
    });
    if (!row) {
      const current = await this.conversations.get(target);
      throw conflict(
        current.status === 'closed'
          ? 'This conversation is closed'
          : 'The assistant is already answering this conversation',
      );
    }
    this.#announceStatus(target, 'bot');
    await this.#notice(target, `${agent.name} handed the conversation back to the assistant`);
    return row;
  }

  async close(target: ConversationTarget, agent: SupportAgent): Promise<Conversation> {
    const row = await this.#finishEscalation(target, ['bot', 'waiting_human', 'human'], {
      status: 'closed',
      closedAt: new Date(),
    });
    if (!row) {
      await this.conversations.get(target);
      throw conflict('This conversation is already closed');
    }
    this.#announceStatus(target, 'closed');
    await this.#notice(target, `${agent.name} closed the conversation`);
    return row;
  }

  /**
   * The caller of a call waiting for a person hung up: the conversation is
   * closed with a note saying so, and whether they left a message (a ticket).
   * One already taken by a person is theirs to close.
   */
  async closeMissed(
    target: ConversationTarget,
    outcome: { messageTaken: boolean },
  ): Promise<{ closed: boolean }> {
    const row = await this.#finishEscalation(target, ['waiting_human'], {
      status: 'closed',
      closedAt: new Date(),
    });
    if (!row) return { closed: false };
    this.#announceStatus(target, 'closed');
    await this.#notice(
      target,
      outcome.messageTaken ? MISSED_WITH_MESSAGE_NOTICE : MISSED_WITHOUT_MESSAGE_NOTICE,
    );
    return { closed: true };
  }

  async #finishEscalation(
    target: ConversationTarget,
    from: ConversationStatus[],
    change: Partial<Pick<Conversation, 'status' | 'assignedUserId' | 'closedAt'>>,
  ): Promise<Conversation | null> {
    return this.conversations.db.transaction(async (tx) => {
      const [row] = await tx
        .update(conversations)
        .set({ ...change, updatedAt: new Date() })
        .where(and(...this.#is(target), inArray(conversations.status, from)))
        .returning();
      if (!row) return null;
      await tx
        .update(escalations)
        .set({ status: 'resolved', resolvedAt: new Date(), updatedAt: new Date() })
        .where(and(...this.#escalationsOf(target), ne(escalations.status, 'resolved')));
      return row;
    });
  }

  #is(target: ConversationTarget) {
    return [
      eq(conversations.companyId, target.companyId),
      eq(conversations.id, target.conversationId),
    ];
  }

  #escalationsOf(target: ConversationTarget) {
    return [
      eq(escalations.companyId, target.companyId),
      eq(escalations.conversationId, target.conversationId),
    ];
  }

  #announceStatus(target: ConversationTarget, status: ConversationStatus, agentName?: string) {
    this.conversations.publish(target, {
      type: 'conversation.status',
      data: agentName ? { status, agentName } : { status },
    });
  }

  async #notice(target: ConversationTarget, content: string): Promise<void> {
    await this.conversations.appendMessage({ ...target, role: 'system', content });
  }
}
