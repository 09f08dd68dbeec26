import { and, asc, eq, sql } from 'drizzle-orm';
import type { CompanyRole } from '../../../shared/domain.js';
import type { Database } from '../../db/client.js';
import { companyMembers, type Presence, users } from '../../db/schema/index.js';

/** A member who could take calls, with how busy they are. */
export type Person = {
  userId: string;
  name: string;
  role: CompanyRole;
  presence: Presence;
  /** Calls they handle now (taken over, still in progress). */
  liveCalls: number;
  /** When their last handled call ended; null if none did: the longest idle ring first. */
  lastCallEndedAt: Date | null;
};

/** The company's members (admins and support agents), by name. */
export async function listPeople(db: Database, scope: { companyId: string }): Promise<Person[]> {
  const rows = await db
    .select({
      userId: companyMembers.userId,
      name: users.name,
      email: users.email,
      role: companyMembers.role,
      presence: companyMembers.presence,
      // Fully qualified raw SQL: drizzle would render the outer columns unqualified.
      liveCalls: sql<number>`(select count(*)::int from calls c where c.company_id = "company_members"."company_id" and c.human_agent_id = "company_members"."user_id" and c.status = 'in_progress')`,
      lastCallEndedAt: sql<
        string | null
      >`(select max(c.ended_at) from calls c where c.company_id = "company_members"."company_id" and c.human_agent_id = "company_members"."user_id")`,
    })
    .from(companyMembers)
    .innerJoin(users, eq(users.id, companyMembers.userId))
    .where(eq(companyMembers.companyId, scope.companyId))
    .orderBy(asc(users.name), asc(users.email));
  return rows.map(({ email, lastCallEndedAt, liveCalls, ...row }) => ({
    ...row,
    name: row.name || email,
    liveCalls: Number(liveCalls),
    lastCallEndedAt: lastCallEndedAt ? new Date(lastCallEndedAt) : null,
  }));
}

/** Sets a member's own presence; false when they are not a member (a master admin visiting). */
export async function setPresence(
  db: Database,
  scope: { companyId: string; userId: string },
  presence: Presence,
): Promise<boolean> {
  const updated = await db
    .update(companyMembers)
    .set({ presence })
    .where(
      and(eq(companyMembers.companyId, scope.companyId), eq(companyMembers.userId, scope.userId)),
    )
    .returning({ userId: companyMembers.userId });
  return updated.length > 0;
}
