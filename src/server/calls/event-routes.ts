import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import { EventStreams } from '../conversations/event-streams.js';
import { CallEventHub } from './call-events.js';
import { CALLS } from './management-routes.js';

/** Server-sent events for the Calls page: calls of the company as they start, change, speak and end. */
export async function callEventRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { bus, db, guards, logger } = deps;
  const hub = await CallEventHub.open(bus, db, logger);
  const streams = new EventStreams();
  // Open streams would otherwise keep the server from closing.
  app.addHook('preClose', async () => streams.closeAll());
  app.addHook('onClose', async () => hub.close());

  app.get(`${CALLS}/events`, { onRequest: guards.callFeature }, async (request, reply) => {
    const companyId = tenantOf(request).id;
    const stream = streams.open(reply);
    stream.onClose(hub.onCompany(companyId, ({ event, data }) => stream.send(event, data)));
  });
}
