import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiModels, chatbotPackages } from '../../src/server/db/schema/index.js';
import {
  type AgentDefinition,
  type ChatbotSettings,
  defaultChatbotSettings,
} from '../../src/shared/chatbot-settings.js';
import type { ApiClient } from '../helpers/api-client.js';
import { expectError, expectFieldError } from '../helpers/expect-error.js';
import { createCompany, createTenants, createUser, login } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

type Chatbot = {
  id: string;
  publicId: string;
  name: string;
  description: string;
  chatbotType: 'chat' | 'call';
  packageId: string | null;
  chatModelId: string | null;
  instructions: string;
  isActive: boolean;
  settings: ChatbotSettings;
  agentsList: AgentDefinition[];
  createdAt: string;
  updatedAt: string;
};
type ChatbotBody = { chatbot: Chatbot };
type ListBody = { chatbots: Chatbot[] };

const BASE = '/api/company/chatbots';
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
const catalog = { chatModel: '', callModel: '', chatPackage: '', callPackage: '' };

async function modelId(name: string): Promise<string> {
  const [row] = await t.db.select().from(aiModels).where(eq(aiModels.modelId, name));
  if (!row) throw new Error(`seeded model ${name} missing`);
  return row.id;
}

async function packageId(name: string): Promise<string> {
  const [row] = await t.db.select().from(chatbotPackages).where(eq(chatbotPackages.name, name));
  if (!row) throw new Error(`seeded package ${name} missing`);
  return row.id;
}

