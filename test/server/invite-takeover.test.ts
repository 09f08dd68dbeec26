import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/api-client.js';
import { expectError } from '../helpers/expect-error.js';
import { createCompany, createTenants, createUser, login } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// The account-takeover report (issue 14), step by step, without a mail server:
// an invitation grants its own company and nothing else, and an existing
// account joins only by accepting while signed in.

type Role = 'company_admin' | 'support_agent';
type Me = {
  user: { id: string; email: string; name: string };
  memberships: Array<{ companyId: string; role: Role }>;
  activeCompany: null | { id: string; role: Role };
};
type Member = { userId: string; email: string; name: string; role: Role; status: string };
type Invited = { member: Member; inviteUrl: string | null; emailed: boolean };
type Created = {
  company: { id: string; memberCount: number };
  invite: { email: string; inviteUrl: string | null; emailed: boolean };
};

const PASSWORD = 'attacker-chosen-password';
const OTHER_PASSWORD = 'genuine-owner-password';

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;

const email = (label: string) => `${label}-${randomBytes(4).toString('hex')}@delta.test`;
const tokenOf = (url: string | null) => {
  const token = /\/invite\/([A-Za-z0-9_-]+)$/.exec(url ?? '')?.[1];
  if (!token) throw new Error(`not an invite URL: ${url}`);
  return token;
};

