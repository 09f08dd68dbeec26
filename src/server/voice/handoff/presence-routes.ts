import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { principalOf, tenantOf } from '../../auth/guards.js';
import { EventStreams } from '../../conversations/event-streams.js';
import { AppError } from '../../http/errors.js';
import type { AgentEventHub } from './agent-event-hub.js';
import { PRESENCE_TAGS } from './escalation-settings.js';
import { listPeople, setPresence } from './people.js';

export const PRESENCE = '/api/company/presence';
export const AGENT_EVENTS = '/api/company/agent-events';

const presenceBody = z.strictObject({ presence: z.enum(['available', 'away']) });

/**
 * Who takes calls: each member's own Available / Away, and the agent event
 * stream a dashboard tab keeps open, which is what "connected" counts.
 */
export async function presenceRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  hub: AgentEventHub,
): Promise<void> {
  const { db, guards, bus, callOffers } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const streams = new EventStreams();
  app.addHook('preClose', async () => streams.closeAll());

  const presenceOf = async (companyId: string, userId: string) => {
    const [people, connected] = await Promise.all([
      listPeople(db, { companyId }),
      callOffers.presence.connectedUserIds(companyId),
    ]);
    const me = people.find((person) => person.userId === userId);
    return {
      presence: me?.presence ?? ('away' as const),
      connected: connected.has(userId),
      /** A master admin visiting a company they are not a member of is never rung. */
      takesCalls: me !== undefined,
      people: people.map(({ userId, name, role, presence, liveCalls }) => ({
        userId,
        name,
        role,
        presence,
        connected: connected.has(userId),
        available: presence === 'available' && connected.has(userId),
        liveCalls,
      })),
    };
  };

  r.get(
    PRESENCE,
    { onRequest: guards.callFeature, schema: { tags: PRESENCE_TAGS } },
    async (request) => presenceOf(tenantOf(request).id, principalOf(request).id),
  );

  r.put(
    PRESENCE,
    { onRequest: guards.callFeature, schema: { body: presenceBody, tags: PRESENCE_TAGS } },
    async (request) => {
      const companyId = tenantOf(request).id;
      const userId = principalOf(request).id;
      const { presence } = request.body;
      if (!(await setPresence(db, { companyId, userId }, presence))) {
        throw new AppError(409, 'not_a_member', 'Only members of the company take calls');
      }
      const result = await presenceOf(companyId, userId);
      bus.publish('agent.event', {
        companyId,
        userIds: [userId],
        event: { event: 'presence', data: { presence, connected: result.connected } },
      });
      return result;
    },
  );

  r.get(
    AGENT_EVENTS,
    { onRequest: guards.callFeature, schema: { tags: PRESENCE_TAGS } },
    async (request, reply) => {
      const companyId = tenantOf(request).id;
      const userId = principalOf(request).id;
      const connection = await callOffers.presence.connect(companyId, userId);
      const stream = streams.open(reply);
      stream.onClose(() => void connection.close());
      stream.onClose(
        hub.onPerson(companyId, userId, ({ event, data }) => stream.send(event, data)),
      );
      const { presence } = await presenceOf(companyId, userId);
      stream.send('presence', { presence, connected: true });
      // A reloaded tab still rings for what rings for its person.
      for (const ringing of await callOffers.ringingFor(companyId, userId)) {
        stream.send('call.ringing', ringing);
      }
    },
  );
}
