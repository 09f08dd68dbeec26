import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import type { CompanyRole } from '../../shared/domain.js';
import { hashPassword } from '../auth/password.js';
import type { Database } from '../db/client.js';
import { companies, companyMembers, invites, users } from '../db/schema/index.js';
import { AppError, notFound } from '../http/errors.js';

const INVITE_TTL_MS = 7 * 24 * 3600_000;

// Only a hash is stored, so a database leak does not hand out accounts.
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new pending invitation, or null when this user already has one for this company. */
export async function createInvite(
  db: Database,
  input: {
    companyId: string;
    userId: string;
    role: CompanyRole;
    name: string;
    invitedBy: string | null;
  },
): Promise<{ id: string; token: string } | null> {
  const token = randomBytes(32).toString('base64url');
  // An expired invitation must not block a fresh one.
  await db
    .delete(invites)
    .where(
      and(
        eq(invites.companyId, input.companyId),
        eq(invites.userId, input.userId),
        lte(invites.expiresAt, new Date()),
      ),
    );
  const [row] = await db
    .insert(invites)
    .values({
      ...input,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + INVITE_TTL_MS),
    })
    .onConflictDoNothing()
    .returning({ id: invites.id });
  return row ? { id: row.id, token } : null;
}

export async function revokeInvite(db: Database, id: string): Promise<void> {
  await db.delete(invites).where(eq(invites.id, id));
}

export type FoundInvite = {
  id: string;
  userId: string;
  companyId: string;
  role: CompanyRole;
  email: string;
  companyName: string;
  /** The invited email already has an account (a password), so only that account may accept. */
  accountExists: boolean;
};

export async function findInvite(db: Database, token: string): Promise<FoundInvite | null> {
  const [row] = await db
    .select({
      id: invites.id,
      userId: invites.userId,
      companyId: invites.companyId,
      role: invites.role,
      email: users.email,
      companyName: companies.name,
      passwordHash: users.passwordHash,
    })
    .from(invites)
    .innerJoin(users, eq(users.id, invites.userId))
    .innerJoin(companies, eq(companies.id, invites.companyId))
    .where(and(eq(invites.tokenHash, hashToken(token)), gt(invites.expiresAt, new Date())))
    .limit(1);
  if (!row) return null;
  const { passwordHash, ...invite } = row;
  return { ...invite, accountExists: passwordHash !== null };
}

export const signInRequired = (email: string) =>
  new AppError(
    403,
    'sign_in_required',
    `${email} already has an account. Sign in as ${email} to accept this invitation.`,
  );

const accountDetailsRequired = () =>
  new AppError(400, 'validation_error', 'name and password: choose them to create your account', {
    name: 'Enter your name',
    password: 'Choose a password',
  });

export type AcceptClaim = {
  /** Who is signed in on the accepting browser, if anyone. */
  sessionUserId: string | undefined;
  /** Name and password for an email that has no account yet. */
  newAccount: { name: string; password: string } | undefined;
};

/**
 * Creates exactly the invitation's membership and spends only this invitation;
 * other invitations of the same email stay valid for their own companies. An
 * existing account accepts only while signed in; the token never sets its password.
 */
export async function acceptInvite(
  db: Database,
  token: string,
  claim: AcceptClaim,
): Promise<{ userId: string; companyId: string }> {
  const invite = await findInvite(db, token);
  if (!invite) throw notFound('Invitation');
  if (invite.accountExists) {
    if (claim.sessionUserId !== invite.userId) throw signInRequired(invite.email);
    await db.transaction(async (tx) => {
      await spend(tx as unknown as Database, invite);
      await join(tx as unknown as Database, invite);
    });
    return { userId: invite.userId, companyId: invite.companyId };
  }
  if (!claim.newAccount) throw accountDetailsRequired();
  const { name, password } = claim.newAccount;
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await spend(tx as unknown as Database, invite);
    // Only while the account is still unclaimed: two invitations accepted at
    // once must not both set a password.
    const claimed = await tx
      .update(users)
      .set({ name, passwordHash, updatedAt: new Date() })
      .where(and(eq(users.id, invite.userId), isNull(users.passwordHash)))
      .returning({ id: users.id });
    if (claimed.length === 0) throw signInRequired(invite.email);
    await join(tx as unknown as Database, invite);
  });
  return { userId: invite.userId, companyId: invite.companyId };
}

/** Deletes the invitation once; a second concurrent accept finds nothing. */
async function spend(db: Database, invite: FoundInvite): Promise<void> {
  const deleted = await db
    .delete(invites)
    .where(eq(invites.id, invite.id))
    .returning({ id: invites.id });
  if (deleted.length === 0) throw notFound('Invitation');
}

async function join(db: Database, invite: FoundInvite): Promise<void> {
  await db
    .insert(companyMembers)
    .values({ companyId: invite.companyId, userId: invite.userId, role: invite.role })
    .onConflictDoNothing();
}