async function inviteToA(address: string, role: Role = 'support_agent') {
  const res = await tenants.as.adminA.post<Invited>('/api/company/members', {
    email: address,
    role,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return tokenOf(res.body.inviteUrl);
}

async function masterCreates(name: string, adminEmail: string) {
  const res = await tenants.as.master.post<Created>('/api/master/companies', {
    name: `${name} ${randomBytes(3).toString('hex')}`,
    admin: { email: adminEmail },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function me(client: ApiClient) {
  const res = await client.get<Me>('/api/auth/me');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** The master acts as admin of any company: its member list, as that company sees it. */
async function membersOf(companyId: string) {
  const master = tenants.as.master;
  expect((await master.post('/api/auth/active-company', { companyId })).status).toBe(200);
  const res = await master.get<{ members: Member[] }>('/api/company/members');
  expect(res.status).toBe(200);
  return res.body.members;
}

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t);
});
afterAll(() => t?.close());

describe('account takeover through invitations', () => {
  it('steps 1-4: an account made from company A’s link never becomes admin of Delta', async () => {
    const cfo = email('cfo');
    // 1-2. A's admin holds the link (no mail server) and accepts it: only A, as invited.
    const attacker = t.client();
    const accepted = await attacker.post<Me>(`/api/auth/invites/${await inviteToA(cfo)}/accept`, {
      name: 'Real CFO',
      password: PASSWORD,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.memberships).toEqual([
      expect.objectContaining({ companyId: tenants.companyA.id, role: 'support_agent' }),
    ]);

    // 3. The master names the existing account as Delta's admin: an invitation, no membership.
    const delta = await masterCreates('Delta', cfo);
    expect(delta.invite).toMatchObject({ email: cfo, emailed: false });
    const deltaToken = tokenOf(delta.invite.inviteUrl);
    expect(delta.company.memberCount).toBe(0);
    expect(await membersOf(delta.company.id)).toEqual([
      expect.objectContaining({ email: cfo, role: 'company_admin', status: 'invited' }),
    ]);

    // 4. The attacker's account is not in Delta and cannot switch to it.
    expect((await me(attacker)).memberships.map((m) => m.companyId)).toEqual([tenants.companyA.id]);
    expectError(
      await attacker.post('/api/auth/active-company', { companyId: delta.company.id }),
      404,
      'not_found',
    );
    const relogged = await login(t, cfo, PASSWORD);
    expect((await me(relogged)).memberships.map((m) => m.companyId)).toEqual([tenants.companyA.id]);

    // Delta's link cannot (re)set the existing account's password, signed out or in as someone else.
    for (const client of [t.client(), tenants.as.agentA]) {
      expectError(
        await client.post(`/api/auth/invites/${deltaToken}/accept`, {
          name: 'Someone',
          password: OTHER_PASSWORD,
        }),
        403,
        'sign_in_required',
      );
    }
    expectError(
      await t.client().post('/api/auth/login', { email: cfo, password: OTHER_PASSWORD }),
      401,
      'unauthorized',
    );
    // The link is still pending for its rightful holder, who must sign in as that account.
    expect((await t.client().get(`/api/auth/invites/${deltaToken}`)).status).toBe(200);
  });

  it('variant: accepting A’s invitation neither grants E nor spends E’s link', async () => {
    const ceo = email('ceo');
    const e = await masterCreates('Epsilon', ceo);
    const eToken = tokenOf(e.invite.inviteUrl);
    const aToken = await inviteToA(ceo);

    const attacker = t.client();
    const accepted = await attacker.post<Me>(`/api/auth/invites/${aToken}/accept`, {
      name: 'Not the CEO',
      password: PASSWORD,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.activeCompany).toMatchObject({ id: tenants.companyA.id });
    expect(accepted.body.memberships.map((m) => m.companyId)).toEqual([tenants.companyA.id]);
    expectError(
      await attacker.post('/api/auth/active-company', { companyId: e.company.id }),
      404,
      'not_found',
    );

    // E's link is still valid for E, and still only an invitation.
    const shown = await t.client().get(`/api/auth/invites/${eToken}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ email: ceo, role: 'company_admin' });
    expect(await membersOf(e.company.id)).toEqual([
      expect.objectContaining({ email: ceo, status: 'invited' }),
    ]);
    expect((await t.client().get(`/api/auth/invites/${aToken}`)).status).toBe(404);
  });

  it('two invitations of one new email: the first accepted creates the account, the other then needs it signed in', async () => {
    const person = email('twice');
    const aToken = await inviteToA(person);
    const b = await tenants.as.adminB.post<Invited>('/api/company/members', {
      email: person,
      role: 'company_admin',
    });
    const bToken = tokenOf(b.body.inviteUrl);

    const [first, second] = await Promise.all([
      t.client().post(`/api/auth/invites/${aToken}/accept`, { name: 'A', password: PASSWORD }),
      t
        .client()
        .post(`/api/auth/invites/${bToken}/accept`, { name: 'B', password: OTHER_PASSWORD }),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses, JSON.stringify([first.body, second.body])).toEqual([200, 403]);
    const winner = first.status === 200 ? PASSWORD : OTHER_PASSWORD;
    const loser = winner === PASSWORD ? OTHER_PASSWORD : PASSWORD;
    const pendingToken = first.status === 200 ? bToken : aToken;

    expectError(
      await t.client().post('/api/auth/login', { email: person, password: loser }),
      401,
      'unauthorized',
    );
    const owner = await login(t, person, winner);
    expect((await me(owner)).memberships).toHaveLength(1);
    // The owner accepts the other one signed in; the token sets no password.
    const joined = await owner.post<Me>(`/api/auth/invites/${pendingToken}/accept`, {
      name: 'Ignored',
      password: loser,
    });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    expect(joined.body.memberships).toHaveLength(2);
    await login(t, person, winner);
  });

  it('an invitation is single-use even when accepted twice at once', async () => {
    const holder = await createUser(t.db);
    const client = await login(t, holder.email);
    const token = await inviteToA(holder.email);
    const results = await Promise.all([
      client.post(`/api/auth/invites/${token}/accept`, {}),
      client.post(`/api/auth/invites/${token}/accept`, {}),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 404]);
  });
});

describe('POST /api/company/members for an existing account', () => {
  it('answers exactly as for a new email: no account name, no hint', async () => {
    const existing = await tenants.as.adminA.post<Invited>('/api/company/members', {
      email: tenants.users.master.email,
      role: 'support_agent',
    });
    const fresh = await tenants.as.adminA.post<Invited>('/api/company/members', {
      email: email('nobody'),
      role: 'support_agent',
    });
    for (const res of [existing, fresh]) {
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(['emailed', 'inviteUrl', 'member']);
      expect(Object.keys(res.body.member).sort()).toEqual(
        ['email', 'joinedAt', 'name', 'role', 'status', 'userId'].sort(),
      );
      expect(res.body.member).toMatchObject({ name: '', status: 'invited', joinedAt: null });
      expect(res.body.inviteUrl).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
    }
    expect(JSON.stringify(existing.body)).not.toContain(tenants.users.master.name);
    const listed = await tenants.as.adminA.get<{ members: Member[] }>('/api/company/members');
    expect(JSON.stringify(listed.body)).not.toContain(tenants.users.master.name);
  });

  it('never changes where the invited user lands after signing in', async () => {
    // Named to sort before their own company, which used to make it their default.
    const aaa = await createCompany(t.db, { name: 'Aaa First Alphabetically' });
    const inviter = await createUser(t.db, {
      memberships: [{ companyId: aaa.id, role: 'company_admin' }],
    });
    const ownerB = tenants.users.adminB;
    const res = await (await login(t, inviter.email)).post<Invited>('/api/company/members', {
      email: ownerB.email,
      role: 'support_agent',
    });
    expect(res.status).toBe(201);
    const signedIn = await login(t, ownerB.email);
    expect((await me(signedIn)).activeCompany?.id).toBe(tenants.companyB.id);
    expect((await me(signedIn)).memberships).toHaveLength(1);

    const accepted = await signedIn.post<Me>(
      `/api/auth/invites/${tokenOf(res.body.inviteUrl)}/accept`,
      {},
    );
    expect(accepted.status).toBe(200);
    // This browser switched to the company just joined; a new sign-in still lands at home.
    expect(accepted.body.activeCompany?.id).toBe(aaa.id);
    const later = await me(await login(t, ownerB.email));
    expect(later.memberships).toHaveLength(2);
    expect(later.activeCompany?.id).toBe(tenants.companyB.id);
  });
});
