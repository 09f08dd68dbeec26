import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/api-client.js';
import { expectError, expectFieldError } from '../helpers/expect-error.js';
import { createCompany, createTenants, createUser, login } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

type Role = 'company_admin' | 'support_agent';
type Member = {
  userId: string;
  email: string;
  name: string;
  role: Role;
  status: 'active' | 'invited';
  joinedAt: string;
};
type Me = {
  user: { id: string; email: string; name: string };
  memberships: Array<{ companyId: string; companyName: string; role: Role }>;
  activeCompany: null | { id: string; name: string; role: Role };
};
type AddBody = { member: Member; inviteUrl: string | null; emailed: boolean };
type ListBody = { members: Member[]; mailConfigured: boolean };

const BASE = '/api/company/members';
const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const GOOD_PASSWORD = 'a-long-enough-password';

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;

const newEmail = (label: string) => `${label}-${randomBytes(4).toString('hex')}@example.test`;

async function members(client: ApiClient): Promise<Member[]> {
  const res = await client.get<ListBody>(BASE);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.members;
}

async function me(client: ApiClient): Promise<Me> {
  const res = await client.get<Me>('/api/auth/me');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** A company of its own with one admin, for tests that reshape the membership. */
async function companyWithAdmin(name?: string) {
  const company = await createCompany(t.db, name ? { name } : {});
  const admin = await createUser(t.db, {
    memberships: [{ companyId: company.id, role: 'company_admin' }],
  });
  return { company, admin, client: await login(t, admin.email) };
}

const inviteToken = (inviteUrl: string) => {
  const match = /\/invite\/([^/?#]+)$/.exec(inviteUrl);
  if (!match?.[1]) throw new Error(`not an invite URL: ${inviteUrl}`);
  return match[1];
};

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t);
});
afterAll(() => t?.close());

describe('GET /api/company/members', () => {
  it("lists the active company's members to admins and agents alike", async () => {
    const { adminA, agentA, adminB } = tenants.users;
    for (const client of [tenants.as.adminA, tenants.as.agentA]) {
      const list = await members(client);
      expect(list).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            userId: adminA.id,
            email: adminA.email,
            role: 'company_admin',
            status: 'active',
          }),
          expect.objectContaining({
            userId: agentA.id,
            email: agentA.email,
            role: 'support_agent',
            status: 'active',
          }),
        ]),
      );
      expect(list.map((m) => m.userId)).not.toContain(adminB.id);
      expect(list.map((m) => m.userId)).not.toContain(tenants.users.master.id);
      expect(list[0]).not.toHaveProperty('passwordHash');
    }
  });
});

