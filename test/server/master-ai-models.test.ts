import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/api-client.js';
import { expectError, expectFieldError, expectServerStillServes } from '../helpers/expect-error.js';
import { createCompany, createTenants, createUser, login } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

type AiModel = {
  id: string;
  provider: string;
  modelId: string;
  displayName: string;
  modelType: 'chat' | 'call' | 'both';
  isActive: boolean;
  createdAt: string;
};
type ModelsBody = { models: AiModel[] };
type ModelBody = { model: AiModel };
type Tenants = Awaited<ReturnType<typeof createTenants>>;

const suffix = () => randomUUID().slice(0, 8);

const ids = (models: AiModel[]) => models.map((m) => m.id).sort();

describe('AI models', () => {
  let t: TestApp;
  let tenants: Tenants;
  let master: ApiClient;
  /** Admin of a company that has the Call Feature. */
  let callAdmin: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    tenants = await createTenants(t);
    master = tenants.as.master;
    const callCompany = await createCompany(t.db, { name: 'Gamma Voice', callEnabled: true });
    const admin = await createUser(t.db, {
      memberships: [{ companyId: callCompany.id, role: 'company_admin' }],
    });
    callAdmin = await login(t, admin.email);
  });
  afterAll(() => t.close());

  const listAll = async () => {
    const res = await master.get<ModelsBody>('/api/master/ai-models');
    expect(res.status).toBe(200);
    return res.body.models;
  };

  const createModel = async (overrides: Partial<AiModel> = {}) => {
    const res = await master.post<ModelBody>('/api/master/ai-models', {
      provider: 'openai',
      modelId: `test-model-${suffix()}`,
      displayName: `Test Model ${suffix()}`,
      modelType: 'chat',
      ...overrides,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.model;
  };

  const seededId = async (modelId: string) => {
    const model = (await listAll()).find((m) => m.modelId === modelId);
    if (!model) throw new Error(`seeded model ${modelId} missing`);
    return model.id;
  };

  describe('GET /api/master/ai-models', () => {
    it('lists the eight seeded models, active, with their types', async () => {
      const models = await listAll();
      const summary = models.map(({ provider, modelId, modelType, isActive }) => ({
        provider,
        modelId,
        modelType,
        isActive,
      }));
      expect(summary).toEqual(
        expect.arrayContaining([
          { provider: 'openai', modelId: 'gpt-5.2', modelType: 'chat', isActive: true },
          { provider: 'openai', modelId: 'gpt-5-mini', modelType: 'chat', isActive: true },
          { provider: 'openai', modelId: 'gpt-5-nano', modelType: 'chat', isActive: true },
          {
            provider: 'gemini',
            modelId: 'gemini-3-pro-preview',
            modelType: 'chat',
            isActive: true,
          },
          {
            provider: 'gemini',
            modelId: 'gemini-3-flash-preview',
            modelType: 'chat',
            isActive: true,
          },
          { provider: 'openai', modelId: 'gpt-realtime', modelType: 'call', isActive: true },
          { provider: 'gemini', modelId: 'gemini-3.8-live', modelType: 'call', isActive: true },
          { provider: 'local', modelId: 'buzzi-local', modelType: 'call', isActive: true },
        ]),
      );
      for (const model of models) {
        expect(model.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(model.displayName.length).toBeGreaterThan(0);
        expect(Number.isNaN(Date.parse(model.createdAt))).toBe(false);
      }
    });
  });

  describe('POST /api/master/ai-models', () => {
    it('creates an active model by default that then appears in the list', async () => {
      const modelId = `acme-${suffix()}`;
      const res = await master.post<ModelBody>('/api/master/ai-models', {
        provider: 'gemini',
        modelId,
        displayName: '  Acme Flash  ',
        modelType: 'both',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.model).toMatchObject({
        provider: 'gemini',
        modelId,
        displayName: 'Acme Flash',
        modelType: 'both',
        isActive: true,
      });
      expect(await listAll()).toContainEqual(res.body.model);
    });

    it('creates an inactive model when asked', async () => {
      const model = await createModel({ isActive: false });
      expect(model.isActive).toBe(false);
      expect((await listAll()).find((m) => m.id === model.id)?.isActive).toBe(false);
    });

    it('refuses a duplicate provider and model id with 409, but allows it under another provider', async () => {
      const before = await listAll();
      const duplicate = await master.post('/api/master/ai-models', {
        provider: 'openai',
        modelId: 'gpt-5.2',
        displayName: 'Another GPT-5.2',
        modelType: 'chat',
      });
      expectError(duplicate, 409, 'conflict');
      expect(await listAll()).toHaveLength(before.length);

      const otherProvider = await createModel({ provider: 'local', modelId: 'gpt-5.2' });
      expect(otherProvider).toMatchObject({ provider: 'local', modelId: 'gpt-5.2' });
    });

    const valid = {
      provider: 'openai',
      modelId: 'valid-id',
      displayName: 'Valid',
      modelType: 'chat',
    };
    it.each([
      ['provider', { ...valid, provider: 'anthropic' }],
      ['provider', { ...valid, provider: undefined }],
      ['modelId', { ...valid, modelId: 'has spaces' }],
      ['modelId', { ...valid, modelId: '' }],
      ['modelId', { ...valid, modelId: 'm'.repeat(121) }],
      ['displayName', { ...valid, displayName: '   ' }],
      ['modelType', { ...valid, modelType: 'embedding' }],
      ['modelType', { ...valid, modelType: undefined }],
      ['isActive', { ...valid, isActive: 'yes' }],
    ])('answers 400 naming %s for %j', async (field, body) => {
      const before = await listAll();
      expectFieldError(await master.post('/api/master/ai-models', body), field);
      expect(await listAll()).toHaveLength(before.length);
    });

    it('answers 400 to malformed JSON and keeps serving', async () => {
      const res = await master.post('/api/master/ai-models', '{"provider": "openai",');
      expectError(res, 400, 'bad_request');
      await expectServerStillServes(master);
      expect((await listAll()).length).toBeGreaterThanOrEqual(8);
    });
  });

  describe('PATCH /api/master/ai-models/:id', () => {
    it('changes the given fields only and the list shows it', async () => {
      const model = await createModel({ modelType: 'chat' });
      const res = await master.patch<ModelBody>(`/api/master/ai-models/${model.id}`, {
        displayName: 'Renamed Model',
        modelType: 'both',
        isActive: false,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.model).toMatchObject({
        id: model.id,
        provider: model.provider,
        modelId: model.modelId,
        createdAt: model.createdAt,
        displayName: 'Renamed Model',
        modelType: 'both',
        isActive: false,
      });
      expect((await listAll()).find((m) => m.id === model.id)).toEqual(res.body.model);
    });

    it('refuses to take another model’s provider and id with 409', async () => {
      const model = await createModel({ provider: 'gemini' });
      const res = await master.patch(`/api/master/ai-models/${model.id}`, {
        modelId: 'gemini-3-pro-preview',
      });
      expectError(res, 409, 'conflict');
      expect((await listAll()).find((m) => m.id === model.id)?.modelId).toBe(model.modelId);
    });

    it.each([
      ['modelType', { modelType: 'vision' }],
      ['provider', { provider: 'azure' }],
      ['modelId', { modelId: 'no/spaces allowed' }],
      ['displayName', { displayName: '' }],
      ['isActive', { isActive: 1 }],
    ])('answers 400 naming %s for %j', async (field, body) => {
      const id = await seededId('gpt-5-nano');
      expectFieldError(await master.patch(`/api/master/ai-models/${id}`, body), field);
      expect((await listAll()).find((m) => m.id === id)).toMatchObject({
        modelId: 'gpt-5-nano',
        modelType: 'chat',
        isActive: true,
      });
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      const body = { displayName: 'Ghost' };
      expectError(
        await master.patch(`/api/master/ai-models/${randomUUID()}`, body),
        404,
        'not_found',
      );
      expectFieldError(await master.patch('/api/master/ai-models/gpt-5.2', body), 'id');
    });

    it('answers 400 to malformed JSON and keeps serving', async () => {
      const id = await seededId('gpt-5-mini');
      const res = await master.patch(`/api/master/ai-models/${id}`, "{'displayName': 'x'}");
      expectError(res, 400, 'bad_request');
      expect((await listAll()).find((m) => m.id === id)?.displayName).toBe('GPT-5 Mini');
    });
  });

  describe('DELETE /api/master/ai-models/:id', () => {
    it('deletes an unused model', async () => {
      const model = await createModel();
      const res = await master.delete(`/api/master/ai-models/${model.id}`);
      expect(res.status).toBe(204);
      expect((await listAll()).map((m) => m.id)).not.toContain(model.id);
      expectError(await master.delete(`/api/master/ai-models/${model.id}`), 404, 'not_found');
    });

    it('refuses with 409 while a chatbot chats with the model, and deletes once it is gone', async () => {
      const model = await createModel({ modelType: 'chat' });
      const bot = await tenants.as.adminA.post<{ chatbot: { id: string } }>(
        '/api/company/chatbots',
        { name: 'Model user', chatbotType: 'chat', chatModelId: model.id },
      );
      expect(bot.status, JSON.stringify(bot.body)).toBe(201);

      expectError(await master.delete(`/api/master/ai-models/${model.id}`), 409, 'conflict');
      expect((await listAll()).map((m) => m.id)).toContain(model.id);

      // Deactivating is the way out: allowed, and companies stop seeing it.
      const off = await master.patch<ModelBody>(`/api/master/ai-models/${model.id}`, {
        isActive: false,
      });
      expect(off.status).toBe(200);
      const chat = await tenants.as.adminA.get<ModelsBody>('/api/company/ai-models?modelType=chat');
      expect(chat.body.models.map((m) => m.id)).not.toContain(model.id);

      const removed = await tenants.as.adminA.delete(
        `/api/company/chatbots/${bot.body.chatbot.id}`,
      );
      expect(removed.status).toBe(204);
      expect((await master.delete(`/api/master/ai-models/${model.id}`)).status).toBe(204);
      expect((await listAll()).map((m) => m.id)).not.toContain(model.id);
    });

    it('refuses with 409 while a chatbot takes calls with the model', async () => {
      const model = await createModel({ modelType: 'call' });
      const bot = await callAdmin.post('/api/company/chatbots', {
        name: 'Voice line',
        chatbotType: 'call',
        settings: { call: { modelId: model.id } },
      });
      expect(bot.status, JSON.stringify(bot.body)).toBe(201);
      expectError(await master.delete(`/api/master/ai-models/${model.id}`), 409, 'conflict');
      expect((await listAll()).map((m) => m.id)).toContain(model.id);
    });

    it('refuses to change the type of a model chatbots use for what the new type cannot do', async () => {
      const model = await createModel({ modelType: 'both' });
      const bot = await callAdmin.post('/api/company/chatbots', {
        name: 'Voice desk',
        chatbotType: 'call',
        settings: { call: { modelId: model.id } },
      });
      expect(bot.status, JSON.stringify(bot.body)).toBe(201);
      const toChat = await master.patch(`/api/master/ai-models/${model.id}`, { modelType: 'chat' });
      expect(expectError(toChat, 409, 'conflict').message).toMatch(/used for call by 1 chatbot;/);
      expect((await listAll()).find((m) => m.id === model.id)?.modelType).toBe('both');
      const toCall = await master.patch<ModelBody>(`/api/master/ai-models/${model.id}`, {
        modelType: 'call',
      });
      expect(toCall.status).toBe(200);
      expect(toCall.body.model.modelType).toBe('call');
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      expectError(await master.delete(`/api/master/ai-models/${randomUUID()}`), 404, 'not_found');
      expectFieldError(await master.delete('/api/master/ai-models/123'), 'id');
    });
  });

  describe('GET /api/company/ai-models', () => {
    /** What the company lists should hold, computed from the master catalogue. */
    const expectedFor = async (purposes: Array<'chat' | 'call'>) =>
      ids(
        (await listAll()).filter(
          (m) => m.isActive && (m.modelType === 'both' || purposes.some((p) => p === m.modelType)),
        ),
      );

    it('lists active chat and both models, and active call and both models', async () => {
      const both = await createModel({ modelType: 'both', provider: 'openai' });
      const inactiveBoth = await createModel({ modelType: 'both', isActive: false });
      const inactiveChat = await createModel({ modelType: 'chat', isActive: false });
      const inactiveCall = await createModel({ modelType: 'call', isActive: false });
      const hidden = [inactiveBoth.id, inactiveChat.id, inactiveCall.id];

      const chat = await tenants.as.agentA.get<ModelsBody>('/api/company/ai-models?modelType=chat');
      expect(chat.status).toBe(200);
      expect(ids(chat.body.models)).toEqual(await expectedFor(['chat']));
      expect(chat.body.models.map((m) => m.id)).toContain(both.id);
      expect(chat.body.models.map((m) => m.modelId)).toEqual(
        expect.arrayContaining(['gpt-5.2', 'gpt-5-mini', 'gpt-5-nano', 'gemini-3-pro-preview']),
      );
      expect(chat.body.models.some((m) => m.modelType === 'call')).toBe(false);

      const call = await callAdmin.get<ModelsBody>('/api/company/ai-models?modelType=call');
      expect(call.status).toBe(200);
      expect(ids(call.body.models)).toEqual(await expectedFor(['call']));
      expect(call.body.models.map((m) => m.id)).toContain(both.id);
      expect(call.body.models.map((m) => m.modelId)).toEqual(
        expect.arrayContaining(['gpt-realtime', 'gemini-3.8-live', 'buzzi-local']),
      );
      expect(call.body.models.some((m) => m.modelType === 'chat')).toBe(false);

      for (const res of [chat, call]) {
        expect(res.body.models.every((m) => m.isActive)).toBe(true);
        for (const id of hidden) expect(res.body.models.map((m) => m.id)).not.toContain(id);
      }
    });

    it('without modelType lists what the company may use', async () => {
      const noCall = await tenants.as.adminA.get<ModelsBody>('/api/company/ai-models');
      expect(noCall.status).toBe(200);
      expect(ids(noCall.body.models)).toEqual(await expectedFor(['chat']));

      const withCall = await callAdmin.get<ModelsBody>('/api/company/ai-models');
      expect(withCall.status).toBe(200);
      expect(ids(withCall.body.models)).toEqual(await expectedFor(['chat', 'call']));
    });

    it('reflects a model switched off and on again', async () => {
      const model = await createModel({ modelType: 'chat' });
      const visible = async () =>
        (
          await tenants.as.adminB.get<ModelsBody>('/api/company/ai-models?modelType=chat')
        ).body.models.some((m) => m.id === model.id);
      expect(await visible()).toBe(true);
      await master.patch(`/api/master/ai-models/${model.id}`, { isActive: false });
      expect(await visible()).toBe(false);
      await master.patch(`/api/master/ai-models/${model.id}`, { isActive: true });
      expect(await visible()).toBe(true);
    });

    it('answers 403 call_feature_disabled for call models without the Call Feature', async () => {
      for (const client of [tenants.as.adminA, tenants.as.agentA]) {
        const res = await client.get('/api/company/ai-models?modelType=call');
        expectError(res, 403, 'call_feature_disabled');
      }
    });

    it.each(['both', 'embedding', 'CHAT'])('answers 400 naming modelType for %s', async (type) => {
      const res = await tenants.as.adminA.get(`/api/company/ai-models?modelType=${type}`);
      expectFieldError(res, 'modelType');
    });

    it('answers 401 without a session', async () => {
      expectError(
        await tenants.as.anonymous.get('/api/company/ai-models?modelType=chat'),
        401,
        'unauthorized',
      );
    });

    it('answers 409 no_active_company to a user without a company', async () => {
      const loner = await createUser(t.db);
      const client = await login(t, loner.email);
      expectError(await client.get('/api/company/ai-models'), 409, 'no_active_company');
    });
  });

  describe('access control for /api/master/ai-models', () => {
    const routes = async (): Promise<
      Array<[string, string, Record<string, unknown> | undefined]>
    > => {
      const id = await seededId('gpt-5.2');
      return [
        ['GET', '/api/master/ai-models', undefined],
        [
          'POST',
          '/api/master/ai-models',
          { provider: 'openai', modelId: 'sneaky', displayName: 'Sneaky', modelType: 'chat' },
        ],
        ['PATCH', `/api/master/ai-models/${id}`, { displayName: 'Hijacked', isActive: false }],
        ['DELETE', `/api/master/ai-models/${id}`, undefined],
      ];
    };

    it('answers 401 without a session', async () => {
      for (const [method, path, body] of await routes()) {
        const res = await tenants.as.anonymous.request(method, path, body);
        expectError(res, 401, 'unauthorized');
      }
    });

    it.each(['adminA', 'agentA'] as const)(
      'answers 403 to a %s and changes nothing',
      async (who) => {
        for (const [method, path, body] of await routes()) {
          const res = await tenants.as[who].request(method, path, body);
          expect(res.status, `${method} ${path}`).toBe(403);
          expect(res.body).toMatchObject({ error: 'forbidden' });
        }
        const models = await listAll();
        expect(models.some((m) => m.modelId === 'sneaky')).toBe(false);
        expect(
          models.find((m) => m.modelId === 'gpt-5.2' && m.provider === 'openai'),
        ).toMatchObject({
          displayName: 'GPT-5.2',
          isActive: true,
        });
      },
    );
  });
});
