import { and, asc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { callIntegrationAccounts, chatbots } from '../db/schema/index.js';
import { conflict, isUniqueViolation, notFound } from '../http/errors.js';

type Tenant = { companyId: string };

const accounts = callIntegrationAccounts;

/** Everything the API may show of an account: the sealed credentials column is never selected. */
const shownColumns = {
  id: accounts.id,
  accountType: accounts.accountType,
  name: accounts.name,
  description: accounts.description,
  chatbotId: accounts.chatbotId,
  chatbotName: chatbots.name,
  config: accounts.config,
  externalAccountId: accounts.externalAccountId,
  credentialsHint: accounts.credentialsHint,
  status: accounts.status,
  lastVerifiedAt: accounts.lastVerifiedAt,
  lastError: accounts.lastError,
  createdAt: accounts.createdAt,
  updatedAt: accounts.updatedAt,
};

export type ShownAccount = Awaited<ReturnType<typeof selectShown>>[number];

/** An account with what a connection test needs: the sealed credentials stay sealed here. */
export type SealedAccount = {
  id: string;
  companyId: string;
  accountType: (typeof accounts.$inferSelect)['accountType'];
  name: string;
  chatbotId: string | null;
  phoneNumber: string | null;
  /** Twilio's Account SID, or a WhatsApp account's phone number id. */
  externalAccountId: string | null;
  credentialsEncrypted: string;
  status: (typeof accounts.$inferSelect)['status'];
};

const sealedColumns = {
  id: accounts.id,
  companyId: accounts.companyId,
  accountType: accounts.accountType,
  name: accounts.name,
  chatbotId: accounts.chatbotId,
  phoneNumber: accounts.phoneNumber,
  externalAccountId: accounts.externalAccountId,
  credentialsEncrypted: accounts.credentialsEncrypted,
  status: accounts.status,
};

/** The columns a create or an edit writes; credentials arrive sealed. */
export type AccountValues = {
  name: string;
  description: string | null;
  chatbotId: string | null;
  phoneNumber: string;
  credentialsEncrypted: string;
  externalAccountId: string;
  credentialsHint: string;
  /** The account's settings as stored; a Twilio account's is its phone number alone. */
  config?: Record<string, unknown>;
};

const numberTaken = (accountType: SealedAccount['accountType']) =>
  conflict(
    `This phone number is already connected to another ${accountType === 'whatsapp' ? 'WhatsApp' : 'Twilio'} integration account. Remove it there first.`,
  );

function selectShown(db: Database, where: ReturnType<typeof and>) {
  return db
    .select(shownColumns)
    .from(accounts)
    .leftJoin(chatbots, eq(chatbots.id, accounts.chatbotId))
    .where(where)
    .orderBy(asc(accounts.name), asc(accounts.createdAt));
}

const ofTenant = (tenant: Tenant, id: string) =>
  and(eq(accounts.companyId, tenant.companyId), eq(accounts.id, id));

export function listShownAccounts(db: Database, tenant: Tenant): Promise<ShownAccount[]> {
  return selectShown(db, and(eq(accounts.companyId, tenant.companyId)));
}

export async function findShownAccount(
  db: Database,
  tenant: Tenant,
  id: string,
): Promise<ShownAccount> {
  const [account] = await selectShown(db, ofTenant(tenant, id));
  if (!account) throw notFound('Integration account');
  return account;
}

export async function findSealedAccount(
  db: Database,
  tenant: Tenant,
  id: string,
): Promise<SealedAccount> {
  const [account] = await db.select(sealedColumns).from(accounts).where(ofTenant(tenant, id));
  if (!account) throw notFound('Integration account');
  return account;
}

/** Active accounts (Twilio and WhatsApp) of every company last checked before `before` (or never). */
export function listActiveAccountsDue(db: Database, before: Date): Promise<SealedAccount[]> {
  return db
    .select(sealedColumns)
    .from(accounts)
    .where(
      and(
        eq(accounts.status, 'active'),
        or(isNull(accounts.lastVerifiedAt), lt(accounts.lastVerifiedAt, before)),
      ),
    );
}

/** Any company's account by id, for checks that come from outside a request (webhooks). */
export async function findSealedAccountById(
  db: Database,
  id: string,
): Promise<SealedAccount | undefined> {
  const [account] = await db.select(sealedColumns).from(accounts).where(eq(accounts.id, id));
  return account;
}

export async function insertAccount(
  db: Database,
  tenant: Tenant,
  accountType: SealedAccount['accountType'],
  values: AccountValues,
): Promise<string> {
  try {
    const [row] = await db
      .insert(accounts)
      .values({
        ...values,
        companyId: tenant.companyId,
        accountType,
        config: values.config ?? { phoneNumber: values.phoneNumber },
        status: 'pending',
      })
      .returning({ id: accounts.id });
    if (!row) throw new Error('integration account insert returned no row');
    return row.id;
  } catch (error) {
    if (isUniqueViolation(error)) throw numberTaken(accountType);
    throw error;
  }
}

export async function updateAccountValues(
  db: Database,
  tenant: Tenant,
  id: string,
  values: Partial<AccountValues>,
  accountType: SealedAccount['accountType'] = 'twilio',
): Promise<void> {
  const config =
    values.config || !values.phoneNumber ? {} : { config: { phoneNumber: values.phoneNumber } };
  try {
    const [row] = await db
      .update(accounts)
      .set({ ...values, ...config, updatedAt: new Date() })
      .where(ofTenant(tenant, id))
      .returning({ id: accounts.id });
    if (!row) throw notFound('Integration account');
  } catch (error) {
    if (isUniqueViolation(error)) throw numberTaken(accountType);
    throw error;
  }
}

export async function deleteAccount(db: Database, tenant: Tenant, id: string): Promise<void> {
  const [row] = await db
    .delete(accounts)
    .where(ofTenant(tenant, id))
    .returning({ id: accounts.id });
  if (!row) throw notFound('Integration account');
}

/**
 * Stores a test's outcome, unless the credentials or number were edited while
 * it ran (the outcome is about values no longer saved). Returns whether it was stored.
 */
export async function storeTestOutcome(
  db: Database,
  tested: Pick<SealedAccount, 'id' | 'credentialsEncrypted' | 'phoneNumber'>,
  outcome: { status: 'active' | 'inactive'; lastError: string | null },
): Promise<boolean> {
  const now = new Date();
  const rows = await db
    .update(accounts)
    .set({ ...outcome, lastVerifiedAt: now, updatedAt: now })
    .where(
      and(
        eq(accounts.id, tested.id),
        eq(accounts.credentialsEncrypted, tested.credentialsEncrypted),
        tested.phoneNumber === null ? undefined : eq(accounts.phoneNumber, tested.phoneNumber),
      ),
    )
    .returning({ id: accounts.id });
  return rows.length > 0;
}
