import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/client.js';
import { chatbots, companies, conversations } from '../db/schema/index.js';
import { notFound, unauthorized } from '../http/errors.js';
import type { ConversationStatus } from './conversation-events.js';
import { chatbotUnavailable } from './public-chatbot.js';

/** A visitor token stops working after this long without a message. */
export const VISITOR_TOKEN_IDLE_MS = 30 * 24 * 3600_000;
const TOKEN_HASH_KEY = 'visitorTokenHash';

export type VisitorConversation = {
  companyId: string;
  conversationId: string;
  chatbotId: string;
  status: ConversationStatus;
};

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** A new visitor token and what is stored of it (only the hash). */
export function newVisitorToken(): { token: string; metadata: Record<string, string> } {
  const token = randomBytes(32).toString('base64url');
  return { token, metadata: { [TOKEN_HASH_KEY]: sha256(token).toString('hex') } };
}

/** `Authorization: Bearer <token>`, or `?token=` where EventSource cannot set headers. */
export function visitorTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim() || undefined;
  const query = (request.query as { token?: unknown } | undefined)?.token;
  return typeof query === 'string' && query ? query : undefined;
}

/**
 * The conversation the token opens: a chat conversation whose stored hash
 * matches and that has not been idle too long. While its chatbot or company
 * is switched off the visitor is told so (403 `chatbot_unavailable`), and
 * nothing behind the check runs.
 */
export async function authorizeVisitor(
  db: Database,
  conversationId: string,
  token: string | undefined,
): Promise<VisitorConversation> {
  if (!token) throw unauthorized('A conversation token is required');
  const [row] = await db
    .select({
      companyId: conversations.companyId,
      chatbotId: conversations.chatbotId,
      status: conversations.status,
      metadata: conversations.metadata,
      updatedAt: conversations.updatedAt,
      chatbotActive: chatbots.isActive,
      companyActive: companies.isActive,
    })
    .from(conversations)
    .innerJoin(
      chatbots,
      and(
        eq(chatbots.id, conversations.chatbotId),
        eq(chatbots.companyId, conversations.companyId),
      ),
    )
    .innerJoin(companies, eq(companies.id, conversations.companyId))
    .where(and(eq(conversations.id, conversationId), eq(conversations.channel, 'chat')));
  if (!row?.chatbotId) throw notFound('Conversation');
  const stored = row.metadata[TOKEN_HASH_KEY];
  const expected = typeof stored === 'string' ? Buffer.from(stored, 'hex') : Buffer.alloc(0);
  const given = sha256(token);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw unauthorized('This token does not open this conversation');
  }
  if (Date.now() - row.updatedAt.getTime() > VISITOR_TOKEN_IDLE_MS) {
    throw unauthorized('This conversation has expired; start a new one');
  }
  if (!row.chatbotActive || !row.companyActive) throw chatbotUnavailable();
  return {
    companyId: row.companyId,
    conversationId,
    chatbotId: row.chatbotId,
    status: row.status,
  };
}
