import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client.js';
import {
  companies,
  DEFAULT_ESCALATION_SETTINGS,
  type EscalationSettings,
} from '../../db/schema/index.js';
import { notFound } from '../../http/errors.js';

/** Where the API reference lists presence, the agent event stream and ring settings. */
export const PRESENCE_TAGS = ['presence and ringing'];

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
  const [company] = await db
    .select({ settings: companies.settings })
    .from(companies)
    .where(eq(companies.id, companyId));
  if (!company) throw notFound('Company');
  return { ...DEFAULT_ESCALATION_SETTINGS, ...company.settings.escalation };
}
