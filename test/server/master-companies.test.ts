import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/api-client.js';
import { expectError, expectFieldError, expectServerStillServes } from '../helpers/expect-error.js';
import { createCompany, createTenants, createUser, login } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

type Company = {
  id: string;
  name: string;
  slug: string;
  isActive: boolean;
  settings: { features: { callEnabled: boolean }; limits: { maxConcurrentCalls: number } };
  memberCount: number;
  chatbotCount: number;
  createdAt: string;
};
type CompanyBody = { company: Company };
type CreateBody = CompanyBody & {
  invite?: { email: string; inviteUrl: string | null; emailed: boolean };
};
type MeBody = {
  user: { id: string; email: string; name: string; isMasterAdmin: boolean };
  memberships: Array<{ companyId: string; role: string; features: { callEnabled: boolean } }>;
  activeCompany: null | {
    id: string;
    name: string;
    slug: string;
    role: string;
    features: { callEnabled: boolean };
  };
};

type Tenants = Awaited<ReturnType<typeof createTenants>>;

const suffix = () => randomUUID().slice(0, 8);

describe('/api/master/companies', () => {
  let t: TestApp;
  let tenants: Tenants;
  let master: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    tenants = await createTenants(t);
    master = tenants.as.master;
  });
  afterAll(() => t.close());

  const listAll = async () => {
    const res = await master.get<{ companies: Company[] }>('/api/master/companies');
    expect(res.status).toBe(200);
    return res.body.companies;
  };

  const createViaApi = async (body: Record<string, unknown>) => {
    const res = await master.post<CreateBody>('/api/master/companies', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  describe('GET /api/master/companies', () => {
    it('lists every company with its settings and counts', async () => {
      const res = await master.get<{ companies: Company[] }>('/api/master/companies');
      expect(res.status).toBe(200);
      const alpha = res.body.companies.find((c) => c.id === tenants.companyA.id);
      const beta = res.body.companies.find((c) => c.id === tenants.companyB.id);
      expect(alpha).toMatchObject({
        name: 'Alpha Dental',
        slug: tenants.companyA.slug,
        isActive: true,
        settings: { features: { callEnabled: false }, limits: { maxConcurrentCalls: 5 } },
        memberCount: 2,
        chatbotCount: 0,
      });
      expect(Number.isNaN(Date.parse(alpha?.createdAt ?? ''))).toBe(false);
      expect(beta).toMatchObject({ name: 'Beta Clinic', memberCount: 1, chatbotCount: 0 });
    });

    it("counts each company's own chatbots", async () => {
      for (const name of ['Front desk', 'After hours']) {
        const res = await tenants.as.adminB.post('/api/company/chatbots', {
          name,
          chatbotType: 'chat',
        });
        expect(res.status).toBe(201);
      }
      const res = await master.get<{ companies: Company[] }>('/api/master/companies');
      const byId = new Map(res.body.companies.map((c) => [c.id, c]));
      expect(byId.get(tenants.companyB.id)?.chatbotCount).toBe(2);
      expect(byId.get(tenants.companyA.id)?.chatbotCount).toBe(0);
      const one = await master.get<{ company: Company }>(
        `/api/master/companies/${tenants.companyB.id}`,
      );
      expect(one.body.company.chatbotCount).toBe(2);
    });
  });

  describe('POST /api/master/companies', () => {
    it('creates a company with a slug derived from the name and default settings', async () => {
      const id = suffix();
      const name = `Café Délice ${id}`;
      const { company, invite } = await createViaApi({ name });
      expect(invite).toBeUndefined();
      expect(company).toMatchObject({
        name,
        slug: `cafe-delice-${id}`,
        isActive: true,
        memberCount: 0,
        chatbotCount: 0,
        settings: { features: { callEnabled: false }, limits: { maxConcurrentCalls: 5 } },
      });

      const fetched = await master.get<CompanyBody>(`/api/master/companies/${company.id}`);
      expect(fetched.status).toBe(200);
      expect(fetched.body.company).toEqual(company);
      const list = await master.get<{ companies: Company[] }>('/api/master/companies');
      expect(list.body.companies.map((c) => c.id)).toContain(company.id);
    });

    it('derives a slug from a long name that is itself a valid slug', async () => {
      // The cut at 50 characters lands right after a word, where a dash would be left dangling.
      const name = `${'a'.repeat(49)} ${suffix()}`;
      const { company } = await createViaApi({ name });
      expect(company.slug).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/);
      const resubmitted = await master.patch<CompanyBody>(`/api/master/companies/${company.id}`, {
        slug: company.slug,
      });
      expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
    });

    it('keeps an explicit slug, normalised to lower case', async () => {
      const slug = `Explicit-Slug-${suffix()}`;
      const { company } = await createViaApi({ name: 'Explicit Slug Co', slug });
      expect(company.slug).toBe(slug.toLowerCase());
    });

    it('invites the first admin, whose invite link signs them in as company admin', async () => {
      const email = `founder-${suffix()}@example.test`;
      const { company, invite } = await createViaApi({
        name: `Invited Co ${suffix()}`,
        admin: { email: email.toUpperCase(), name: 'Nora Founder' },
      });
      // A pending invitation is not a member yet.
      expect(company.memberCount).toBe(0);
      expect(invite?.email).toBe(email);
      expect(invite?.emailed).toBe(false);
      expect(invite?.inviteUrl).toMatch(/^https?:\/\/.+\/invite\/[^/]+$/);
      const token = new URL(invite?.inviteUrl ?? '').pathname.split('/').pop() ?? '';

      const newcomer = t.client();
      const preview = await newcomer.get(`/api/auth/invites/${token}`);
      expect(preview.status).toBe(200);
      expect(preview.body).toEqual({ email, companyName: company.name, role: 'company_admin' });

      const accepted = await newcomer.post<MeBody>(`/api/auth/invites/${token}/accept`, {
        name: 'Nora Founder',
        password: 'a-long-enough-password',
      });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      expect(accepted.body.user).toMatchObject({
        email,
        name: 'Nora Founder',
        isMasterAdmin: false,
      });
      expect(accepted.body.activeCompany).toMatchObject({ id: company.id, role: 'company_admin' });

      const me = await newcomer.get<MeBody>('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.activeCompany).toMatchObject({
        id: company.id,
        name: company.name,
        slug: company.slug,
        role: 'company_admin',
      });
      expect(me.body.memberships).toEqual([expect.objectContaining({ companyId: company.id })]);

      // The new admin can use company endpoints and can sign in again with the new password.
      const members = await newcomer.get<{ members: Array<{ email: string; role: string }> }>(
        '/api/company/members',
      );
      expect(members.status).toBe(200);
      expect(members.body.members).toEqual([
        expect.objectContaining({ email, role: 'company_admin' }),
      ]);
      await login(t, email, 'a-long-enough-password');

      // An invitation works once.
      const reused = await t.client().get(`/api/auth/invites/${token}`);
      expectError(reused, 404, 'not_found');
    });

    it('invites an existing account, which becomes admin only by accepting signed in', async () => {
      const existing = await createUser(t.db);
      const existingClient = await login(t, existing.email);
      const { company, invite } = await createViaApi({
        name: `Existing Admin Co ${suffix()}`,
        admin: { email: existing.email },
      });
      expect(company.memberCount).toBe(0);
      expect(invite).toMatchObject({ email: existing.email, emailed: false });
      const token = new URL(invite?.inviteUrl ?? '').pathname.split('/').pop() ?? '';
      const before = await existingClient.get<MeBody>('/api/auth/me');
      expect(before.body.memberships.map((m) => m.companyId)).not.toContain(company.id);

      const accepted = await existingClient.post<MeBody>(`/api/auth/invites/${token}/accept`, {});
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      const me = await existingClient.get<MeBody>('/api/auth/me');
      expect(me.body.memberships).toContainEqual(
        expect.objectContaining({ companyId: company.id, role: 'company_admin' }),
      );
      const fetched = await master.get<CompanyBody>(`/api/master/companies/${company.id}`);
      expect(fetched.body.company.memberCount).toBe(1);
    });

    it('refuses a chosen slug that is taken, and suffixes a derived one', async () => {
      const explicit = await master.post('/api/master/companies', {
        name: 'Copycat',
        slug: tenants.companyA.slug,
      });
      expectError(explicit, 409, 'conflict');

      const name = `Twin Name ${suffix()}`;
      await createViaApi({ name });
      const derived = await master.post<{ company: Company }>('/api/master/companies', { name });
      expect(derived.status).toBe(201);

      const list = await master.get<{ companies: Company[] }>('/api/master/companies');
      expect(list.body.companies.filter((c) => c.name === 'Copycat')).toEqual([]);
      const twins = list.body.companies.filter((c) => c.name === name);
      expect(twins).toHaveLength(2);
      expect(new Set(twins.map((c) => c.slug)).size).toBe(2);
      expect(derived.body.company.slug).toMatch(/^twin-name-[0-9a-f]+-[0-9a-f]{6}$/);
    });

    it.each([
      ['name', {}],
      ['name', { name: '' }],
      ['name', { name: '   ' }],
      ['name', { name: 'x'.repeat(121) }],
      ['name', { name: 42 }],
      ['slug', { name: 'Bad Slug', slug: 'bad slug!' }],
      ['slug', { name: 'Bad Slug', slug: '-leading-dash' }],
      ['slug', { name: 'Bad Slug', slug: '' }],
      ['admin.email', { name: 'Bad Admin', admin: { email: 'not-an-email' } }],
      ['admin.email', { name: 'Bad Admin', admin: {} }],
    ])('answers 400 naming %s for %j', async (field, body) => {
      const before = await master.get<{ companies: Company[] }>('/api/master/companies');
      const res = await master.post('/api/master/companies', body);
      expectFieldError(res, field);
      const after = await master.get<{ companies: Company[] }>('/api/master/companies');
      expect(after.body.companies).toHaveLength(before.body.companies.length);
    });

    it('answers 400 to malformed JSON and keeps serving', async () => {
      const res = await master.post('/api/master/companies', '{"name": "Broken');
      expectError(res, 400, 'bad_request');
      await expectServerStillServes(master);
      expect((await listAll()).length).toBeGreaterThan(0);
    });
  });

  describe('GET /api/master/companies/:id', () => {
    it('returns one company', async () => {
      const res = await master.get<CompanyBody>(`/api/master/companies/${tenants.companyB.id}`);
      expect(res.status).toBe(200);
      expect(res.body.company).toMatchObject({
        id: tenants.companyB.id,
        name: 'Beta Clinic',
        slug: tenants.companyB.slug,
        memberCount: 1,
      });
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      expectError(await master.get(`/api/master/companies/${randomUUID()}`), 404, 'not_found');
      expectFieldError(await master.get('/api/master/companies/not-a-uuid'), 'id');
    });
  });

  describe('PATCH /api/master/companies/:id', () => {
    it('renames a company, which its members see', async () => {
      const company = await createCompany(t.db, { name: 'Rename Me' });
      const admin = await createUser(t.db, {
        memberships: [{ companyId: company.id, role: 'company_admin' }],
      });
      const adminClient = await login(t, admin.email);
      const newSlug = `renamed-${suffix()}`;

      const res = await master.patch<CompanyBody>(`/api/master/companies/${company.id}`, {
        name: 'Renamed Co',
        slug: newSlug,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.company).toMatchObject({ id: company.id, name: 'Renamed Co', slug: newSlug });

      const fetched = await master.get<CompanyBody>(`/api/master/companies/${company.id}`);
      expect(fetched.body.company).toMatchObject({ name: 'Renamed Co', slug: newSlug });
      const me = await adminClient.get<MeBody>('/api/auth/me');
      expect(me.body.activeCompany).toMatchObject({ name: 'Renamed Co', slug: newSlug });
    });

    it('deactivates and reactivates a company; its members lose and regain access', async () => {
      const company = await createCompany(t.db, { name: 'Paused Co' });
      const admin = await createUser(t.db, {
        memberships: [{ companyId: company.id, role: 'company_admin' }],
      });
      const adminClient = await login(t, admin.email);

      const off = await master.patch<CompanyBody>(`/api/master/companies/${company.id}`, {
        isActive: false,
      });
      expect(off.status).toBe(200);
      expect(off.body.company).toMatchObject({ isActive: false, name: 'Paused Co' });
      const meOff = await adminClient.get<MeBody>('/api/auth/me');
      expect(meOff.body.activeCompany).toBeNull();
      expect(meOff.body.memberships).toEqual([]);
      expectError(await adminClient.get('/api/company/members'), 409, 'no_active_company');

      const on = await master.patch<CompanyBody>(`/api/master/companies/${company.id}`, {
        isActive: true,
      });
      expect(on.body.company.isActive).toBe(true);
      const meOn = await adminClient.get<MeBody>('/api/auth/me');
      expect(meOn.body.activeCompany).toMatchObject({ id: company.id, role: 'company_admin' });
    });

    it('accepts an empty patch and changes nothing', async () => {
      const before = await master.get<CompanyBody>(`/api/master/companies/${tenants.companyB.id}`);
      const res = await master.patch<CompanyBody>(
        `/api/master/companies/${tenants.companyB.id}`,
        {},
      );
      expect(res.status).toBe(200);
      expect(res.body.company).toEqual(before.body.company);
    });

    it('refuses a slug another company has with 409 and keeps the old one', async () => {
      const res = await master.patch(`/api/master/companies/${tenants.companyB.id}`, {
        slug: tenants.companyA.slug,
      });
      expectError(res, 409, 'conflict');
      const fetched = await master.get<CompanyBody>(`/api/master/companies/${tenants.companyB.id}`);
      expect(fetched.body.company.slug).toBe(tenants.companyB.slug);
    });

    it.each([
      ['name', { name: '' }],
      ['slug', { slug: 'Not A Slug' }],
      ['isActive', { isActive: 'no' }],
    ])('answers 400 naming %s for %j', async (field, body) => {
      const res = await master.patch(`/api/master/companies/${tenants.companyB.id}`, body);
      expectFieldError(res, field);
      const fetched = await master.get<CompanyBody>(`/api/master/companies/${tenants.companyB.id}`);
      expect(fetched.body.company).toMatchObject({ name: 'Beta Clinic', isActive: true });
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      const missing = await master.patch(`/api/master/companies/${randomUUID()}`, {
        name: 'Ghost',
      });
      expectError(missing, 404, 'not_found');
      expectFieldError(await master.patch('/api/master/companies/42', { name: 'Ghost' }), 'id');
    });

    it('answers 400 to malformed JSON and keeps serving', async () => {
      const res = await master.patch(`/api/master/companies/${tenants.companyB.id}`, '{name: x}');
      expectError(res, 400, 'bad_request');
      await expectServerStillServes(master);
      expect((await listAll()).length).toBeGreaterThan(0);
    });
  });

  describe('PATCH /api/master/companies/:id/settings', () => {
    const settingsPath = () => `/api/master/companies/${tenants.companyA.id}/settings`;

    it('toggles the Call Feature and the call limit; the company admin sees the change', async () => {
      const adminA = tenants.as.adminA;
      const before = await adminA.get<MeBody>('/api/auth/me');
      expect(before.body.activeCompany?.features.callEnabled).toBe(false);
      expectError(
        await adminA.get('/api/company/ai-models?modelType=call'),
        403,
        'call_feature_disabled',
      );

      const on = await master.patch<CompanyBody>(settingsPath(), {
        features: { callEnabled: true },
      });
      expect(on.status, JSON.stringify(on.body)).toBe(200);
      expect(on.body.company.settings).toEqual({
        features: { callEnabled: true },
        limits: { maxConcurrentCalls: 5 },
        recordings: { retentionDays: 90 },
      });
      const meOn = await adminA.get<MeBody>('/api/auth/me');
      expect(meOn.body.activeCompany?.features.callEnabled).toBe(true);
      expect(meOn.body.memberships[0]?.features.callEnabled).toBe(true);
      expect((await adminA.get('/api/company/ai-models?modelType=call')).status).toBe(200);

      // Changing only the limit keeps the feature flag.
      const limited = await master.patch<CompanyBody>(settingsPath(), {
        limits: { maxConcurrentCalls: 12 },
      });
      expect(limited.body.company.settings).toEqual({
        features: { callEnabled: true },
        limits: { maxConcurrentCalls: 12 },
        recordings: { retentionDays: 90 },
      });
      const fetched = await master.get<CompanyBody>(`/api/master/companies/${tenants.companyA.id}`);
      expect(fetched.body.company.settings.limits.maxConcurrentCalls).toBe(12);

      const off = await master.patch<CompanyBody>(settingsPath(), {
        features: { callEnabled: false },
      });
      expect(off.body.company.settings).toEqual({
        features: { callEnabled: false },
        limits: { maxConcurrentCalls: 12 },
        recordings: { retentionDays: 90 },
      });
      const meOff = await adminA.get<MeBody>('/api/auth/me');
      expect(meOff.body.activeCompany?.features.callEnabled).toBe(false);
      expectError(
        await adminA.get('/api/company/ai-models?modelType=call'),
        403,
        'call_feature_disabled',
      );

      // Another tenant is untouched.
      const meB = await tenants.as.adminB.get<MeBody>('/api/auth/me');
      expect(meB.body.activeCompany?.features.callEnabled).toBe(false);
    });

    it.each([
      ['features.callEnabled', { features: { callEnabled: 'yes' } }],
      ['limits.maxConcurrentCalls', { limits: { maxConcurrentCalls: -1 } }],
      ['limits.maxConcurrentCalls', { limits: { maxConcurrentCalls: 1001 } }],
      ['limits.maxConcurrentCalls', { limits: { maxConcurrentCalls: 2.5 } }],
      ['features', { features: { smsEnabled: true } }],
      ['body', { plan: 'gold' }],
    ])('answers 400 naming %s for %j', async (field, body) => {
      const before = await master.get<CompanyBody>(`/api/master/companies/${tenants.companyB.id}`);
      const res = await master.patch(`/api/master/companies/${tenants.companyB.id}/settings`, body);
      expectFieldError(res, field);
      const after = await master.get<CompanyBody>(`/api/master/companies/${tenants.companyB.id}`);
      expect(after.body.company.settings).toEqual(before.body.company.settings);
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      const body = { features: { callEnabled: true } };
      const missing = await master.patch(`/api/master/companies/${randomUUID()}/settings`, body);
      expectError(missing, 404, 'not_found');
      expectFieldError(await master.patch('/api/master/companies/nope/settings', body), 'id');
    });

    it('answers 400 to malformed JSON and keeps serving', async () => {
      const res = await master.patch(settingsPath(), '{"features": {"callEnabled": tru}}');
      expectError(res, 400, 'bad_request');
      await expectServerStillServes(master);
      expect((await listAll()).length).toBeGreaterThan(0);
    });
  });

  describe('access control', () => {
    const routes = (): Array<[string, string, Record<string, unknown> | undefined]> => [
      ['GET', '/api/master/companies', undefined],
      ['POST', '/api/master/companies', { name: `Sneaky ${suffix()}` }],
      ['GET', `/api/master/companies/${tenants.companyA.id}`, undefined],
      ['PATCH', `/api/master/companies/${tenants.companyA.id}`, { name: 'Hijacked' }],
      [
        'PATCH',
        `/api/master/companies/${tenants.companyA.id}/settings`,
        { features: { callEnabled: true } },
      ],
    ];

    it('answers 401 without a session', async () => {
      for (const [method, path, body] of routes()) {
        const res = await tenants.as.anonymous.request(method, path, body);
        expectError(res, 401, 'unauthorized');
      }
    });

    it.each(['adminA', 'agentA'] as const)('answers 403 to a %s', async (who) => {
      for (const [method, path, body] of routes()) {
        const res = await tenants.as[who].request(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body).toMatchObject({ error: 'forbidden' });
      }
      // Nothing they tried took effect.
      const list = await master.get<{ companies: Company[] }>('/api/master/companies');
      expect(list.body.companies.some((c) => c.name.startsWith('Sneaky'))).toBe(false);
      const alpha = await master.get<CompanyBody>(`/api/master/companies/${tenants.companyA.id}`);
      expect(alpha.body.company.name).toBe('Alpha Dental');
      expect(alpha.body.company.settings.features.callEnabled).toBe(false);
    });

    it('answers 401 after the master admin signs out', async () => {
      const client = await login(t, tenants.users.master.email);
      expect((await client.get('/api/master/companies')).status).toBe(200);
      expect((await client.post('/api/auth/logout')).status).toBe(204);
      expectError(await client.get('/api/master/companies'), 401, 'unauthorized');
    });
  });
});
