import { and, asc, eq, sql } from 'drizzle-orm';
import type { CompanyRole } from '../../shared/domain.js';
import type { Database } from '../db/client.js';
import { companyMembers, invites, users } from '../db/schema/index.js';
import { conflict, notFound } from '../http/errors.js';
import { createInvite } from './invites.js';

type Tenant = { companyId: string };

export type Member = {
  userId: string;
  email: string;
  name: string;
  role: CompanyRole;
  status: 'active' | 'invited';
  joinedAt: Date;
};

const memberColumns = {
  userId: users.id,
  email: users.email,
  name: users.name,
  role: companyMembers.role,
  passwordHash: users.passwordHash,
  joinedAt: companyMembers.createdAt,
};

type MemberRow = Omit<Member, 'status'> & { passwordHash: string | null };

const toMember = ({ passwordHash, ...row }: MemberRow): Member => ({
  ...row,
  status: passwordHash ? 'active' : 'invited',
});

function membersQuery(db: Database, tenant: Tenant) {
  return db
    .select(memberColumns)
    .from(companyMembers)
    .innerJoin(users, eq(users.id, companyMembers.userId))
    .where(eq(companyMembers.companyId, tenant.companyId))
    .$dynamic();
}

export async function listMembers(db: Database, tenant: Tenant): Promise<Member[]> {
  const rows = await membersQuery(db, tenant).orderBy(asc(users.name), asc(users.email));
  return rows.map(toMember);
}

async function getMember(db: Database, tenant: Tenant, userId: string): Promise<Member> {
  const [row] = await membersQuery(db, tenant).where(
    and(eq(companyMembers.companyId, tenant.companyId), eq(companyMembers.userId, userId)),
  );
  if (!row) throw notFound('Member');
  return toMember(row);
}

/**
 * Adds an existing user to the company, or creates the account and returns an
 * invitation token the admin shares (there is no outgoing mail yet).
 */
export async function addMember(
  db: Database,
  tenant: Tenant & { invitedBy: string | null },
  input: { email: string; role: CompanyRole; name?: string | undefined },
): Promise<{ member: Member; inviteToken: string | null }> {
  const email = input.email.trim().toLowerCase();
  let [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  if (!user) {
    [user] = await db
      .insert(users)
      .values({ email, name: input.name ?? '' })
      .returning({ id: users.id, passwordHash: users.passwordHash });
  }
  if (!user) throw new Error('User insert returned nothing');
  const inserted = await db
    .insert(companyMembers)
    .values({ companyId: tenant.companyId, userId: user.id, role: input.role })
    .onConflictDoNothing()
    .returning({ userId: companyMembers.userId });
  if (inserted.length === 0) throw conflict(`${email} is already a member of this company`);
  const inviteToken = user.passwordHash
    ? null
    : await createInvite(db, {
        companyId: tenant.companyId,
        userId: user.id,
        invitedBy: tenant.invitedBy,
      });
  return { member: await getMember(db, tenant, user.id), inviteToken };
}

async function assertAnotherAdminRemains(db: Database, tenant: Tenant, userId: string) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(companyMembers)
    .where(
      and(
        eq(companyMembers.companyId, tenant.companyId),
        eq(companyMembers.role, 'company_admin'),
        sql`${companyMembers.userId} <> ${userId}`,
      ),
    );
  if (!row || row.count === 0) {
    throw conflict('A company needs at least one company admin; promote someone else first');
  }
}

export async function updateMemberRole(
  db: Database,
  tenant: Tenant,
  userId: string,
  role: CompanyRole,
): Promise<Member> {
  const current = await getMember(db, tenant, userId);
  if (current.role === 'company_admin' && role !== 'company_admin') {
    await assertAnotherAdminRemains(db, tenant, userId);
  }
  await db
    .update(companyMembers)
    .set({ role })
    .where(and(eq(companyMembers.companyId, tenant.companyId), eq(companyMembers.userId, userId)));
  return { ...current, role };
}

export async function removeMember(db: Database, tenant: Tenant, userId: string): Promise<void> {
  const current = await getMember(db, tenant, userId);
  if (current.role === 'company_admin') await assertAnotherAdminRemains(db, tenant, userId);
  await db.transaction(async (tx) => {
    await tx
      .delete(companyMembers)
      .where(
        and(eq(companyMembers.companyId, tenant.companyId), eq(companyMembers.userId, userId)),
      );
    await tx
      .delete(invites)
      .where(and(eq(invites.companyId, tenant.companyId), eq(invites.userId, userId)));
  });
}
