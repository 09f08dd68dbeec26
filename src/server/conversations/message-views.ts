import type { Responder } from '../chat/agent-types.js';
import type { messages } from '../db/schema/index.js';

export type MessageRole = 'user' | 'assistant' | 'agent' | 'system';

export type MessageSource = { documentId: string; documentTitle: string; chunkId: string };

/** What is stored in `messages.metadata`; every field is optional. */
export type MessageMetadata = {
  responder?: Responder;
  model?: string | null;
  sources?: MessageSource[];
  /** The support agent's name at the time they wrote (role `agent`). */
  authorName?: string;
  /** Set on the apology stored when the agent failed. */
  failed?: boolean;
};

/** A message as members see it in the Inbox; also what crosses the bus. */
export type InboxMessage = {
  id: string;
  role: MessageRole;
  content: string;
  authorName: string | null;
  userId: string | null;
  createdAt: string;
  metadata: { responder?: Responder; model?: string | null; sources?: MessageSource[] };
};

/** A message as the visitor sees it: no member ids, no sources. */
export type WidgetMessage = {
  id: string;
  role: MessageRole;
  content: string;
  authorName: string | null;
  createdAt: string;
  metadata: { responder?: Responder };
};

type MessageRow = Pick<
  typeof messages.$inferSelect,
  'id' | 'role' | 'content' | 'userId' | 'metadata' | 'createdAt'
>;

export function toInboxMessage(row: MessageRow): InboxMessage {
  const meta = row.metadata as MessageMetadata;
  return {
    id: row.id,
    role: row.role,
    content: row.content,
    authorName: meta.authorName ?? null,
    userId: row.userId,
    createdAt: row.createdAt.toISOString(),
    metadata: {
      ...(meta.responder ? { responder: meta.responder } : {}),
      ...(meta.model !== undefined ? { model: meta.model } : {}),
      ...(meta.sources ? { sources: meta.sources } : {}),
    },
  };
}

export function toWidgetMessage(message: InboxMessage): WidgetMessage {
  return {
    id: message.id,
    role: message.role,
    content: message.content,
    authorName: message.authorName,
    createdAt: message.createdAt,
    metadata: message.metadata.responder ? { responder: message.metadata.responder } : {},
  };
}
