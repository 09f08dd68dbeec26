import { and, desc, eq } from 'drizzle-orm';
import type { AiProvider } from '../../shared/domain.js';
import type { Database } from '../db/client.js';
import { aiModels, chatbots, conversations, messages } from '../db/schema/index.js';
import type { ChatbotForAgent } from './agent-definition.js';
import type { ChatModelMessage } from './chat-model.js';

// About twenty exchanges: enough context for follow-ups, bounded prompt size.
const HISTORY_MESSAGES = 40;

/** Everything one reply is built from, read for the request's tenant only. */
export type AgentContext = {
  chatbot: ChatbotForAgent;
  /** The chatbot's chat model, or null when it has none or it was deactivated. */
  model: { provider: AiProvider; modelId: string } | null;
  activeAgentId: string | null;
  history: ChatModelMessage[];
  /** The visitor's latest message. */
  question: string;
};

type Scope = { companyId: string; chatbotId: string; conversationId: string };

export async function loadAgentContext(db: Database, scope: Scope): Promise<AgentContext> {
  const [chatbot] = await db
    .select({
      id: chatbots.id,
      name: chatbots.name,
      instructions: chatbots.instructions,
      agentsList: chatbots.agentsList,
      provider: aiModels.provider,
      modelId: aiModels.modelId,
      modelActive: aiModels.isActive,
    })
    .from(chatbots)
    .leftJoin(aiModels, eq(aiModels.id, chatbots.chatModelId))
    .where(and(eq(chatbots.companyId, scope.companyId), eq(chatbots.id, scope.chatbotId)));
  if (!chatbot) throw new Error('chat agent: chatbot not found for this company');
  const [conversation] = await db
    .select({ activeAgentId: conversations.activeAgentId })
    .from(conversations)
    .where(
      and(eq(conversations.companyId, scope.companyId), eq(conversations.id, scope.conversationId)),
    );
  if (!conversation) throw new Error('chat agent: conversation not found for this company');
  const history = await loadHistory(db, scope);
  const { provider, modelId, modelActive, ...bot } = chatbot;
  return {
    chatbot: bot,
    // A model the platform admin deactivated no longer answers.
    model: provider && modelId && modelActive ? { provider, modelId } : null,
    activeAgentId: conversation.activeAgentId,
    history,
    question: history.findLast((m) => m.role === 'user')?.content ?? '',
  };
}

async function loadHistory(db: Database, scope: Scope): Promise<ChatModelMessage[]> {
  const rows = await db
    .select({ role: messages.role, content: messages.content })
    .from(messages)
    .where(
      and(
        eq(messages.companyId, scope.companyId),
        eq(messages.conversationId, scope.conversationId),
      ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(HISTORY_MESSAGES);
  const history: ChatModelMessage[] = [];
  for (const row of rows.reverse()) {
    const content = row.content.trim();
    // An empty row is the assistant message the reply is about to fill.
    if (!content) continue;
    // The window may open mid-conversation; models expect the visitor to speak first.
    if (history.length === 0 && row.role !== 'user') continue;
    history.push(toModelMessage(row.role, content));
  }
  return history;
}

function toModelMessage(
  role: 'user' | 'assistant' | 'agent' | 'system',
  content: string,
): ChatModelMessage {
  switch (role) {
    case 'user':
      return { role: 'user', content };
    case 'assistant':
      return { role: 'assistant', content };
    // The model speaks for the business, so what a person or the platform told the visitor is its side of the conversation.
    case 'agent':
      return { role: 'assistant', content: `(A human support agent wrote:) ${content}` };
    case 'system':
      return { role: 'assistant', content: `(Notice shown to the visitor:) ${content}` };
  }
}
