import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { hashPassword } from '../../src/server/auth/password.js';
import type { Database } from '../../src/server/db/client.js';
import { aiModels, companies, companyMembers, users } from '../../src/server/db/schema/index.js';
import type { CompanyRole } from '../../src/shared/domain.js';
import type { ApiClient } from './api-client.js';
import type { TestApp } from './test-app.js';

export const TEST_PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;

const unique = () => randomBytes(4).toString('hex');

export async function createCompany(
  db: Database,
  options: { name?: string; callEnabled?: boolean } = {},
) {
  const name = options.name ?? `Company ${unique()}`;
  const [company] = await db
    .insert(companies)
    .values({
      name,
      slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${unique()}`,
      settings: {
        features: { callEnabled: options.callEnabled ?? false },
        limits: { maxConcurrentCalls: 5 },
      },
    })
    .returning();
  if (!company) throw new Error('company insert failed');
  return company;
}

export async function createUser(
  db: Database,
  options: {
    isMasterAdmin?: boolean;
    memberships?: Array<{ companyId: string; role: CompanyRole }>;
    email?: string;
  } = {},
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = options.email ?? `user-${unique()}@example.test`;
  const [user] = await db
    .insert(users)
    .values({
      email,
      name: `User ${email.split('@')[0]}`,
      passwordHash: await passwordHash,
      isMasterAdmin: options.isMasterAdmin ?? false,
    })
    .returning();
  if (!user) throw new Error('user insert failed');
  for (const membership of options.memberships ?? []) {
    await db.insert(companyMembers).values({ ...membership, userId: user.id });
  }
  return user;
}

export async function login(
  t: TestApp,
  email: string,
  password = TEST_PASSWORD,
): Promise<ApiClient> {
  const client = t.client();
  const response = await client.post('/api/auth/login', { email, password });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return client;
}

/**
 * Two companies, each with an admin and an agent, plus a master admin: what
 * every route group's security tests need.
 */
export async function createTenants(t: TestApp, options: { callEnabled?: boolean } = {}) {
  const companyA = await createCompany(t.db, { name: 'Alpha Dental', ...options });
  const companyB = await createCompany(t.db, { name: 'Beta Clinic', ...options });
  const adminA = await createUser(t.db, {
    memberships: [{ companyId: companyA.id, role: 'company_admin' }],
  });
  const agentA = await createUser(t.db, {
    memberships: [{ companyId: companyA.id, role: 'support_agent' }],
  });
  const adminB = await createUser(t.db, {
    memberships: [{ companyId: companyB.id, role: 'company_admin' }],
  });
  const master = await createUser(t.db, { isMasterAdmin: true });
  return {
    companyA,
    companyB,
    users: { adminA, agentA, adminB, master },
    as: {
      adminA: await login(t, adminA.email),
      agentA: await login(t, agentA.email),
      adminB: await login(t, adminB.email),
      master: await login(t, master.email),
      anonymous: t.client(),
    },
  };
}

/** The ai_models.id of a model the catalog seeds, by its provider model id (`gpt-realtime`). */
export async function seededModelId(db: Database, modelId: string): Promise<string> {
  const [model] = await db
    .select({ id: aiModels.id })
    .from(aiModels)
    .where(eq(aiModels.modelId, modelId));
  if (!model) throw new Error(`seeded model ${modelId} missing`);
  return model.id;
}
