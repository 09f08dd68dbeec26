import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { companyMembers } from '../db/schema/index.js';
import { invalid } from '../http/errors.js';

/** Work is only assigned within the company: anyone else is a 400 on `field`. */
export async function requireCompanyMember(
  db: Database,
  scope: { companyId: string; userId: string },
  field: string,
): Promise<void> {
  const [member] = await db
    .select({ userId: companyMembers.userId })
    .from(companyMembers)
    .where(
      and(eq(companyMembers.companyId, scope.companyId), eq(companyMembers.userId, scope.userId)),
    );
  if (!member) throw invalid(field, 'is not a member of this company');
}
