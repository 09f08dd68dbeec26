import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../../src/server/db/schema/index.js';
import { ApiClient } from '../helpers/api-client.js';
import { createCompany, createUser, login, TEST_PASSWORD } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

type Me = {
  user: { email: string; isMasterAdmin: boolean };
  memberships: Array<{ companyId: string; role: string }>;
  activeCompany: { id: string; role: string; features: { callEnabled: boolean } } | null;
};

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('logs in with a hashed password and sets an httpOnly SameSite session cookie', async () => {
    const company = await createCompany(t.db, { callEnabled: true });
    const user = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'company_admin' }],
    });
    const [stored] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);

    const client = t.client();
    const res = await client.post<Me>('/api/auth/login', {
      email: user.email.toUpperCase(),
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(user.email);
    expect(res.body.activeCompany).toMatchObject({
      id: company.id,
      role: 'company_admin',
      features: { callEnabled: true },
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('buzzi_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(JSON.stringify(res.body)).not.toContain('argon2');

    const me = await client.get<Me>('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(user.email);
  });

  it('refuses a wrong password or unknown email with the same 401', async () => {
    const user = await createUser(t.db);
    const wrong = await t
      .client()
      .post('/api/auth/login', { email: user.email, password: 'not-the-password' });
    const unknown = await t
      .client()
      .post('/api/auth/login', { email: 'nobody@example.test', password: 'whatever-123' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('validates the login body and survives malformed JSON', async () => {
    const missing = await t.client().post('/api/auth/login', { email: 'not-an-email' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: 'validation_error' });
    expect(Object.keys(missing.body.fields as object)).toEqual(
      expect.arrayContaining(['email', 'password']),
    );

    const garbled = await t.client().post('/api/auth/login', '{"email": "a@b.c", ');
    expect(garbled.status).toBe(400);
    expect(garbled.body).toMatchObject({ error: 'bad_request' });
    expect((await t.client().get('/api/health')).status).toBe(200);
  });

  it('rate-limits repeated sign-in attempts for one email', async () => {
    const user = await createUser(t.db);
    const client = t.client();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (await client.post('/api/auth/login', { email: user.email, password: 'guessing-wrong' }))
          .status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    const blocked = await client.post('/api/auth/login', {
      email: user.email,
      password: TEST_PASSWORD,
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ error: 'rate_limited' });
    // Another account from the same address is not locked out by it.
    const other = await createUser(t.db);
    await login(t, other.email);
  });

  it('counts only failed sign-ins: someone who signs in often is never locked out', async () => {
    const user = await createUser(t.db);
    for (let i = 0; i < 12; i++) {
      const res = await t.client().post('/api/auth/login', {
        email: user.email,
        password: TEST_PASSWORD,
      });
      expect(res.status, `sign-in ${i + 1}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    // Failures still add up around a success: 9, a success, then the 10th and 11th.
    const attempt = (password: string) =>
      t.client().post('/api/auth/login', { email: user.email, password });
    for (let i = 0; i < 9; i++) expect((await attempt('guessing-wrong')).status).toBe(401);
    expect((await attempt(TEST_PASSWORD)).status).toBe(200);
    expect((await attempt('guessing-wrong')).status).toBe(401);
    const locked = await attempt('guessing-wrong');
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: 'rate_limited' });
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
  });

  it('answers 401 without a session and after logout, even with the old cookie replayed', async () => {
    expect((await t.client().get('/api/auth/me')).status).toBe(401);
    const user = await createUser(t.db);
    const client = await login(t, user.email);
    const stolenCookie = client.cookieHeader;
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/auth/me')).status).toBe(401);
    const replay = await t
      .client()
      .request('GET', '/api/auth/me', undefined, { cookie: stolenCookie });
    expect(replay.status).toBe(401);
  });

  it('expires sessions', async () => {
    const user = await createUser(t.db);
    const client = await login(t, user.email);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    await t.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, user.id));
    const res = await client.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'unauthorized' });
  });

  it('rejects a forged session cookie', async () => {
    const forged = new ApiClient(t.url);
    const res = await forged.request('GET', '/api/auth/me', undefined, {
      cookie: 'buzzi_session=abc.def',
    });
    expect(res.status).toBe(401);
  });

  it('switches the active company among memberships and refuses others with 404', async () => {
    const first = await createCompany(t.db, { name: 'Aardvark Co' });
    const second = await createCompany(t.db, { name: 'Zebra Co', callEnabled: true });
    const foreign = await createCompany(t.db);
    const user = await createUser(t.db, {
      memberships: [
        { companyId: first.id, role: 'company_admin' },
        { companyId: second.id, role: 'support_agent' },
      ],
    });
    const client = await login(t, user.email);
    const me = await client.get<Me>('/api/auth/me');
    expect(me.body.memberships).toHaveLength(2);
    expect(me.body.activeCompany?.id).toBe(first.id);

    const switched = await client.post<Me>('/api/auth/active-company', { companyId: second.id });
    expect(switched.status).toBe(200);
    expect(switched.body.activeCompany).toMatchObject({ id: second.id, role: 'support_agent' });
    expect((await client.get<Me>('/api/auth/me')).body.activeCompany?.id).toBe(second.id);
    // The choice is per browser: a second session starts on the first company.
    expect(
      (await (await login(t, user.email)).get<Me>('/api/auth/me')).body.activeCompany?.id,
    ).toBe(first.id);

    const denied = await client.post('/api/auth/active-company', { companyId: foreign.id });
    expect(denied.status).toBe(404);
    expect((await client.get<Me>('/api/auth/me')).body.activeCompany?.id).toBe(second.id);

    const invalid = await client.post('/api/auth/active-company', { companyId: 'nope' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ fields: { companyId: expect.any(String) } });
    expect(
      (await t.client().post('/api/auth/active-company', { companyId: first.id })).status,
    ).toBe(401);
  });

  it('lets a master admin act as admin of every company', async () => {
    const company = await createCompany(t.db);
    const master = await createUser(t.db, { isMasterAdmin: true });
    const client = await login(t, master.email);
    const me = await client.get<Me>('/api/auth/me');
    expect(me.body.user.isMasterAdmin).toBe(true);
    expect(me.body.memberships).toContainEqual(
      expect.objectContaining({ companyId: company.id, role: 'company_admin' }),
    );
    expect((await client.post('/api/auth/active-company', { companyId: company.id })).status).toBe(
      200,
    );
  });

  it('does not let an invited user without a password sign in', async () => {
    const company = await createCompany(t.db);
    const admin = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'company_admin' }],
    });
    const client = await login(t, admin.email);
    const invited = await client.post('/api/company/members', {
      email: 'pending@example.test',
      role: 'support_agent',
    });
    expect(invited.status).toBe(201);
    const res = await t
      .client()
      .post('/api/auth/login', { email: 'pending@example.test', password: '' });
    expect(res.status).toBe(400);
    const res2 = await t
      .client()
      .post('/api/auth/login', { email: 'pending@example.test', password: 'anything-at-all' });
    expect(res2.status).toBe(401);
  });

  it('rejects unknown or expired invitation tokens', async () => {
    const res = await t.client().get(`/api/auth/invites/${'x'.repeat(43)}`);
    expect(res.status).toBe(404);
    const accept = await t.client().post(`/api/auth/invites/${'x'.repeat(43)}/accept`, {
      name: 'Someone',
      password: 'long-enough-password',
    });
    expect(accept.status).toBe(404);
  });
});
