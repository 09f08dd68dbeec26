import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  businessHoursSchema,
  callerListBody,
  routingRuleBody,
  routingRulePatch,
} from '../../shared/call-routing.js';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import { getBusinessHours, saveBusinessHours } from './business-hours-service.js';
import {
  createCallerList,
  deleteCallerList,
  listCallerLists,
  updateCallerList,
} from './caller-lists-service.js';
import { previewBody, previewRouting } from './preview.js';
import {
  createRoutingRule,
  deleteRoutingRule,
  listRoutingRules,
  reorderRoutingRules,
  updateRoutingRule,
} from './rules-service.js';

const BUSINESS_HOURS = '/api/company/business-hours';
const CALLER_LISTS = '/api/company/caller-lists';
const RULES = '/api/company/routing-rules';

const idParams = z.object({ id: z.uuid() });
/** One group in the API reference for the three resources. */
const tags = ['call routing'];
const orderBody = z.strictObject({ ids: z.array(z.uuid()).max(500) });

/**
 * Call routing: business hours, caller lists and the ordered rules. Members
 * read them and test a call; only company admins change them.
 */
export async function callRoutingRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = guards.callFeature;
  const write = [guards.callFeature, guards.companyAdmin];
  const tenant = (request: FastifyRequest) => ({ companyId: tenantOf(request).id });

  r.get(BUSINESS_HOURS, { onRequest: read, schema: { tags } }, async (request) => ({
    businessHours: await getBusinessHours(db, tenant(request)),
  }));
  r.put(
    BUSINESS_HOURS,
    { onRequest: write, schema: { tags, body: businessHoursSchema } },
    async (request) => ({
      businessHours: await saveBusinessHours(db, tenant(request), request.body),
    }),
  );

  r.get(CALLER_LISTS, { onRequest: read, schema: { tags } }, async (request) => ({
    callerLists: await listCallerLists(db, tenant(request)),
  }));
  r.post(
    CALLER_LISTS,
    { onRequest: write, schema: { tags, body: callerListBody } },
    async (request, reply) =>
      reply
        .status(201)
        .send({ callerList: await createCallerList(db, tenant(request), request.body) }),
  );
  r.patch(
    `${CALLER_LISTS}/:id`,
    { onRequest: write, schema: { tags, params: idParams, body: callerListBody.partial() } },
    async (request) => ({
      callerList: await updateCallerList(db, tenant(request), request.params.id, request.body),
    }),
  );
  r.delete(
    `${CALLER_LISTS}/:id`,
    { onRequest: write, schema: { tags, params: idParams } },
    async (request, reply) => {
      await deleteCallerList(db, tenant(request), request.params.id);
      return reply.status(204).send();
    },
  );

  r.get(RULES, { onRequest: read, schema: { tags } }, async (request) => ({
    rules: await listRoutingRules(db, tenant(request)),
  }));
  r.post(
    RULES,
    { onRequest: write, schema: { tags, body: routingRuleBody } },
    async (request, reply) =>
      reply.status(201).send({ rule: await createRoutingRule(db, tenant(request), request.body) }),
  );
  r.put(
    `${RULES}/order`,
    { onRequest: write, schema: { tags, body: orderBody } },
    async (request) => ({
      rules: await reorderRoutingRules(db, tenant(request), request.body.ids),
    }),
  );
  r.post(
    `${RULES}/preview`,
    { onRequest: read, schema: { tags, body: previewBody } },
    async (request) => previewRouting(db, tenant(request), request.body),
  );
  r.patch(
    `${RULES}/:id`,
    { onRequest: write, schema: { tags, params: idParams, body: routingRulePatch } },
    async (request) => ({
      rule: await updateRoutingRule(db, tenant(request), request.params.id, request.body),
    }),
  );
  r.delete(
    `${RULES}/:id`,
    { onRequest: write, schema: { tags, params: idParams } },
    async (request, reply) => {
      await deleteRoutingRule(db, tenant(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
