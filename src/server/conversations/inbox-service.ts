import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { ChannelType } from '../../shared/domain.js';
import type { Database } from '../db/client.js';
import {
  calls,
  chatbots,
  conversations,
  escalations,
  messages,
  users,
} from '../db/schema/index.js';
import { notFound } from '../http/errors.js';
import type { ConversationStatus } from './conversation-events.js';
import type { MessageRole } from './message-views.js';

type Tenant = { companyId: string };

export const inboxStatusFilters = ['open', 'waiting_human', 'human', 'bot', 'closed'] as const;
export type InboxStatusFilter = (typeof inboxStatusFilters)[number];

export type InboxConversation = {
  id: string;
  chatbotId: string | null;
  chatbotName: string | null;
  channel: ChannelType;
  status: ConversationStatus;
  visitorId: string | null;
  assignedUser: { id: string; name: string } | null;
  lastMessage: { role: MessageRole; content: string; createdAt: string } | null;
  escalationReason: string | null;
  /** A voice call's conversation: the call, and whether it is still live. */
  call: { id: string; live: boolean } | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
};

const LIST_LIMIT = 200;
const PREVIEW_LENGTH = 200;

export async function listInboxConversations(
  db: Database,
  tenant: Tenant,
  filter: { status: InboxStatusFilter; chatbotId?: string | undefined },
): Promise<InboxConversation[]> {
  const conditions: SQL[] = [
    eq(conversations.companyId, tenant.companyId),
    filter.status === 'open'
      ? inArray(conversations.status, ['waiting_human', 'human'])
      : eq(conversations.status, filter.status),
  ];
  if (filter.chatbotId) conditions.push(eq(conversations.chatbotId, filter.chatbotId));
  return loadConversations(db, tenant, conditions);
}

export async function getInboxConversation(
  db: Database,
  tenant: Tenant,
  conversationId: string,
): Promise<InboxConversation> {
  const [conversation] = await loadConversations(db, tenant, [
    eq(conversations.companyId, tenant.companyId),
    eq(conversations.id, conversationId),
  ]);
  if (!conversation) throw notFound('Conversation');
  return conversation;
}

async function loadConversations(
  db: Database,
  tenant: Tenant,
  conditions: SQL[],
): Promise<InboxConversation[]> {
  const rows = await db
    .select({
      id: conversations.id,
      chatbotId: conversations.chatbotId,
      chatbotName: chatbots.name,
      channel: conversations.channel,
      status: conversations.status,
      visitorId: conversations.visitorId,
      assignedUserId: users.id,
      assignedUserName: users.name,
      createdAt: conversations.createdAt,
      updatedAt: conversations.updatedAt,
      closedAt: conversations.closedAt,
    })
    .from(conversations)
    .leftJoin(
      chatbots,
      and(eq(chatbots.id, conversations.chatbotId), eq(chatbots.companyId, tenant.companyId)),
    )
    .leftJoin(users, eq(users.id, conversations.assignedUserId))
    .where(and(...conditions))
    .orderBy(desc(conversations.updatedAt))
    .limit(LIST_LIMIT);
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [lastMessages, reasons, callRows] = await Promise.all([
    db
      .selectDistinctOn([messages.conversationId], {
        conversationId: messages.conversationId,
        role: messages.role,
        content: messages.content,
        createdAt: messages.createdAt,
      })
      .from(messages)
      .where(and(eq(messages.companyId, tenant.companyId), inArray(messages.conversationId, ids)))
      .orderBy(messages.conversationId, desc(messages.createdAt)),
    db
      .selectDistinctOn([escalations.conversationId], {
        conversationId: escalations.conversationId,
        reason: escalations.reason,
      })
      .from(escalations)
      .where(
        and(eq(escalations.companyId, tenant.companyId), inArray(escalations.conversationId, ids)),
      )
      .orderBy(escalations.conversationId, desc(escalations.createdAt)),
    db
      .selectDistinctOn([calls.conversationId], {
        conversationId: calls.conversationId,
        id: calls.id,
        status: calls.status,
      })
      .from(calls)
      .where(and(eq(calls.companyId, tenant.companyId), inArray(calls.conversationId, ids)))
      .orderBy(calls.conversationId, desc(calls.startedAt)),
  ]);
  const callById = new Map(callRows.map((c) => [c.conversationId, c]));
  const lastById = new Map(lastMessages.map((m) => [m.conversationId, m]));
  const reasonById = new Map(reasons.map((e) => [e.conversationId, e.reason]));
  return rows.map(({ assignedUserId, assignedUserName, ...row }) => {
    const last = lastById.get(row.id);
    return {
      ...row,
      assignedUser:
        assignedUserId && assignedUserName !== null
          ? { id: assignedUserId, name: assignedUserName }
          : null,
      lastMessage: last
        ? {
            role: last.role,
            content: last.content.slice(0, PREVIEW_LENGTH),
            createdAt: last.createdAt.toISOString(),
          }
        : null,
      escalationReason: reasonById.get(row.id) ?? null,
      call: callOf(callById.get(row.id)),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      closedAt: row.closedAt?.toISOString() ?? null,
    };
  });
}

function callOf(row: { id: string; status: string } | undefined): InboxConversation['call'] {
  if (!row) return null;
  return { id: row.id, live: row.status === 'in_progress' || row.status === 'pending' };
}
