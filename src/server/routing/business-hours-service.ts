import { eq } from 'drizzle-orm';
import { type BusinessHours, NO_BUSINESS_HOURS } from '../../shared/call-routing.js';
import type { Database } from '../db/client.js';
import { businessHours } from '../db/schema/index.js';

type Tenant = { companyId: string };

/** The company's business hours; `configured` is false until an admin first saves them. */
export async function getBusinessHours(
  db: Database,
  tenant: Tenant,
): Promise<BusinessHours & { configured: boolean }> {
  const [row] = await db
    .select({
      timeZone: businessHours.timeZone,
      weekly: businessHours.weekly,
      holidays: businessHours.holidays,
    })
    .from(businessHours)
    .where(eq(businessHours.companyId, tenant.companyId));
  return row ? { ...row, configured: true } : { ...NO_BUSINESS_HOURS, configured: false };
}

export async function saveBusinessHours(
  db: Database,
  tenant: Tenant,
  hours: BusinessHours,
): Promise<BusinessHours & { configured: boolean }> {
  const holidays = [...hours.holidays].sort((a, b) => a.date.localeCompare(b.date));
  const values = { timeZone: hours.timeZone, weekly: hours.weekly, holidays };
  await db
    .insert(businessHours)
    .values({ companyId: tenant.companyId, ...values })
    .onConflictDoUpdate({
      target: businessHours.companyId,
      set: { ...values, updatedAt: new Date() },
    });
  return { ...values, configured: true };
}
