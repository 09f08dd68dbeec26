import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.js';
import { tenantOf } from '../../auth/guards.js';
import { updateCompanySettings } from '../../companies/service.js';
import {
  escalationSettingsBody,
  escalationSettingsOf,
  PRESENCE_TAGS,
} from './escalation-settings.js';

export const ESCALATION_SETTINGS = '/api/company/escalation-settings';

/** How a call waiting for a person rings: members read it, company admins change it. */
export async function escalationSettingsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    ESCALATION_SETTINGS,
    { onRequest: guards.callFeature, schema: { tags: PRESENCE_TAGS } },
    async (request) => ({
      escalationSettings: await escalationSettingsOf(db, tenantOf(request).id),
    }),
  );

  r.put(
    ESCALATION_SETTINGS,
    {
      onRequest: [guards.companyAdmin, guards.callFeature],
      schema: { body: escalationSettingsBody, tags: PRESENCE_TAGS },
    },
    async (request) => {
      const companyId = tenantOf(request).id;
      await updateCompanySettings(db, companyId, { escalation: request.body });
      return { escalationSettings: await escalationSettingsOf(db, companyId) };
    },
  );
}
