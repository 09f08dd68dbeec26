import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import { publicBaseUrl } from '../http/public-url.js';
import { placeOutboundCall } from '../voice/transports/twilio/outbound-call.js';

const outboundBody = z.strictObject({
  chatbotId: z.uuid(),
  /** E.164, or a common international form ("+1 (555) 123-4567"). */
  to: z.string().trim().min(1).max(40),
  reason: z.string().trim().max(500).nullable().optional(),
});

/** Calls a company places: from the Twilio number of a chatbot, answered by its agent. */
export async function outboundCallRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/company/calls/outbound',
    {
      onRequest: [deps.guards.callFeature, deps.guards.companyAdmin],
      schema: { body: outboundBody },
    },
    async (request, reply) => {
      const { chatbotId, to, reason } = request.body;
      const call = await placeOutboundCall(
        deps,
        { companyId: tenantOf(request).id },
        { chatbotId, to, reason: reason || null },
        publicBaseUrl(deps.config, request),
      );
      return reply.status(201).send({ call });
    },
  );
}
