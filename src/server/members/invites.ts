import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import { hashPassword } from '../auth/password.js';
import type { Database } from '../db/client.js';
import { companies, companyMembers, invites, users } from '../db/schema/index.js';

const INVITE_TTL_MS = 7 * 24 * 3600_000;

// Only a hash is stored, so a database leak does not hand out accounts.
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createInvite(
  db: Database,
  input: { companyId: string; userId: string; invitedBy: string | null },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .delete(invites)
    .where(and(eq(invites.companyId, input.companyId), eq(invites.userId, input.userId)));
  await db.insert(invites).values({
    ...input,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + INVITE_TTL_MS),
  });
  return token;
}

/**
 * An invitation is only as good as the membership behind it: removing the
 * member revokes it, and a role change since the invite is what it shows.
 */
export async function findInvite(db: Database, token: string) {
  const [invite] = await db
    .select({
      id: invites.id,
      userId: invites.userId,
      companyId: invites.companyId,
      role: companyMembers.role,
      email: users.email,
      companyName: companies.name,
    })
    .from(invites)
    .innerJoin(users, eq(users.id, invites.userId))
    .innerJoin(companies, eq(companies.id, invites.companyId))
    .innerJoin(
      companyMembers,
      and(
        eq(companyMembers.companyId, invites.companyId),
        eq(companyMembers.userId, invites.userId),
      ),
    )
    .where(and(eq(invites.tokenHash, hashToken(token)), gt(invites.expiresAt, new Date())))
    .limit(1);
  return invite ?? null;
}

export async function acceptInvite(
  db: Database,
  token: string,
  input: { name: string; password: string },
): Promise<{ userId: string; companyId: string } | null> {
  const invite = await findInvite(db, token);
  if (!invite) return null;
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ name: input.name, passwordHash, updatedAt: new Date() })
      .where(eq(users.id, invite.userId));
    await tx.delete(invites).where(eq(invites.userId, invite.userId));
  });
  return { userId: invite.userId, companyId: invite.companyId };
}
