import { and, asc, eq } from 'drizzle-orm';
import type { CompanyRole } from '../../shared/domain.js';
import type { Database } from '../db/client.js';
import { type CompanySettings, companies, companyMembers, users } from '../db/schema/index.js';

export type Principal = {
  id: string;
  email: string;
  name: string;
  avatarUrl: string | null;
  isMasterAdmin: boolean;
};

export type Membership = {
  companyId: string;
  companyName: string;
  companySlug: string;
  role: CompanyRole;
  features: CompanySettings['features'];
};

export type ActiveCompany = {
  id: string;
  name: string;
  slug: string;
  role: CompanyRole;
  features: CompanySettings['features'];
};

export async function findPrincipal(db: Database, userId: string): Promise<Principal | null> {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      avatarUrl: users.avatarUrl,
      isMasterAdmin: users.isMasterAdmin,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  // A user whose invitation is still pending has no password and no session.
  if (!user?.passwordHash) return null;
  const { passwordHash: _, ...principal } = user;
  return principal;
}

/** Companies the user can act in; a master admin administers every active one. */
export async function listMemberships(db: Database, principal: Principal): Promise<Membership[]> {
  const columns = {
    companyId: companies.id,
    companyName: companies.name,
    companySlug: companies.slug,
    settings: companies.settings,
  };
  const rows = principal.isMasterAdmin
    ? (
        await db
          .select(columns)
          .from(companies)
          .where(eq(companies.isActive, true))
          .orderBy(asc(companies.name))
      ).map((row) => ({ ...row, role: 'company_admin' as const }))
    : await db
        .select({ ...columns, role: companyMembers.role })
        .from(companyMembers)
        .innerJoin(companies, eq(companies.id, companyMembers.companyId))
        .where(and(eq(companyMembers.userId, principal.id), eq(companies.isActive, true)))
        .orderBy(asc(companies.name));
  // Rows written before a feature existed read as "off".
  return rows.map(({ settings, ...row }) => ({
    ...row,
    features: { callEnabled: settings.features?.callEnabled === true },
  }));
}

export function pickActiveCompany(
  memberships: Membership[],
  requestedId: string | undefined,
): ActiveCompany | null {
  const chosen = memberships.find((m) => m.companyId === requestedId) ?? memberships[0];
  if (!chosen) return null;
  return {
    id: chosen.companyId,
    name: chosen.companyName,
    slug: chosen.companySlug,
    role: chosen.role,
    features: chosen.features,
  };
}