describe('POST /api/company/members', () => {
  it('invites a new email with a link that signs the person in to this company', async () => {
    const { company, client: admin } = await companyWithAdmin('Gamma Labs');
    const email = newEmail('new.person');
    const res = await admin.post<AddBody>(BASE, {
      email: email.toUpperCase(),
      role: 'support_agent',
      name: 'New Person',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.member).toMatchObject({ email, role: 'support_agent', status: 'invited' });
    expect(res.body.inviteUrl).toMatch(/^https?:\/\/[^/]+\/invite\/[A-Za-z0-9_-]{20,}$/);
    const token = inviteToken(res.body.inviteUrl ?? '');

    const listed = (await members(admin)).find((m) => m.email === email);
    expect(listed).toMatchObject({ role: 'support_agent', status: 'invited' });

    const invitee = t.client();
    const shown = await invitee.get(`/api/auth/invites/${token}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({ email, companyName: 'Gamma Labs', role: 'support_agent' });

    const short = await invitee.post(`/api/auth/invites/${token}/accept`, {
      name: 'New Person',
      password: 'short',
    });
    expect(expectFieldError(short, 'password').fields?.password).toMatch(/10/);

    const accepted = await invitee.post<Me>(`/api/auth/invites/${token}/accept`, {
      name: 'New Person',
      password: GOOD_PASSWORD,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.user).toMatchObject({ email, name: 'New Person' });
    expect(accepted.body.activeCompany).toMatchObject({ id: company.id, role: 'support_agent' });

    const after = await me(invitee);
    expect(after.activeCompany).toMatchObject({ id: company.id, role: 'support_agent' });
    expect((await members(invitee)).find((m) => m.email === email)?.status).toBe('active');
    expect((await members(admin)).find((m) => m.email === email)?.status).toBe('active');

    // The link is spent, and the new password works for a normal sign-in.
    expect((await invitee.get(`/api/auth/invites/${token}`)).status).toBe(404);
    await login(t, email, GOOD_PASSWORD);
  });

  it('keeps the invitation in step with the membership: new role shown, removal revokes it', async () => {
    const { company, client: admin } = await companyWithAdmin();
    const promoted = await admin.post<AddBody>(BASE, {
      email: newEmail('p'),
      role: 'support_agent',
    });
    const promotedToken = inviteToken(promoted.body.inviteUrl ?? '');
    const patch = await admin.patch(`${BASE}/${promoted.body.member.userId}`, {
      role: 'company_admin',
    });
    expect(patch.status).toBe(200);
    const shown = await t.client().get(`/api/auth/invites/${promotedToken}`);
    expect(shown.body).toMatchObject({ role: 'company_admin' });
    const accepted = await t.client().post<Me>(`/api/auth/invites/${promotedToken}/accept`, {
      name: 'Promoted',
      password: GOOD_PASSWORD,
    });
    expect(accepted.body.activeCompany).toMatchObject({ id: company.id, role: 'company_admin' });

    const revoked = await admin.post<AddBody>(BASE, {
      email: newEmail('r'),
      role: 'support_agent',
    });
    const revokedToken = inviteToken(revoked.body.inviteUrl ?? '');
    expect((await admin.delete(`${BASE}/${revoked.body.member.userId}`)).status).toBe(204);
    const outsider = t.client();
    expectError(await outsider.get(`/api/auth/invites/${revokedToken}`), 404, 'not_found');
    expectError(
      await outsider.post(`/api/auth/invites/${revokedToken}/accept`, {
        name: 'Revoked',
        password: GOOD_PASSWORD,
      }),
      404,
      'not_found',
    );
    expectError(await outsider.get('/api/auth/me'), 401, 'unauthorized');
  });

  it('invites an existing user of another company, who joins by accepting signed in and can then switch', async () => {
    const gamma = await companyWithAdmin('Gamma Labs');
    const delta = await companyWithAdmin('Delta Works');
    const res = await gamma.client.post<AddBody>(BASE, {
      email: delta.admin.email,
      role: 'support_agent',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.member).toMatchObject({
      userId: delta.admin.id,
      role: 'support_agent',
      status: 'invited',
      name: '',
    });
    // Nothing is granted before they accept.
    expect((await me(delta.client)).memberships).toHaveLength(1);
    expectError(
      await delta.client.post('/api/auth/active-company', { companyId: gamma.company.id }),
      404,
      'not_found',
    );

    const token = inviteToken(res.body.inviteUrl ?? '');
    const accepted = await delta.client.post<Me>(`/api/auth/invites/${token}/accept`, {});
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.activeCompany).toMatchObject({
      id: gamma.company.id,
      role: 'support_agent',
    });
    expect((await members(gamma.client)).find((m) => m.userId === delta.admin.id)).toMatchObject({
      status: 'active',
      name: delta.admin.name,
    });

    const seen = await me(delta.client);
    expect(seen.memberships).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ companyId: gamma.company.id, role: 'support_agent' }),
        expect.objectContaining({ companyId: delta.company.id, role: 'company_admin' }),
      ]),
    );
    expect(seen.memberships).toHaveLength(2);
    expect((await members(delta.client)).map((m) => m.userId)).toContain(gamma.admin.id);
    // In Gamma they are only an agent.
    expectError(
      await delta.client.post(BASE, { email: newEmail('x'), role: 'support_agent' }),
      403,
      'forbidden',
    );

    const toDelta = await delta.client.post<Me>('/api/auth/active-company', {
      companyId: delta.company.id,
    });
    expect(toDelta.body.activeCompany).toMatchObject({
      id: delta.company.id,
      role: 'company_admin',
    });
    expect((await members(delta.client)).map((m) => m.userId)).not.toContain(gamma.admin.id);
  });

  it('answers 409 for someone who is already a member, invited or active', async () => {
    const admin = tenants.as.adminA;
    const agent = await admin.post(BASE, {
      email: tenants.users.agentA.email,
      role: 'company_admin',
    });
    expectError(agent, 409, 'conflict');

    const email = newEmail('twice');
    expect((await admin.post(BASE, { email, role: 'support_agent' })).status).toBe(201);
    expectError(await admin.post(BASE, { email, role: 'support_agent' }), 409, 'conflict');

    const list = await members(admin);
    expect(list.filter((m) => m.email === email)).toHaveLength(1);
    expect(list.find((m) => m.userId === tenants.users.agentA.id)?.role).toBe('support_agent');
  });

  it.each([
    [['email', 'role'], {}],
    [['email'], { email: 'not-an-email', role: 'support_agent' }],
    [['role'], { email: 'someone@example.test', role: 'owner' }],
    [['name'], { email: 'someone@example.test', role: 'support_agent', name: 'x'.repeat(200) }],
  ])('rejects %j with 400 and adds nobody', async (fields, body) => {
    const before = await members(tenants.as.adminA);
    expectFieldError(await tenants.as.adminA.post(BASE, body), ...fields);
    expect(await members(tenants.as.adminA)).toEqual(before);
  });

  it('rejects malformed JSON with 400 and keeps serving', async () => {
    expectError(await tenants.as.adminA.post(BASE, '{"email": "x@'), 400, 'bad_request');
    expect((await tenants.as.adminA.get(BASE)).status).toBe(200);
  });
});

describe('PATCH /api/company/members/:userId', () => {
  it('changes a role, as a later GET shows', async () => {
    const { client: admin } = await companyWithAdmin();
    const added = await admin.post<AddBody>(BASE, {
      email: newEmail('agent'),
      role: 'support_agent',
    });
    const userId = added.body.member.userId;

    const promoted = await admin.patch<{ member: Member }>(`${BASE}/${userId}`, {
      role: 'company_admin',
    });
    expect(promoted.status, JSON.stringify(promoted.body)).toBe(200);
    expect(promoted.body.member).toMatchObject({ userId, role: 'company_admin' });
    expect((await members(admin)).find((m) => m.userId === userId)?.role).toBe('company_admin');

    const demoted = await admin.patch<{ member: Member }>(`${BASE}/${userId}`, {
      role: 'support_agent',
    });
    expect(demoted.status).toBe(200);
    expect((await members(admin)).find((m) => m.userId === userId)?.role).toBe('support_agent');
  });

  it('refuses to demote the last company admin, and allows it once there is another', async () => {
    const { admin, client } = await companyWithAdmin();
    const demote = await client.patch(`${BASE}/${admin.id}`, { role: 'support_agent' });
    expectError(demote, 409, 'conflict');
    expect((await members(client)).find((m) => m.userId === admin.id)?.role).toBe('company_admin');

    const other = await client.post<AddBody>(BASE, {
      email: newEmail('admin2'),
      role: 'company_admin',
    });
    expect(other.status).toBe(201);
    // A pending invitation is not an admin yet.
    expectError(
      await client.patch(`${BASE}/${admin.id}`, { role: 'support_agent' }),
      409,
      'conflict',
    );
    const joined = await t
      .client()
      .post(`/api/auth/invites/${inviteToken(other.body.inviteUrl ?? '')}/accept`, {
        name: 'Second Admin',
        password: GOOD_PASSWORD,
      });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    const ok = await client.patch(`${BASE}/${admin.id}`, { role: 'support_agent' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await members(client)).find((m) => m.userId === admin.id)?.role).toBe('support_agent');
  });

  it('answers 400 for a bad role or user id, 404 for a non-member', async () => {
    const admin = tenants.as.adminA;
    const agentId = tenants.users.agentA.id;
    expectFieldError(await admin.patch(`${BASE}/${agentId}`, { role: 'boss' }), 'role');
    expectFieldError(await admin.patch(`${BASE}/${agentId}`, {}), 'role');
    expectFieldError(await admin.patch(`${BASE}/not-a-uuid`, { role: 'support_agent' }), 'userId');
    expectError(
      await admin.patch(`${BASE}/${MISSING_ID}`, { role: 'support_agent' }),
      404,
      'not_found',
    );
    expect((await members(admin)).find((m) => m.userId === agentId)?.role).toBe('support_agent');
  });

  it('rejects malformed JSON with 400 and keeps serving', async () => {
    const url = `${BASE}/${tenants.users.agentA.id}`;
    expectError(await tenants.as.adminA.patch(url, '{"role": company_admin}'), 400, 'bad_request');
    const list = await members(tenants.as.adminA);
    expect(list.find((m) => m.userId === tenants.users.agentA.id)?.role).toBe('support_agent');
  });
});

describe('DELETE /api/company/members/:userId', () => {
  it("removes a member's access to the company", async () => {
    const { client: admin } = await companyWithAdmin();
    const leaver = await createUser(t.db);
    const added = await admin.post<AddBody>(BASE, { email: leaver.email, role: 'support_agent' });
    expect(added.status).toBe(201);
    const leaverClient = await login(t, leaver.email);
    const token = inviteToken(added.body.inviteUrl ?? '');
    expect((await leaverClient.post(`/api/auth/invites/${token}/accept`, {})).status).toBe(200);
    expect((await leaverClient.get(BASE)).status).toBe(200);

    expect((await admin.delete(`${BASE}/${leaver.id}`)).status).toBe(204);
    expect((await members(admin)).map((m) => m.userId)).not.toContain(leaver.id);
    expectError(await leaverClient.get(BASE), 409, 'no_active_company');
    expect((await me(leaverClient)).memberships).toEqual([]);
    expectError(await admin.delete(`${BASE}/${leaver.id}`), 404, 'not_found');
  });

  it('leaves a removed user only their other companies', async () => {
    const gamma = await companyWithAdmin();
    const delta = await companyWithAdmin();
    const user = await createUser(t.db, {
      memberships: [
        { companyId: gamma.company.id, role: 'support_agent' },
        { companyId: delta.company.id, role: 'support_agent' },
      ],
    });
    const client = await login(t, user.email);
    const switched = await client.post('/api/auth/active-company', { companyId: gamma.company.id });
    expect(switched.status).toBe(200);

    expect((await gamma.client.delete(`${BASE}/${user.id}`)).status).toBe(204);
    const after = await me(client);
    expect(after.memberships.map((m) => m.companyId)).toEqual([delta.company.id]);
    expect(after.activeCompany?.id).toBe(delta.company.id);
    const list = await members(client);
    expect(list.map((m) => m.userId)).toContain(delta.admin.id);
    expect(list.map((m) => m.userId)).not.toContain(gamma.admin.id);
    expectError(
      await client.post('/api/auth/active-company', { companyId: gamma.company.id }),
      404,
      'not_found',
    );
  });

  it('refuses to remove the last company admin', async () => {
    const { admin, client } = await companyWithAdmin();
    expectError(await client.delete(`${BASE}/${admin.id}`), 409, 'conflict');
    expect((await members(client)).map((m) => m.userId)).toEqual([admin.id]);
  });

  it('answers 400 for a malformed user id', async () => {
    expectFieldError(await tenants.as.adminA.delete(`${BASE}/nope`), 'userId');
  });
});

describe('member access control', () => {
  it('answers 401 without a session', async () => {
    const anonymous = tenants.as.anonymous;
    const url = `${BASE}/${tenants.users.agentA.id}`;
    for (const res of [
      await anonymous.get(BASE),
      await anonymous.post(BASE, { email: newEmail('anon'), role: 'company_admin' }),
      await anonymous.patch(url, { role: 'company_admin' }),
      await anonymous.delete(url),
    ]) {
      expectError(res, 401, 'unauthorized');
    }
    expect(
      (await members(tenants.as.adminA)).find((m) => m.userId === tenants.users.agentA.id),
    ).toMatchObject({ role: 'support_agent' });
  });

  it('refuses writes to a support agent', async () => {
    const agent = tenants.as.agentA;
    const before = await members(tenants.as.adminA);
    for (const res of [
      await agent.post(BASE, { email: newEmail('by-agent'), role: 'company_admin' }),
      await agent.patch(`${BASE}/${tenants.users.agentA.id}`, { role: 'company_admin' }),
      await agent.delete(`${BASE}/${tenants.users.adminA.id}`),
    ]) {
      expectError(res, 403, 'forbidden');
    }
    expect(await members(tenants.as.adminA)).toEqual(before);
  });

  it("answers 404 when another company's admin changes or removes a member", async () => {
    const before = await members(tenants.as.adminA);
    const intruder = tenants.as.adminB;
    expectError(
      await intruder.patch(`${BASE}/${tenants.users.agentA.id}`, { role: 'company_admin' }),
      404,
      'not_found',
    );
    expectError(await intruder.delete(`${BASE}/${tenants.users.agentA.id}`), 404, 'not_found');
    expectError(await intruder.delete(`${BASE}/${tenants.users.adminA.id}`), 404, 'not_found');
    expect(await members(tenants.as.adminA)).toEqual(before);
    expect((await members(intruder)).map((m) => m.userId)).toEqual([tenants.users.adminB.id]);
  });
});
