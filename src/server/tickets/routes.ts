import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { principalOf, tenantOf } from '../auth/guards.js';
import {
  changeTicket,
  createTicket,
  getTicket,
  ticketChangeBody,
  ticketCreateBody,
} from './ticket-changes.js';
import { listTickets, ticketListQuery } from './ticket-list.js';

export const TICKETS = '/api/company/tickets';

const idParams = z.object({ id: z.uuid() });

/**
 * Messages left for the team (by callers through the agent's take_message, by
 * chat visitors) and tickets staff make from a call: worked by every member.
 */
export async function ticketRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = (request: FastifyRequest) => ({
    companyId: tenantOf(request).id,
    userId: principalOf(request).id,
  });
  const target = (request: FastifyRequest) => ({
    companyId: tenantOf(request).id,
    ticketId: (request.params as { id: string }).id,
  });

  r.get(
    TICKETS,
    { onRequest: guards.company, schema: { querystring: ticketListQuery } },
    async (request) => listTickets(db, staff(request), request.query),
  );

  r.get(
    `${TICKETS}/:id`,
    { onRequest: guards.company, schema: { params: idParams } },
    async (request) => ({ ticket: await getTicket(db, target(request)) }),
  );

  r.post(
    TICKETS,
    { onRequest: guards.company, schema: { body: ticketCreateBody } },
    async (request, reply) => {
      const ticket = await createTicket(db, staff(request), request.body);
      deps.webhooks.ticketCreated({ companyId: tenantOf(request).id, ticketId: ticket.id });
      return reply.status(201).send({ ticket });
    },
  );

  r.patch(
    `${TICKETS}/:id`,
    { onRequest: guards.company, schema: { params: idParams, body: ticketChangeBody } },
    async (request) => ({ ticket: await changeTicket(db, target(request), request.body) }),
  );
}
