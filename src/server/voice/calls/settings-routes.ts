import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { chatbotSettingsPatchSchema } from '../../../shared/chatbot-settings.js';
import type { AppDeps } from '../../app-deps.js';
import { tenantOf } from '../../auth/guards.js';
import { getCallSettings, updateCallSettings } from './settings-service.js';

const params = z.object({ id: z.uuid() });
// The same patch shape as `settings.call` of PATCH /api/company/chatbots/:id.
const patchBody = chatbotSettingsPatchSchema.shape.call.unwrap();

/** A call chatbot's voice-call policy: greeting, voice, timeouts, interruption, model. */
export async function callSettingsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = [guards.companyAdmin, guards.callFeature];

  r.get(
    '/api/company/chatbots/:id/call-settings',
    { onRequest, schema: { params } },
    async (request) => ({
      callSettings: await getCallSettings(
        db,
        { companyId: tenantOf(request).id },
        request.params.id,
      ),
    }),
  );

  r.patch(
    '/api/company/chatbots/:id/call-settings',
    { onRequest, schema: { params, body: patchBody } },
    async (request) => ({
      callSettings: await updateCallSettings(
        db,
        { companyId: tenantOf(request).id },
        request.params.id,
        request.body,
      ),
    }),
  );
}
