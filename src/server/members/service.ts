import { and, eq, gt, sql } from 'drizzle-orm';
import type { CompanyRole } from '../../shared/domain.js';
import type { Database } from '../db/client.js';
import { companyMembers, invites, users } from '../db/schema/index.js';
import { conflict, notFound } from '../http/errors.js';
import { createInvite } from './invites.js';

type Tenant = { companyId: string };

/** A member, or someone invited who has not accepted yet. */
export type Member = {
  userId: string;
  email: string;
  name: string;
  role: CompanyRole;
  status: 'active' | 'invited';
  joinedAt: Date | null;
};

function activeQuery(db: Database, tenant: Tenant) {
  return db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: companyMembers.role,
      joinedAt: companyMembers.createdAt,
    })
    .from(companyMembers)
    .innerJoin(users, eq(users.id, companyMembers.userId))
    .where(eq(companyMembers.companyId, tenant.companyId))
    .$dynamic();
}

// The name is the one the inviting admin typed: an existing account's own
// name is not shown to a company it has not joined.
function invitedQuery(db: Database, tenant: Tenant) {
  return db
    .select({ userId: invites.userId, email: users.email, name: invites.name, role: invites.role })
    .from(invites)
    .innerJoin(users, eq(users.id, invites.userId))
    .where(and(eq(invites.companyId, tenant.companyId), gt(invites.expiresAt, new Date())))
    .$dynamic();
}

const active = (row: Omit<Member, 'status'>): Member => ({ ...row, status: 'active' });
const invited = (row: Omit<Member, 'status' | 'joinedAt'>): Member => ({
  ...row,
  status: 'invited',
  joinedAt: null,
});

export async function listMembers(db: Database, tenant: Tenant): Promise<Member[]> {
  const [members, pending] = await Promise.all([activeQuery(db, tenant), invitedQuery(db, tenant)]);
  return [...members.map(active), ...pending.map(invited)].sort(
    (a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email),
  );
}

async function findMember(db: Database, tenant: Tenant, userId: string): Promise<Member | null> {
  const [member] = await activeQuery(db, tenant).where(
    and(eq(companyMembers.companyId, tenant.companyId), eq(companyMembers.userId, userId)),
  );
  if (member) return active(member);
  const [pending] = await invitedQuery(db, tenant).where(
    and(
      eq(invites.companyId, tenant.companyId),
      eq(invites.userId, userId),
      gt(invites.expiresAt, new Date()),
    ),
  );
  return pending ? invited(pending) : null;
}

async function getMember(db: Database, tenant: Tenant, userId: string): Promise<Member> {
  const member = await findMember(db, tenant, userId);
  if (!member) throw notFound('Member');
  return member;
}

/** The user behind an email, created without a password when there is none. */
async function userForEmail(db: Database, email: string): Promise<string> {
  await db.insert(users).values({ email, name: '' }).onConflictDoNothing();
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  if (!user) throw new Error('User lookup after insert returned nothing');
  return user.id;
}

/**
 * Invites an email to the company. Nothing is granted until the invitation is
 * accepted, and the answer is the same whether the email has an account or not.
 */
export async function inviteMember(
  db: Database,
  tenant: Tenant & { invitedBy: string | null },
  input: { email: string; role: CompanyRole; name?: string | undefined },
): Promise<{ member: Member; invite: { id: string; token: string } }> {
  const email = input.email.trim().toLowerCase();
  const userId = await userForEmail(db, email);
  const [membership] = await db
    .select({ userId: companyMembers.userId })
    .from(companyMembers)
    .where(and(eq(companyMembers.companyId, tenant.companyId), eq(companyMembers.userId, userId)));
  if (membership) throw conflict(`${email} is already a member of this company`);
  const name = input.name ?? '';
  const invite = await createInvite(db, {
    companyId: tenant.companyId,
    userId,
    role: input.role,
    name,
    invitedBy: tenant.invitedBy,
  });
  if (!invite) throw conflict(`${email} has already been invited to this company`);
  return { member: invited({ userId, email, name, role: input.role }), invite };
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
  if (current.status === 'invited') {
    await db
      .update(invites)
      .set({ role })
      .where(and(eq(invites.companyId, tenant.companyId), eq(invites.userId, userId)));
    return { ...current, role };
  }
  if (current.role === 'company_admin' && role !== 'company_admin') {
    await assertAnotherAdminRemains(db, tenant, userId);
  }
  await db
    .update(companyMembers)
    .set({ role })
    .where(and(eq(companyMembers.companyId, tenant.companyId), eq(companyMembers.userId, userId)));
  return { ...current, role };
}

/** Removes a member, or revokes their pending invitation. */
export async function removeMember(db: Database, tenant: Tenant, userId: string): Promise<void> {
  const current = await getMember(db, tenant, userId);
  if (current.status === 'active' && current.role === 'company_admin') {
    await assertAnotherAdminRemains(db, tenant, userId);
  }
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
