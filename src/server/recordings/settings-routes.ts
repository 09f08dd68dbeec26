import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import { getCompany, updateCompanySettings } from '../companies/service.js';
import { DEFAULT_RECORDING_RETENTION_DAYS } from '../db/schema/index.js';

export const RECORDING_SETTINGS = '/api/company/recording-settings';

/** Between a day and ten years. */
export const recordingSettingsBody = z.strictObject({
  retentionDays: z.number().int().min(1).max(3650),
});

/** How long the company keeps call recordings: read and changed by its admins. */
export async function recordingSettingsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = [guards.companyAdmin, guards.callFeature];
  const settingsOf = (company: Awaited<ReturnType<typeof getCompany>>) => ({
    retentionDays: company.settings.recordings?.retentionDays ?? DEFAULT_RECORDING_RETENTION_DAYS,
  });

  r.get(RECORDING_SETTINGS, { onRequest }, async (request) => ({
    recordingSettings: settingsOf(await getCompany(db, tenantOf(request).id)),
  }));

  r.patch(
    RECORDING_SETTINGS,
    { onRequest, schema: { body: recordingSettingsBody } },
    async (request) => ({
      recordingSettings: settingsOf(
        await updateCompanySettings(db, tenantOf(request).id, { recordings: request.body }),
      ),
    }),
  );
}
