import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { messages } from '../db/schema/index.js';
import type { KnowledgeRetriever } from '../knowledge/retrieval.js';
import type { AgentReply, AgentRequest, ChatAgent } from './agent-types.js';
import { OfflineResponder } from './offline-responder.js';

export type ChatAgentOptions = {
  db: Database;
  retriever: KnowledgeRetriever;
};

/** The chat agent every channel uses; without a model API key it is the offline responder. */
export function createChatAgent(options: ChatAgentOptions): ChatAgent {
  const offline = new OfflineResponder(options.retriever);
  return {
    async reply(request: AgentRequest): Promise<AgentReply> {
      const question = await lastUserMessage(options.db, request);
      return offline.reply(request, question);
    },
  };
}

async function lastUserMessage(db: Database, request: AgentRequest): Promise<string> {
  const rows = await db
    .select({ role: messages.role, content: messages.content })
    .from(messages)
    .where(
      and(
        eq(messages.companyId, request.companyId),
        eq(messages.conversationId, request.conversationId),
      ),
    )
    .orderBy(asc(messages.createdAt));
  return rows.filter((m) => m.role === 'user').at(-1)?.content ?? '';
}
