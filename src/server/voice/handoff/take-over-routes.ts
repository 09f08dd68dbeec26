import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { principalOf, tenantOf } from '../../auth/guards.js';
import { CALLS } from '../../calls/management-routes.js';
import { calls } from '../../db/schema/index.js';
import { AppError } from '../../http/errors.js';
import { BrowserLeg } from '../transports/browser/browser-leg.js';
import { takeOverPath } from './call-offers-service.js';
import { LISTEN_SAMPLE_RATE, type ListenedLeg } from './listened-leg.js';
import type { PersonHandoff } from './person-handoff.js';

/** The person's browser sends and receives PCM16 at this rate (the widget's preferred rate). */
export const TAKE_OVER_SAMPLE_RATE = 24_000;

const idParams = z.object({ id: z.uuid() });
const holdBody = z.object({ onHold: z.boolean() });

const upgradeRequired = () =>
  new AppError(426, 'upgrade_required', 'Open this URL as a WebSocket.');
const notLive = () => new AppError(409, 'call_not_live', 'This call is not live on this server.');
const notTaking = () =>
  new AppError(409, 'not_taking_call', 'You are not the person on this call right now.');

/**
 * A person on a call they accepted: the audio socket (their microphone in,
 * the caller's voice out), hold, hand back to the AI; taking a call without
 * being rung; listening in silently; and ending a live call from the dashboard.
 */
export async function takeOverRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { guards, db } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** 404 unless the call is the tenant's. */
  const ownCall = async (request: FastifyRequest): Promise<string> => {
    const { id } = request.params as z.infer<typeof idParams>;
    const [call] = await db
      .select({ id: calls.id })
      .from(calls)
      .where(and(eq(calls.id, id), eq(calls.companyId, tenantOf(request).id)));
    if (!call) throw new AppError(404, 'not_found', 'Call not found');
    return id;
  };

  /** What an upgrade's preHandler found, for its socket handler: looked up once per request. */
  const liveOnUpgrade = new WeakMap<FastifyRequest, PersonHandoff | ListenedLeg>();

  /** The hand-off of the tenant's call live on this node. */
  const liveHandoff = async (request: FastifyRequest): Promise<PersonHandoff> => {
    const handoff = deps.calls.liveRunner(await ownCall(request))?.handoff;
    if (!handoff) throw notLive();
    return handoff;
  };

  r.get(
    `${CALLS}/:id/take-over/socket`,
    {
      websocket: true,
      onRequest: guards.callFeature,
      schema: { params: idParams },
      // Refusals are HTTP answers to the upgrade request, before any socket exists.
      preHandler: async (request) => {
        const handoff = await liveHandoff(request);
        if (!request.ws) throw upgradeRequired();
        if (handoff.acceptedBy !== principalOf(request).id) throw notTaking();
        liveOnUpgrade.set(request, handoff);
      },
    },
    async (socket, request) => {
      const person = principalOf(request);
      const leg = new BrowserLeg({
        socket,
        inputSampleRate: TAKE_OVER_SAMPLE_RATE,
        outputSampleRate: TAKE_OVER_SAMPLE_RATE,
        logger: deps.logger.child({ callId: request.params.id, userId: person.id }),
      });
      const handoff = liveOnUpgrade.get(request) as PersonHandoff;
      if (!handoff.join({ userId: person.id, name: person.name, leg })) {
        leg.notify({ type: 'error', code: 'not_taking_call', message: notTaking().message });
        leg.close('not_taking_call');
      }
    },
  );

  r.post(
    `${CALLS}/:id/take-over`,
    { onRequest: guards.callFeature, schema: { params: idParams } },
    async (request) => {
      const handoff = await liveHandoff(request);
      const person = principalOf(request);
      if (!handoff.claim({ id: person.id, name: person.name })) {
        throw new AppError(409, 'already_taken', 'Someone else has this call.');
      }
      await db
        .update(calls)
        .set({ humanAgentId: person.id, updatedAt: new Date() })
        .where(eq(calls.id, request.params.id));
      deps.bus.publish('call.updated', {
        companyId: tenantOf(request).id,
        callId: request.params.id,
      });
      return { callId: request.params.id, takeOverPath: takeOverPath(request.params.id) };
    },
  );

  r.get(
    `${CALLS}/:id/listen/socket`,
    {
      websocket: true,
      onRequest: [guards.companyAdmin, guards.callFeature],
      schema: { params: idParams },
      preHandler: async (request) => {
        const listenIn = deps.calls.liveRunner(await ownCall(request))?.listenIn;
        if (!request.ws) throw upgradeRequired();
        if (!listenIn) throw notLive();
        liveOnUpgrade.set(request, listenIn);
      },
    },
    (socket, request) => {
      const leg = new BrowserLeg({
        socket,
        inputSampleRate: LISTEN_SAMPLE_RATE,
        outputSampleRate: LISTEN_SAMPLE_RATE,
        logger: deps.logger.child({ callId: request.params.id, listener: principalOf(request).id }),
      });
      const listenIn = liveOnUpgrade.get(request) as ListenedLeg;
      // The supervisor is never heard: their socket's audio is not read.
      leg.on('hangup', listenIn.listen(leg));
    },
  );

  r.get(
    `${CALLS}/:id/take-over`,
    { onRequest: guards.callFeature, schema: { params: idParams } },
    async (request) => {
      const handoff = await liveHandoff(request);
      return { acceptedBy: handoff.acceptedBy, transferNumber: handoff.transferNumber };
    },
  );

  r.post(
    `${CALLS}/:id/take-over/transfer`,
    { onRequest: guards.callFeature, schema: { params: idParams } },
    async (request, reply) => {
      const handoff = await liveHandoff(request);
      if (!handoff.transferNumber) {
        throw new AppError(409, 'no_transfer_number', 'This call has no number to transfer to.');
      }
      if (!handoff.transferOut(principalOf(request).id)) throw notTaking();
      return reply.code(204).send();
    },
  );

  r.post(
    `${CALLS}/:id/take-over/hold`,
    { onRequest: guards.callFeature, schema: { params: idParams, body: holdBody } },
    async (request, reply) => {
      const handoff = await liveHandoff(request);
      if (!handoff.setHold(principalOf(request).id, request.body.onHold)) throw notTaking();
      return reply.code(204).send();
    },
  );

  r.post(
    `${CALLS}/:id/take-over/hand-back`,
    { onRequest: guards.callFeature, schema: { params: idParams } },
    async (request, reply) => {
      const handoff = await liveHandoff(request);
      if (!handoff.handBack(principalOf(request).id)) throw notTaking();
      return reply.code(204).send();
    },
  );

  r.post(
    `${CALLS}/:id/end`,
    { onRequest: guards.callFeature, schema: { params: idParams } },
    async (request, reply) => {
      const callId = await ownCall(request);
      if (!(await deps.calls.endCall(callId, 'ended_by_staff'))) {
        throw new AppError(409, 'call_not_live', 'This call has already ended.');
      }
      return reply.code(204).send();
    },
  );
}
