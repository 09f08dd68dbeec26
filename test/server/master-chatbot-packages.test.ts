import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/api-client.js';
import { expectError, expectFieldError, expectServerStillServes } from '../helpers/expect-error.js';
import { createTenants, createUser, login } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

type ChatbotPackage = {
  id: string;
  name: string;
  description: string;
  chatbotType: 'chat' | 'call';
  limits: { monthlyMessages?: number; monthlyCallMinutes?: number; maxConcurrentCalls?: number };
  isActive: boolean;
  createdAt: string;
};
type PackagesBody = { packages: ChatbotPackage[] };
type PackageBody = { package: ChatbotPackage };
type Tenants = Awaited<ReturnType<typeof createTenants>>;

const suffix = () => randomUUID().slice(0, 8);

const ids = (packages: ChatbotPackage[]) => packages.map((p) => p.id).sort();

describe('Chatbot packages', () => {
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
    const res = await master.get<PackagesBody>('/api/master/chatbot-packages');
    expect(res.status).toBe(200);
    return res.body.packages;
  };
  const find = async (id: string) => (await listAll()).find((p) => p.id === id);

  const createPackage = async (overrides: Record<string, unknown> = {}) => {
    const res = await master.post<PackageBody>('/api/master/chatbot-packages', {
      name: `Package ${suffix()}`,
      chatbotType: 'chat',
      ...overrides,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.package;
  };

  /** A chatbot of company A on the package, created as its admin would. */
  const attachToChatbot = async (pkg: ChatbotPackage) => {
    const res = await tenants.as.adminA.post<{ chatbot: { id: string; packageId: string } }>(
      '/api/company/chatbots',
      { name: `Bot on ${pkg.name}`, chatbotType: pkg.chatbotType, packageId: pkg.id },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.chatbot.packageId).toBe(pkg.id);
    return res.body.chatbot.id;
  };

  describe('GET /api/master/chatbot-packages', () => {
    it('lists the seeded Chat Standard and Voice Standard packages', async () => {
      const packages = await listAll();
      expect(packages).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            name: 'Chat Standard',
            chatbotType: 'chat',
            isActive: true,
            limits: { monthlyMessages: 10_000 },
          }),
          expect.objectContaining({
            name: 'Voice Standard',
            chatbotType: 'call',
            isActive: true,
            limits: { monthlyMessages: 10_000, monthlyCallMinutes: 1_000, maxConcurrentCalls: 5 },
          }),
        ]),
      );
      for (const pkg of packages) {
        expect(pkg.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(pkg.description.length).toBeGreaterThan(0);
        expect(Number.isNaN(Date.parse(pkg.createdAt))).toBe(false);
      }
    });
  });

  describe('POST /api/master/chatbot-packages', () => {
    it('creates a package with every field, visible in the list', async () => {
      const pkg = await createPackage({
        name: '  Voice Pro  ',
        description: 'Lots of minutes',
        chatbotType: 'call',
        limits: { monthlyMessages: 50_000, monthlyCallMinutes: 5_000, maxConcurrentCalls: 20 },
        isActive: false,
      });
      expect(pkg).toMatchObject({
        name: 'Voice Pro',
        description: 'Lots of minutes',
        chatbotType: 'call',
        limits: { monthlyMessages: 50_000, monthlyCallMinutes: 5_000, maxConcurrentCalls: 20 },
        isActive: false,
      });
      expect(await find(pkg.id)).toEqual(pkg);
    });

    it('fills in defaults for a minimal package', async () => {
      const pkg = await createPackage({ name: 'Bare', chatbotType: 'chat' });
      expect(pkg).toMatchObject({ name: 'Bare', description: '', limits: {}, isActive: true });
    });

    const valid = { name: 'Valid', chatbotType: 'chat' };
    it.each([
      ['name', { chatbotType: 'chat' }],
      ['name', { ...valid, name: '  ' }],
      ['name', { ...valid, name: 'n'.repeat(121) }],
      ['chatbotType', { name: 'No type' }],
      ['chatbotType', { ...valid, chatbotType: 'sms' }],
      ['description', { ...valid, description: 'd'.repeat(2001) }],
      ['limits.monthlyMessages', { ...valid, limits: { monthlyMessages: -1 } }],
      ['limits.monthlyCallMinutes', { ...valid, limits: { monthlyCallMinutes: 1.5 } }],
      ['limits.maxConcurrentCalls', { ...valid, limits: { maxConcurrentCalls: 1001 } }],
      ['limits', { ...valid, limits: { seats: 3 } }],
      ['isActive', { ...valid, isActive: 'true' }],
    ])('answers 400 naming %s for %j', async (field, body) => {
      const before = await listAll();
      expectFieldError(await master.post('/api/master/chatbot-packages', body), field);
      expect(await listAll()).toHaveLength(before.length);
    });

    it('answers 400 to malformed JSON and keeps serving', async () => {
      const res = await master.post('/api/master/chatbot-packages', '{"name": "Broken", }');
      expectError(res, 400, 'bad_request');
      await expectServerStillServes(master);
      expect((await listAll()).length).toBeGreaterThanOrEqual(2);
    });
  });

  describe('PATCH /api/master/chatbot-packages/:id', () => {
    it('changes the given fields and the list shows it', async () => {
      const pkg = await createPackage({ description: 'before', limits: { monthlyMessages: 100 } });
      const res = await master.patch<PackageBody>(`/api/master/chatbot-packages/${pkg.id}`, {
        name: 'Chat Plus',
        limits: { monthlyMessages: 25_000 },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.package).toMatchObject({
        id: pkg.id,
        name: 'Chat Plus',
        description: 'before',
        chatbotType: 'chat',
        limits: { monthlyMessages: 25_000 },
        isActive: true,
      });
      expect(await find(pkg.id)).toMatchObject({
        name: 'Chat Plus',
        limits: { monthlyMessages: 25_000 },
      });
    });

    it('changes the chatbot type of an unused package', async () => {
      const pkg = await createPackage({ chatbotType: 'chat' });
      const res = await master.patch<PackageBody>(`/api/master/chatbot-packages/${pkg.id}`, {
        chatbotType: 'call',
      });
      expect(res.status).toBe(200);
      expect((await find(pkg.id))?.chatbotType).toBe('call');
    });

    it('refuses to change the chatbot type while chatbots use the package, but allows other edits', async () => {
      const pkg = await createPackage({ chatbotType: 'chat' });
      await attachToChatbot(pkg);

      const res = await master.patch(`/api/master/chatbot-packages/${pkg.id}`, {
        chatbotType: 'call',
        name: 'Should not stick',
      });
      expectError(res, 409, 'conflict');
      expect(await find(pkg.id)).toMatchObject({ chatbotType: 'chat', name: pkg.name });

      const sameType = await master.patch<PackageBody>(`/api/master/chatbot-packages/${pkg.id}`, {
        chatbotType: 'chat',
        name: 'Renamed In Use',
      });
      expect(sameType.status).toBe(200);
      expect(await find(pkg.id)).toMatchObject({ chatbotType: 'chat', name: 'Renamed In Use' });
    });

    it.each([
      ['chatbotType', { chatbotType: 'both' }],
      ['name', { name: '' }],
      ['limits.maxConcurrentCalls', { limits: { maxConcurrentCalls: -5 } }],
      ['isActive', { isActive: null }],
    ])('answers 400 naming %s for %j', async (field, body) => {
      const pkg = await createPackage({ name: 'Stable', limits: { monthlyMessages: 7 } });
      expectFieldError(await master.patch(`/api/master/chatbot-packages/${pkg.id}`, body), field);
      expect(await find(pkg.id)).toEqual(pkg);
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      const body = { name: 'Ghost' };
      const missing = await master.patch(`/api/master/chatbot-packages/${randomUUID()}`, body);
      expectError(missing, 404, 'not_found');
      expectFieldError(
        await master.patch('/api/master/chatbot-packages/chat-standard', body),
        'id',
      );
    });

    it('answers 400 to malformed JSON and keeps serving', async () => {
      const pkg = await createPackage();
      const res = await master.patch(`/api/master/chatbot-packages/${pkg.id}`, 'not json');
      expectError(res, 400, 'bad_request');
      expect(await find(pkg.id)).toEqual(pkg);
    });
  });

  describe('DELETE /api/master/chatbot-packages/:id', () => {
    it('deletes an unused package', async () => {
      const pkg = await createPackage();
      expect((await master.delete(`/api/master/chatbot-packages/${pkg.id}`)).status).toBe(204);
      expect(await find(pkg.id)).toBeUndefined();
      expectError(await master.delete(`/api/master/chatbot-packages/${pkg.id}`), 404, 'not_found');
    });

    it('refuses with 409 while a chatbot uses the package, and deletes once it is gone', async () => {
      const pkg = await createPackage();
      const botId = await attachToChatbot(pkg);
      expectError(await master.delete(`/api/master/chatbot-packages/${pkg.id}`), 409, 'conflict');
      expect(await find(pkg.id)).toEqual(pkg);

      expect((await tenants.as.adminA.delete(`/api/company/chatbots/${botId}`)).status).toBe(204);
      expect((await master.delete(`/api/master/chatbot-packages/${pkg.id}`)).status).toBe(204);
      expect(await find(pkg.id)).toBeUndefined();
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      const missing = await master.delete(`/api/master/chatbot-packages/${randomUUID()}`);
      expectError(missing, 404, 'not_found');
      expectFieldError(await master.delete('/api/master/chatbot-packages/1'), 'id');
    });
  });

  describe('GET /api/company/chatbot-packages', () => {
    const expectedFor = async (type?: 'chat' | 'call') =>
      ids((await listAll()).filter((p) => p.isActive && (!type || p.chatbotType === type)));

    it('lists active packages of the requested chatbot type', async () => {
      const inactiveChat = await createPackage({ chatbotType: 'chat', isActive: false });
      const inactiveCall = await createPackage({ chatbotType: 'call', isActive: false });

      for (const type of ['chat', 'call'] as const) {
        const res = await tenants.as.agentA.get<PackagesBody>(
          `/api/company/chatbot-packages?chatbotType=${type}`,
        );
        expect(res.status).toBe(200);
        expect(ids(res.body.packages)).toEqual(await expectedFor(type));
        expect(res.body.packages.every((p) => p.chatbotType === type && p.isActive)).toBe(true);
        expect(res.body.packages.map((p) => p.name)).toContain(
          type === 'chat' ? 'Chat Standard' : 'Voice Standard',
        );
      }

      const all = await tenants.as.adminB.get<PackagesBody>('/api/company/chatbot-packages');
      expect(all.status).toBe(200);
      expect(ids(all.body.packages)).toEqual(await expectedFor());
      expect(all.body.packages.map((p) => p.id)).not.toContain(inactiveChat.id);
      expect(all.body.packages.map((p) => p.id)).not.toContain(inactiveCall.id);
    });

    it('reflects a package switched off and on again', async () => {
      const pkg = await createPackage({ chatbotType: 'chat' });
      const visible = async () =>
        (
          await tenants.as.adminA.get<PackagesBody>(
            '/api/company/chatbot-packages?chatbotType=chat',
          )
        ).body.packages.some((p) => p.id === pkg.id);
      expect(await visible()).toBe(true);
      await master.patch(`/api/master/chatbot-packages/${pkg.id}`, { isActive: false });
      expect(await visible()).toBe(false);
      await master.patch(`/api/master/chatbot-packages/${pkg.id}`, { isActive: true });
      expect(await visible()).toBe(true);
    });

    it.each(['both', 'voice', 'Chat'])('answers 400 naming chatbotType for %s', async (type) => {
      const res = await tenants.as.adminA.get(`/api/company/chatbot-packages?chatbotType=${type}`);
      expectFieldError(res, 'chatbotType');
    });

    it('answers 401 without a session', async () => {
      expectError(
        await tenants.as.anonymous.get('/api/company/chatbot-packages'),
        401,
        'unauthorized',
      );
    });

    it('answers 409 no_active_company to a user without a company', async () => {
      const loner = await createUser(t.db);
      const client = await login(t, loner.email);
      expectError(await client.get('/api/company/chatbot-packages'), 409, 'no_active_company');
    });
  });

  describe('access control for /api/master/chatbot-packages', () => {
    let target: ChatbotPackage;
    beforeAll(async () => {
      target = await createPackage({ name: 'Guarded' });
    });

    const routes = (): Array<[string, string, Record<string, unknown> | undefined]> => [
      ['GET', '/api/master/chatbot-packages', undefined],
      ['POST', '/api/master/chatbot-packages', { name: 'Sneaky', chatbotType: 'chat' }],
      ['PATCH', `/api/master/chatbot-packages/${target.id}`, { name: 'Hijacked' }],
      ['DELETE', `/api/master/chatbot-packages/${target.id}`, undefined],
    ];

    it('answers 401 without a session', async () => {
      for (const [method, path, body] of routes()) {
        expectError(await tenants.as.anonymous.request(method, path, body), 401, 'unauthorized');
      }
    });

    it.each(['adminA', 'agentA'] as const)(
      'answers 403 to a %s and changes nothing',
      async (who) => {
        for (const [method, path, body] of routes()) {
          const res = await tenants.as[who].request(method, path, body);
          expect(res.status, `${method} ${path}`).toBe(403);
          expect(res.body).toMatchObject({ error: 'forbidden' });
        }
        const packages = await listAll();
        expect(packages.some((p) => p.name === 'Sneaky')).toBe(false);
        expect(packages.find((p) => p.id === target.id)).toEqual(target);
      },
    );
  });
});
