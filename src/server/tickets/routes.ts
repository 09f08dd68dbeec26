import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import { chatbots, tickets } from '../db/schema/index.js';

const TICKET_LIST_LIMIT = 200;

const listQuery = z.object({ status: z.enum(['open', 'closed']).optional() });

/** Messages left for the team (by a caller through the agent's take_message), for the Inbox. */
export async function ticketRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/company/tickets',
    { onRequest: guards.company, schema: { querystring: listQuery } },
    async (request) => {
      const { id: companyId } = tenantOf(request);
      const { status } = request.query;
      const rows = await db
        .select({
          id: tickets.id,
          chatbotId: tickets.chatbotId,
          chatbotName: chatbots.name,
          conversationId: tickets.conversationId,
          callId: tickets.callId,
          name: tickets.name,
          phone: tickets.phone,
          email: tickets.email,
          message: tickets.message,
          status: tickets.status,
          createdAt: tickets.createdAt,
        })
        .from(tickets)
        .leftJoin(chatbots, eq(chatbots.id, tickets.chatbotId))
        .where(
          and(eq(tickets.companyId, companyId), status ? eq(tickets.status, status) : undefined),
        )
        .orderBy(desc(tickets.createdAt), desc(tickets.id))
        .limit(TICKET_LIST_LIMIT);
      return { tickets: rows };
    },
  );
}
