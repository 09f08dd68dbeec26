import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { calls, chatbots } from '../../../db/schema/index.js';

/** Column sizes of what a call row keeps of the webhook. */
const MAX_CALLER_NAME = 120;

/** The public id the call session of an account's chatbot carries; null for another company's bot. */
export async function chatbotPublicId(
  db: Database,
  scope: { companyId: string; chatbotId: string },
): Promise<string | null> {
  const [row] = await db
    .select({ publicId: chatbots.publicId })
    .from(chatbots)
    .where(and(eq(chatbots.companyId, scope.companyId), eq(chatbots.id, scope.chatbotId)));
  return row?.publicId ?? null;
}

/** What the call row keeps of a WhatsApp call beyond what every call has: the line, the profile name. */
export async function recordWhatsAppCaller(
  db: Database,
  scope: { companyId: string; callId: string },
  caller: { integrationAccountId: string; callerName: string | null },
): Promise<void> {
  await db
    .update(calls)
    .set({
      integrationAccountId: caller.integrationAccountId,
      callerName: caller.callerName?.slice(0, MAX_CALLER_NAME) || null,
    })
    .where(and(eq(calls.companyId, scope.companyId), eq(calls.id, scope.callId)));
}
