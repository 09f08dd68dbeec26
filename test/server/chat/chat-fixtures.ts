import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import pino, { type Logger } from 'pino';
import type {
  AgentActions,
  AgentEvent,
  AgentReply,
  ChatAgent,
} from '../../../src/server/chat/agent-types.js';
import type { Database } from '../../../src/server/db/client.js';
import {
  aiModels,
  chatbots,
  conversations,
  knowledgeCategories,
  knowledgeChunks,
  knowledgeDocuments,
  messages,
} from '../../../src/server/db/schema/index.js';
import {
  type AgentDefinition,
  defaultChatbotSettings,
} from '../../../src/shared/chatbot-settings.js';

export const KNOWLEDGE = [
  {
    title: 'Opening hours',
    content:
      'Our opening hours are Monday to Friday from 8:00 to 18:00 and Saturday from 9:00 to 13:00. We are closed on Sundays and public holidays.',
  },
  {
    title: 'Parking',
    content:
      'Free parking is available behind the building, with the entrance on Elm Street. Bicycle racks are next to the main door.',
  },
  {
    title: 'Prices',
    content: 'A dental check-up costs 45 euros. Professional teeth whitening costs 250 euros.',
  },
];

/** Ready knowledge documents, one chunk each, in one category of the company. */
export async function addKnowledge(db: Database, companyId: string, docs = KNOWLEDGE) {
  const [category] = await db
    .insert(knowledgeCategories)
    .values({ companyId, name: 'Clinic' })
    .returning();
  if (!category) throw new Error('category insert failed');
  const ids: Record<string, string> = {};
  for (const doc of docs) {
    const [row] = await db
      .insert(knowledgeDocuments)
      .values({
        companyId,
        categoryId: category.id,
        title: doc.title,
        sourceType: 'text',
        status: 'ready',
        progress: 100,
        chunkCount: 1,
      })
      .returning();
    if (!row) throw new Error('document insert failed');
    await db.insert(knowledgeChunks).values({
      companyId,
      documentId: row.id,
      position: 0,
      heading: doc.title,
      content: doc.content,
    });
    ids[doc.title] = row.id;
  }
  return ids;
}

export async function createChatbot(
  db: Database,
  companyId: string,
  options: { modelId?: string | null; instructions?: string; agentsList?: AgentDefinition[] } = {},
) {
  let chatModelId: string | null = null;
  if (options.modelId) {
    const [model] = await db.select().from(aiModels).where(eq(aiModels.modelId, options.modelId));
    if (!model) throw new Error(`no seeded model ${options.modelId}`);
    chatModelId = model.id;
  }
  const [bot] = await db
    .insert(chatbots)
    .values({
      companyId,
      publicId: `cb_${randomBytes(9).toString('base64url')}`,
      name: 'Smile Clinic',
      chatbotType: 'chat',
      chatModelId,
      instructions: options.instructions ?? 'You are the friendly assistant of Smile Clinic.',
      settings: defaultChatbotSettings(),
      agentsList: options.agentsList ?? [],
    })
    .returning();
  if (!bot) throw new Error('chatbot insert failed');
  return bot;
}

export type ChatScope = { companyId: string; chatbotId: string; conversationId: string };

export async function startConversation(
  db: Database,
  scope: { companyId: string; chatbotId: string },
): Promise<ChatScope> {
  const [row] = await db
    .insert(conversations)
    .values({ companyId: scope.companyId, chatbotId: scope.chatbotId, channel: 'chat' })
    .returning();
  if (!row) throw new Error('conversation insert failed');
  return { ...scope, conversationId: row.id };
}

let clock = Date.now();

/** Stores a message as the conversation service would; strictly later than the previous one. */
export async function addMessage(
  db: Database,
  scope: ChatScope,
  role: 'user' | 'assistant' | 'agent' | 'system',
  content: string,
) {
  clock = Math.max(clock + 1, Date.now());
  await db.insert(messages).values({
    companyId: scope.companyId,
    conversationId: scope.conversationId,
    role,
    content,
    createdAt: new Date(clock),
  });
}

export type Exchange = {
  reply: AgentReply;
  events: AgentEvent[];
  deltas: string[];
  escalations: string[];
};

/** The visitor asks; the agent replies with recording actions; the reply is stored like the inbox would. */
export async function ask(
  db: Database,
  agent: ChatAgent,
  scope: ChatScope,
  question: string,
  options: { onEvent?: (event: AgentEvent) => void; escalationMessage?: string } = {},
): Promise<Exchange> {
  await addMessage(db, scope, 'user', question);
  const events: AgentEvent[] = [];
  const escalations: string[] = [];
  const actions: AgentActions = {
    async escalateToHuman(reason) {
      escalations.push(reason);
      return { message: options.escalationMessage ?? 'A colleague will join this chat shortly.' };
    },
  };
  const reply = await agent.reply({
    ...scope,
    actions,
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
  });
  await addMessage(db, scope, 'assistant', reply.text);
  const deltas = events.flatMap((e) => (e.type === 'text.delta' ? [e.delta] : []));
  return { reply, events, deltas, escalations };
}

/** A pino logger writing JSON lines to memory, to assert what was and wasn't logged. */
export function memoryLogger(): { logger: Logger; output: () => string; entries: () => object[] } {
  let text = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    logger: pino({ level: 'debug' }, sink),
    output: () => text,
    entries: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as object),
  };
}
