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
  /** When the user joined; null for a master admin's implicit memberships. */
  joinedAt: Date | null;
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
      ).map((row) => ({ ...row, role: 'company_admin' as const, joinedAt: null }))
    : await db
        .select({ ...columns, role: companyMembers.role, joinedAt: companyMembers.createdAt })
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

/**
 * The requested company, else the one joined first: joining another company
 * never changes where someone lands after signing in.
 */
export function pickActiveCompany(
  memberships: Membership[],
  requestedId: string | undefined,
): ActiveCompany | null {
  const firstJoined = memberships.reduce<Membership | undefined>(
    (first, m) =>
      !first || (m.joinedAt && first.joinedAt && m.joinedAt < first.joinedAt) ? m : first,
    undefined,
  );
  const chosen = memberships.find((m) => m.companyId === requestedId) ?? firstJoined;
  if (!chosen) return null;
  return {
    id: chosen.companyId,
    name: chosen.companyName,
    slug: chosen.companySlug,
    role: chosen.role,
    features: chosen.features,
  };
}
