import type { Database } from '../../../src/server/db/client.js';
import {
  calls,
  callTranscripts,
  conversations,
  escalations,
  tickets,
} from '../../../src/server/db/schema/index.js';

export type SeedCall = Partial<typeof calls.$inferInsert> & {
  /** Lines in order, caller first: `['caller', 'Hello']`. */
  transcript?: Array<['caller' | 'agent', string]>;
  /** A message the caller left (a ticket linked to the call). */
  messageLeft?: string;
  /** The caller asked for a person in the call's conversation. */
  escalatedInConversation?: true;
};

/**
 * A call row as the call path leaves it, with its transcript, ticket and
 * escalation, written straight to the database: these tests are about the
 * Calls API, the call path has its own.
 */
export async function seedCall(db: Database, companyId: string, seed: SeedCall = {}) {
  const { transcript = [], messageLeft, escalatedInConversation, ...values } = seed;
  let conversationId = values.conversationId ?? null;
  if (escalatedInConversation && !conversationId) {
    const [conversation] = await db
      .insert(conversations)
      .values({ companyId, chatbotId: values.chatbotId ?? null, channel: 'voice_call' })
      .returning({ id: conversations.id });
    conversationId = conversation?.id ?? null;
  }
  const [call] = await db
    .insert(calls)
    .values({ companyId, source: 'web', status: 'completed', ...values, conversationId })
    .returning();
  if (!call) throw new Error('call insert failed');
  if (transcript.length > 0) {
    await db.insert(callTranscripts).values(
      transcript.map(([speaker, text], index) => ({
        companyId,
        callId: call.id,
        seq: index + 1,
        speaker,
        text,
        startMs: index * 3000,
        endMs: index * 3000 + 2500,
      })),
    );
  }
  if (messageLeft) {
    await db.insert(tickets).values({
      companyId,
      chatbotId: values.chatbotId ?? null,
      callId: call.id,
      phone: values.callerId ?? '',
      message: messageLeft,
    });
  }
  if (escalatedInConversation) {
    await db
      .insert(escalations)
      .values({ companyId, conversationId, reason: 'asked for a person' });
  }
  return call;
}
