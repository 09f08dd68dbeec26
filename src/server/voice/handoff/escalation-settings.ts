import { z } from 'zod';
import { getCompany } from '../../companies/service.js';
import type { Database } from '../../db/client.js';
import { DEFAULT_ESCALATION_SETTINGS, type EscalationSettings } from '../../db/schema/index.js';

export const escalationSettingsBody = z.strictObject({
  ringStrategy: z.enum(['all', 'least_busy']),
  ringTimeoutSec: z.number().int().min(10).max(120),
  holdAudio: z.enum(['tone', 'music']),
});

/** The company's choice, or the defaults for a company that never chose. */
export async function escalationSettingsOf(
  db: Database,
  companyId: string,
): Promise<EscalationSettings> {
  const company = await getCompany(db, companyId);
  return { ...DEFAULT_ESCALATION_SETTINGS, ...company.settings.escalation };
}
