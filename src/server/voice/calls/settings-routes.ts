import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CallSettings } from '../../../shared/chatbot-settings.js';
import { chatbotSettingsPatchSchema } from '../../../shared/chatbot-settings.js';
import type { AppDeps } from '../../app-deps.js';
import { tenantOf } from '../../auth/guards.js';
import { aiModels } from '../../db/schema/index.js';
import { type CallReadinessEnv, callModelProblem } from './call-readiness.js';
import { resolveCallModel } from './call-setup.js';
import { getCallSettings, updateCallSettings } from './settings-service.js';

const params = z.object({ id: z.uuid() });
// The same patch shape as `settings.call` of PATCH /api/company/chatbots/:id.
const patchBody = chatbotSettingsPatchSchema.shape.call.unwrap();

export type CallSettingsWarning = { field: 'modelId'; message: string };

/** A call chatbot's voice-call policy: greeting, voice, timeouts, interruption, model. */
export async function callSettingsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = [guards.companyAdmin, guards.callFeature];
  const env: CallReadinessEnv = { providers: config.providers, localVoice: deps.localVoice };

  // Saving never fails on the server's configuration; the admin is told what callers would hit.
  const warningsFor = async (settings: CallSettings): Promise<CallSettingsWarning[]> => {
    const model = await resolveCallModel(db, settings.modelId, config.providers);
    const problem = await callModelProblem(model, env);
    return problem ? [{ field: 'modelId', message: problem.message }] : [];
  };

  r.get(
    '/api/company/chatbots/:id/call-settings',
    { onRequest, schema: { params } },
    async (request) => {
      const callSettings = await getCallSettings(
        db,
        { companyId: tenantOf(request).id },
        request.params.id,
      );
      return { callSettings, warnings: await warningsFor(callSettings) };
    },
  );

  r.patch(
    '/api/company/chatbots/:id/call-settings',
    { onRequest, schema: { params, body: patchBody } },
    async (request) => {
      const callSettings = await updateCallSettings(
        db,
        { companyId: tenantOf(request).id },
        request.params.id,
        request.body,
      );
      return { callSettings, warnings: await warningsFor(callSettings) };
    },
  );

  // Lets the model picker say which models cannot take calls here before anything is saved.
  r.get('/api/company/call-models/readiness', { onRequest }, async () => {
    const models = await db
      .select({ id: aiModels.id, provider: aiModels.provider })
      .from(aiModels)
      .where(and(eq(aiModels.isActive, true), inArray(aiModels.modelType, ['call', 'both'])))
      .orderBy(asc(aiModels.createdAt), asc(aiModels.modelId));
    const problems = await Promise.all(models.map((model) => callModelProblem(model, env)));
    return {
      models: models.map((model, i) => ({ id: model.id, problem: problems[i]?.message ?? null })),
    };
  });
}
