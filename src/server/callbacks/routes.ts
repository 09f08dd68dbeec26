import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { principalOf, tenantOf } from '../auth/guards.js';
import { publicBaseUrl } from '../http/public-url.js';
import {
  callbackChangeBody,
  callbackScheduleBody,
  changeCallback,
  scheduleCallback,
} from './callback-changes.js';
import { callbackListQuery, listCallbacks } from './callback-list.js';
import { placeCallback } from './place-callback.js';

export const CALLBACKS = '/api/company/callbacks';

const idParams = z.object({ id: z.uuid() });

/** Callbacks promised to callers: scheduled from a call, worked by every member. */
export async function callbackRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const target = (request: FastifyRequest) => ({
    companyId: tenantOf(request).id,
    callbackId: (request.params as { id: string }).id,
  });

  r.post(
    '/api/company/calls/:id/callbacks',
    {
      onRequest: guards.callFeature,
      schema: { params: idParams, body: callbackScheduleBody },
    },
    async (request, reply) => {
      const staff = {
        companyId: tenantOf(request).id,
        userId: principalOf(request).id,
        callId: request.params.id,
      };
      const callback = await scheduleCallback(db, staff, request.body);
      return reply.status(201).send({ callback });
    },
  );

  r.get(
    CALLBACKS,
    { onRequest: guards.callFeature, schema: { querystring: callbackListQuery } },
    async (request) => ({
      callbacks: await listCallbacks(db, { companyId: tenantOf(request).id }, request.query),
    }),
  );

  r.patch(
    `${CALLBACKS}/:id`,
    { onRequest: guards.callFeature, schema: { params: idParams, body: callbackChangeBody } },
    async (request) => ({ callback: await changeCallback(db, target(request), request.body) }),
  );

  r.post(
    `${CALLBACKS}/:id/place`,
    { onRequest: guards.callFeature, schema: { params: idParams } },
    async (request, reply) => {
      const placed = await placeCallback(
        deps,
        target(request),
        publicBaseUrl(deps.config, request),
      );
      return reply.status(201).send(placed);
    },
  );
}
