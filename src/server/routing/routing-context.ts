import { eq } from 'drizzle-orm';
import type { BusinessHours } from '../../shared/call-routing.js';
import type { Database } from '../db/client.js';
import { callerLists } from '../db/schema/index.js';
import { getBusinessHours } from './business-hours-service.js';
import type { CallerListLookup, EvaluableRule } from './evaluate-rules.js';
import { listRoutingRules } from './rules-service.js';

/** Everything a company's calls are routed by, read at once. */
export type RoutingContext = {
  rules: EvaluableRule[];
  businessHours: BusinessHours;
  callerLists: CallerListLookup;
};

export async function loadRoutingContext(
  db: Database,
  tenant: { companyId: string },
): Promise<RoutingContext> {
  const [rules, hours, lists] = await Promise.all([
    listRoutingRules(db, tenant),
    getBusinessHours(db, tenant),
    loadCallerLists(db, tenant),
  ]);
  return { rules, businessHours: hours, callerLists: lists };
}

export async function loadCallerLists(
  db: Database,
  tenant: { companyId: string },
): Promise<CallerListLookup> {
  const rows = await db
    .select({ id: callerLists.id, name: callerLists.name, numbers: callerLists.numbers })
    .from(callerLists)
    .where(eq(callerLists.companyId, tenant.companyId));
  return new Map(rows.map((row) => [row.id, { name: row.name, numbers: row.numbers }]));
}
