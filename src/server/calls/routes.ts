import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import { calls, chatbots } from '../db/schema/index.js';

const CALL_LIST_LIMIT = 200;

export async function callRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;

  app.get('/api/company/calls', { onRequest: guards.callFeature }, async (request) => {
    const { id: companyId } = tenantOf(request);
    const rows = await db
      .select({
        id: calls.id,
        chatbotId: calls.chatbotId,
        chatbotName: chatbots.name,
        source: calls.source,
        direction: calls.direction,
        callerId: calls.callerId,
        callerName: calls.callerName,
        twilioCallSid: calls.twilioCallSid,
        status: calls.status,
        endReason: calls.endReason,
        startedAt: calls.startedAt,
        endedAt: calls.endedAt,
        durationMs: calls.durationMs,
        summary: calls.summary,
        intent: calls.intent,
        isUrgent: calls.isUrgent,
        isHandled: calls.isHandled,
        rating: calls.rating,
      })
      .from(calls)
      .leftJoin(chatbots, eq(chatbots.id, calls.chatbotId))
      .where(eq(calls.companyId, companyId))
      .orderBy(desc(calls.startedAt))
      .limit(CALL_LIST_LIMIT);
    return { calls: rows };
  });
}
