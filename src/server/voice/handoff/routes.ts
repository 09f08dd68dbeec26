import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { AgentEventHub } from './agent-event-hub.js';
import { escalationSettingsRoutes } from './escalation-settings-routes.js';
import { offerRoutes } from './offer-routes.js';
import { presenceRoutes } from './presence-routes.js';

/** People taking calls: presence, the agent event stream, ringing calls' answers, ring settings. */
export async function handoffRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const hub = await AgentEventHub.open(deps.bus);
  app.addHook('onClose', async () => hub.close());
  await presenceRoutes(app, deps, hub);
  await offerRoutes(app, deps);
  await escalationSettingsRoutes(app, deps);
}