async function createBot(client: ApiClient, body: Record<string, unknown> = {}): Promise<Chatbot> {
  const res = await client.post<ChatbotBody>(BASE, {
    name: `Bot ${Math.random().toString(36).slice(2, 8)}`,
    chatbotType: 'chat',
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.chatbot;
}

async function fetchBot(client: ApiClient, id: string): Promise<Chatbot> {
  const res = await client.get<ChatbotBody>(`${BASE}/${id}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.chatbot;
}

/** A company of its own with one admin, for tests that change company settings. */
async function companyWithAdmin(options: { callEnabled?: boolean } = {}) {
  const company = await createCompany(t.db, options);
  const admin = await createUser(t.db, {
    memberships: [{ companyId: company.id, role: 'company_admin' }],
  });
  return { company, client: await login(t, admin.email) };
}

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t, { callEnabled: true });
  catalog.chatModel = await modelId('gpt-5.2');
  catalog.callModel = await modelId('gpt-realtime');
  catalog.chatPackage = await packageId('Chat Standard');
  catalog.callPackage = await packageId('Voice Standard');
});
afterAll(() => t?.close());

describe('POST /api/company/chatbots', () => {
  it('creates a chatbot with every setting defaulted from the shared schema', async () => {
    const res = await tenants.as.adminA.post<ChatbotBody>(BASE, {
      name: 'Front desk',
      chatbotType: 'chat',
      chatModelId: catalog.chatModel,
      packageId: catalog.chatPackage,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const bot = res.body.chatbot;
    expect(bot).toMatchObject({
      name: 'Front desk',
      description: '',
      chatbotType: 'chat',
      chatModelId: catalog.chatModel,
      packageId: catalog.chatPackage,
      instructions: '',
      isActive: true,
      agentsList: [],
    });
    expect(bot).not.toHaveProperty('companyId');
    expect(bot.settings).toEqual(defaultChatbotSettings());
    expect(Object.keys(bot.settings.widget).length).toBeGreaterThanOrEqual(20);
    expect(bot.settings.widget).toMatchObject({
      title: 'Chat with us',
      primaryColor: '#2563eb',
      position: 'bottom-right',
      call: { buttonText: 'Call us', buttonIcon: 'phone' },
    });
    expect(bot.settings.call).toMatchObject({
      modelId: null,
      silenceTimeoutSec: 180,
      maxDurationMin: 10,
      vadThreshold: 0.5,
    });

    expect(await fetchBot(tenants.as.adminA, bot.id)).toEqual(bot);
    const list = await tenants.as.adminA.get<ListBody>(BASE);
    expect(list.status).toBe(200);
    expect(list.body.chatbots.map((b) => b.id)).toContain(bot.id);
  });

  it('gives each chatbot a unique publicId that is not its uuid', async () => {
    const bots = await Promise.all([1, 2, 3].map(() => createBot(tenants.as.adminA)));
    const publicIds = bots.map((b) => b.publicId);
    expect(new Set(publicIds).size).toBe(3);
    for (const bot of bots) {
      expect(bot.publicId).toMatch(/^[A-Za-z0-9_-]{8,40}$/);
      expect(bot.publicId).not.toBe(bot.id);
      expect(bot.publicId).not.toContain(bot.id.replaceAll('-', '').slice(0, 8));
    }
  });

  it('keeps the settings and agents given on create and fills in the rest', async () => {
    const bot = await createBot(tenants.as.adminA, {
      description: 'Answers the phone',
      instructions: 'Be brief.',
      settings: {
        widget: { title: 'Ask Alpha', call: { buttonText: 'Ring us' } },
        call: { maxDurationMin: 20 },
      },
      agentsList: [
        { id: 'sales', name: 'Sales', isDefault: true },
        { id: 'support', name: 'Support', instructions: 'Help customers.' },
      ],
    });
    const defaults = defaultChatbotSettings();
    expect(bot.settings).toEqual({
      widget: {
        ...defaults.widget,
        title: 'Ask Alpha',
        call: { ...defaults.widget.call, buttonText: 'Ring us' },
      },
      call: { ...defaults.call, maxDurationMin: 20 },
    });
    expect(bot.agentsList).toEqual([
      { id: 'sales', name: 'Sales', description: '', instructions: '', isDefault: true },
      {
        id: 'support',
        name: 'Support',
        description: '',
        instructions: 'Help customers.',
        isDefault: false,
      },
    ]);
    expect((await fetchBot(tenants.as.adminA, bot.id)).settings).toEqual(bot.settings);
  });

  it.each([
    ['name', { chatbotType: 'chat' }, undefined],
    ['chatbotType', { name: 'X', chatbotType: 'sms' }, undefined],
    ['name', { name: '   ', chatbotType: 'chat' }, undefined],
    [
      'settings.widget.primaryColor',
      { name: 'X', chatbotType: 'chat', settings: { widget: { primaryColor: 'red' } } },
      /hex colou?r/i,
    ],
    [
      'settings.call.silenceTimeoutSec',
      { name: 'X', chatbotType: 'chat', settings: { call: { silenceTimeoutSec: 10 } } },
      /30/,
    ],
    [
      'settings.call.vadThreshold',
      { name: 'X', chatbotType: 'chat', settings: { call: { vadThreshold: 1.5 } } },
      undefined,
    ],
    [
      'settings.widget.launcherSize',
      { name: 'X', chatbotType: 'chat', settings: { widget: { launcherSize: 500 } } },
      undefined,
    ],
    [
      'settings.widget.call.buttonIcon',
      { name: 'X', chatbotType: 'chat', settings: { widget: { call: { buttonIcon: 'rocket' } } } },
      undefined,
    ],
    [
      'settings.widget',
      { name: 'X', chatbotType: 'chat', settings: { widget: { sparkles: true } } },
      /sparkles/,
    ],
    ['settings', { name: 'X', chatbotType: 'chat', settings: { theme: 'dark' } }, /theme/],
    ['body', { name: 'X', chatbotType: 'chat', companyId: MISSING_ID }, /companyId/],
    [
      'agentsList',
      {
        name: 'X',
        chatbotType: 'chat',
        agentsList: [
          { id: 'a', name: 'A', isDefault: true },
          { id: 'b', name: 'B', isDefault: true },
        ],
      },
      /default/,
    ],
    [
      'agentsList.0.id',
      { name: 'X', chatbotType: 'chat', agentsList: [{ id: 'Not Valid', name: 'A' }] },
      undefined,
    ],
  ])('rejects an invalid %s with 400 and creates nothing', async (field, body, message) => {
    const before = await tenants.as.adminA.get<ListBody>(BASE);
    const { fields } = expectFieldError(await tenants.as.adminA.post(BASE, body), field);
    if (message) expect(fields?.[field]).toMatch(message);
    const after = await tenants.as.adminA.get<ListBody>(BASE);
    expect(after.body.chatbots.length).toBe(before.body.chatbots.length);
  });

  it('refuses a call-only model as the chat model', async () => {
    const res = await tenants.as.adminA.post(BASE, {
      name: 'X',
      chatbotType: 'chat',
      chatModelId: catalog.callModel,
    });
    expect(expectFieldError(res, 'chatModelId').fields?.chatModelId).toMatch(/chat/);
  });

  it('refuses an unknown chat model and a chat-only model for calls', async () => {
    expectFieldError(
      await tenants.as.adminA.post(BASE, {
        name: 'X',
        chatbotType: 'chat',
        chatModelId: MISSING_ID,
      }),
      'chatModelId',
    );
    const chatOnly = expectFieldError(
      await tenants.as.adminA.post(BASE, {
        name: 'X',
        chatbotType: 'call',
        settings: { call: { modelId: catalog.chatModel } },
      }),
      'settings.call.modelId',
    );
    expect(chatOnly.fields?.['settings.call.modelId']).toMatch(/call/);
  });

  it('refuses a package made for the other chatbot type', async () => {
    for (const [chatbotType, packageId, packageType] of [
      ['chat', catalog.callPackage, /call/],
      ['call', catalog.chatPackage, /chat/],
    ] as const) {
      const res = await tenants.as.adminA.post(BASE, { name: 'X', chatbotType, packageId });
      expect(expectFieldError(res, 'packageId').fields?.packageId).toMatch(packageType);
    }
  });

  it('creates a call chatbot with a call model and a call package', async () => {
    const bot = await createBot(tenants.as.adminA, {
      chatbotType: 'call',
      packageId: catalog.callPackage,
      settings: { call: { modelId: catalog.callModel, voice: 'cedar' } },
    });
    expect(bot.chatbotType).toBe('call');
    expect(bot.settings.call).toMatchObject({ modelId: catalog.callModel, voice: 'cedar' });
  });

  it('needs the Call Feature for a call chatbot, and works once the master admin enables it', async () => {
    const { company, client } = await companyWithAdmin({ callEnabled: false });
    const refused = await client.post(BASE, { name: 'Phone line', chatbotType: 'call' });
    expect(expectError(refused, 403, 'call_feature_disabled').message).toMatch(/Call Feature/);
    expect((await client.get<ListBody>(BASE)).body.chatbots).toEqual([]);

    // A chat chatbot is fine without the feature.
    await createBot(client, { chatbotType: 'chat' });

    const enable = await tenants.as.master.patch(`/api/master/companies/${company.id}/settings`, {
      features: { callEnabled: true },
    });
    expect(enable.status, JSON.stringify(enable.body)).toBe(200);

    const created = await client.post<ChatbotBody>(BASE, {
      name: 'Phone line',
      chatbotType: 'call',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.chatbot.chatbotType).toBe('call');
  });

  it('rejects malformed JSON with 400 and keeps serving', async () => {
    expectError(await tenants.as.adminA.post(BASE, '{"name": "Broken",'), 400, 'bad_request');
    expect((await tenants.as.adminA.get(BASE)).status).toBe(200);
  });
});

describe('PATCH /api/company/chatbots/:id', () => {
  it('deep-merges settings so untouched options keep their values', async () => {
    const admin = tenants.as.adminA;
    const bot = await createBot(admin, {
      settings: {
        widget: { title: 'Ask Alpha', call: { buttonText: 'Ring us', buttonColor: '#000000' } },
        call: { greeting: 'Hi there', maxDurationMin: 20 },
      },
    });

    const color = await admin.patch<ChatbotBody>(`${BASE}/${bot.id}`, {
      settings: { widget: { primaryColor: '#ff0000' } },
    });
    expect(color.status, JSON.stringify(color.body)).toBe(200);
    expect(color.body.chatbot.settings.widget).toMatchObject({
      primaryColor: '#ff0000',
      title: 'Ask Alpha',
      call: { buttonText: 'Ring us', buttonColor: '#000000' },
    });
    expect(color.body.chatbot.settings.call).toMatchObject({
      greeting: 'Hi there',
      maxDurationMin: 20,
    });

    const button = await admin.patch<ChatbotBody>(`${BASE}/${bot.id}`, {
      settings: { widget: { call: { buttonText: 'Talk now' } } },
    });
    expect(button.status, JSON.stringify(button.body)).toBe(200);
    expect(button.body.chatbot.settings.widget).toMatchObject({
      primaryColor: '#ff0000',
      title: 'Ask Alpha',
      call: { buttonText: 'Talk now', buttonColor: '#000000' },
    });

    const call = await admin.patch<ChatbotBody>(`${BASE}/${bot.id}`, {
      settings: { call: { vadThreshold: 0.7 } },
    });
    expect(call.status, JSON.stringify(call.body)).toBe(200);

    const defaults = defaultChatbotSettings();
    const stored = await fetchBot(admin, bot.id);
    expect(stored.settings).toEqual({
      widget: {
        ...defaults.widget,
        title: 'Ask Alpha',
        primaryColor: '#ff0000',
        call: { ...defaults.widget.call, buttonText: 'Talk now', buttonColor: '#000000' },
      },
      call: { ...defaults.call, greeting: 'Hi there', maxDurationMin: 20, vadThreshold: 0.7 },
    });
  });

  it('changes plain fields and leaves settings alone', async () => {
    const admin = tenants.as.adminA;
    const bot = await createBot(admin, { settings: { widget: { title: 'Keep me' } } });
    const res = await admin.patch<ChatbotBody>(`${BASE}/${bot.id}`, {
      name: 'Renamed',
      description: 'New text',
      instructions: 'Answer in English.',
      isActive: false,
      chatModelId: catalog.chatModel,
      packageId: catalog.chatPackage,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const stored = await fetchBot(admin, bot.id);
    expect(stored).toMatchObject({
      name: 'Renamed',
      description: 'New text',
      instructions: 'Answer in English.',
      isActive: false,
      chatModelId: catalog.chatModel,
      packageId: catalog.chatPackage,
      chatbotType: 'chat',
      publicId: bot.publicId,
    });
    expect(stored.settings).toEqual(bot.settings);

    const cleared = await admin.patch<ChatbotBody>(`${BASE}/${bot.id}`, {
      chatModelId: null,
      packageId: null,
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.chatbot).toMatchObject({ chatModelId: null, packageId: null });
  });

  it.each([
    ['settings.widget.primaryColor', { settings: { widget: { primaryColor: 'blue' } } }, /hex/],
    ['settings.call.silenceTimeoutSec', { settings: { call: { silenceTimeoutSec: 10 } } }, /30/],
    ['settings.call.maxDurationMin', { settings: { call: { maxDurationMin: 0 } } }, undefined],
    ['settings.widget.call', { settings: { widget: { call: { ringtone: 'x' } } } }, /ringtone/],
    ['body', { chatbotType: 'call' }, /chatbotType/],
    ['name', { name: '' }, undefined],
    [
      'agentsList',
      {
        agentsList: [
          { id: 'a', name: 'A', isDefault: true },
          { id: 'b', name: 'B', isDefault: true },
        ],
      },
      /default/,
    ],
  ])('rejects an invalid %s with 400 and changes nothing', async (field, body, message) => {
    const admin = tenants.as.adminA;
    const bot = await createBot(admin, { settings: { widget: { title: 'Stable' } } });
    const { fields } = expectFieldError(await admin.patch(`${BASE}/${bot.id}`, body), field);
    if (message) expect(fields?.[field]).toMatch(message);
    expect(await fetchBot(admin, bot.id)).toEqual(bot);
  });

  it('refuses a call-only chat model and a package of the other type', async () => {
    const admin = tenants.as.adminA;
    const bot = await createBot(admin);
    expectFieldError(
      await admin.patch(`${BASE}/${bot.id}`, { chatModelId: catalog.callModel }),
      'chatModelId',
    );
    expectFieldError(
      await admin.patch(`${BASE}/${bot.id}`, { packageId: catalog.callPackage }),
      'packageId',
    );
    expect(await fetchBot(admin, bot.id)).toEqual(bot);
  });

  it('answers 400 for an id that is not a uuid and 404 for an unknown one', async () => {
    expectFieldError(await tenants.as.adminA.patch(`${BASE}/nope`, { name: 'X' }), 'id');
    const missing = await tenants.as.adminA.patch(`${BASE}/${MISSING_ID}`, { name: 'X' });
    expectError(missing, 404, 'not_found');
  });

  it('rejects malformed JSON with 400 and keeps serving', async () => {
    const bot = await createBot(tenants.as.adminA);
    const res = await tenants.as.adminA.patch(`${BASE}/${bot.id}`, '{"name": ');
    expectError(res, 400, 'bad_request');
    expect(await fetchBot(tenants.as.adminA, bot.id)).toEqual(bot);
  });
});

describe('GET and DELETE /api/company/chatbots/:id', () => {
  it('deletes a chatbot so it is gone from GET and the list', async () => {
    const admin = tenants.as.adminA;
    const bot = await createBot(admin);
    const res = await admin.delete(`${BASE}/${bot.id}`);
    expect(res.status).toBe(204);
    expect((await admin.get(`${BASE}/${bot.id}`)).status).toBe(404);
    const list = await admin.get<ListBody>(BASE);
    expect(list.body.chatbots.map((b) => b.id)).not.toContain(bot.id);
    expect((await admin.delete(`${BASE}/${bot.id}`)).status).toBe(404);
  });

  it('answers 400 naming the id for a malformed id', async () => {
    expectFieldError(await tenants.as.adminA.get(`${BASE}/not-a-uuid`), 'id');
    expectFieldError(await tenants.as.adminA.delete(`${BASE}/not-a-uuid`), 'id');
  });
});

describe('chatbot access control', () => {
  it('answers 401 without a session', async () => {
    const bot = await createBot(tenants.as.adminA);
    const anonymous = tenants.as.anonymous;
    const responses = [
      await anonymous.get(BASE),
      await anonymous.post(BASE, { name: 'X', chatbotType: 'chat' }),
      await anonymous.get(`${BASE}/${bot.id}`),
      await anonymous.patch(`${BASE}/${bot.id}`, { name: 'Hacked' }),
      await anonymous.delete(`${BASE}/${bot.id}`),
    ];
    for (const res of responses) expectError(res, 401, 'unauthorized');
    expect(await fetchBot(tenants.as.adminA, bot.id)).toEqual(bot);
  });

  it('lets a support agent read but not create, change or delete', async () => {
    const bot = await createBot(tenants.as.adminA);
    const agent = tenants.as.agentA;
    const list = await agent.get<ListBody>(BASE);
    expect(list.status).toBe(200);
    expect(list.body.chatbots.map((b) => b.id)).toContain(bot.id);
    expect(await fetchBot(agent, bot.id)).toEqual(bot);

    const before = list.body.chatbots.length;
    const writes = [
      await agent.post(BASE, { name: 'Agent bot', chatbotType: 'chat' }),
      await agent.patch(`${BASE}/${bot.id}`, { name: 'Agent rename' }),
      await agent.delete(`${BASE}/${bot.id}`),
    ];
    for (const res of writes) expectError(res, 403, 'forbidden');
    expect(await fetchBot(tenants.as.adminA, bot.id)).toEqual(bot);
    expect((await agent.get<ListBody>(BASE)).body.chatbots.length).toBe(before);
  });

  it("answers 404 to another company's admin and leaves the chatbot unchanged", async () => {
    const bot = await createBot(tenants.as.adminA, {
      settings: { widget: { title: 'Alpha only' } },
    });
    const intruder = tenants.as.adminB;
    const responses = [
      await intruder.get(`${BASE}/${bot.id}`),
      await intruder.patch(`${BASE}/${bot.id}`, {
        name: 'Taken over',
        settings: { widget: { title: 'Beta now' } },
      }),
      await intruder.delete(`${BASE}/${bot.id}`),
    ];
    for (const res of responses) expectError(res, 404, 'not_found');
    expect(await fetchBot(tenants.as.adminA, bot.id)).toEqual(bot);
  });

  it("never lists another company's chatbots", async () => {
    const botA = await createBot(tenants.as.adminA);
    const botB = await createBot(tenants.as.adminB);
    const listA = (await tenants.as.adminA.get<ListBody>(BASE)).body.chatbots.map((b) => b.id);
    const listB = (await tenants.as.adminB.get<ListBody>(BASE)).body.chatbots.map((b) => b.id);
    expect(listA).toContain(botA.id);
    expect(listA).not.toContain(botB.id);
    expect(listB).toEqual([botB.id]);
  });
});
