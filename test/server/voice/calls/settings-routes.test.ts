import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiModels, chatbots } from '../../../../src/server/db/schema/index.js';
import {
  type CallSettings,
  callSettingsSchema,
  defaultChatbotSettings,
} from '../../../../src/shared/chatbot-settings.js';
import type { ApiClient } from '../../../helpers/api-client.js';
import {
  expectError,
  expectFieldError,
  expectServerStillServes,
} from '../../../helpers/expect-error.js';
import { createCompany, createTenants, createUser, login } from '../../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../../helpers/test-app.js';

type Body = { callSettings: CallSettings };

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;

const path = (id: string) => `/api/company/chatbots/${id}/call-settings`;
const DEFAULTS = callSettingsSchema.parse({});

async function createChatbot(client: ApiClient, chatbotType: 'chat' | 'call', name = 'Front desk') {
  const res = await client.post<{ chatbot: { id: string } }>('/api/company/chatbots', {
    name,
    chatbotType,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.chatbot.id;
}

async function storedSettings(id: string) {
  const [row] = await t.db
    .select({ settings: chatbots.settings })
    .from(chatbots)
    .where(eq(chatbots.id, id));
  return row?.settings;
}

async function modelId(provider: 'openai' | 'gemini', id: string) {
  const [row] = await t.db
    .select({ id: aiModels.id })
    .from(aiModels)
    .where(and(eq(aiModels.provider, provider), eq(aiModels.modelId, id)));
  if (!row) throw new Error('model missing');
  return row.id;
}

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t, { callEnabled: true });
});
afterAll(() => t?.close());

describe('GET/PATCH /api/company/chatbots/:id/call-settings', () => {
  it('reads the defaults, then deep-merges each patch and leaves every other setting alone', async () => {
    const id = await createChatbot(tenants.as.adminA, 'call');
    const widget = await tenants.as.adminA.patch(`/api/company/chatbots/${id}`, {
      settings: { widget: { title: 'Call Alpha Dental' } },
    });
    expect(widget.status).toBe(200);

    const initial = await tenants.as.adminA.get<Body>(path(id));
    expect(initial.status).toBe(200);
    expect(initial.body.callSettings).toEqual(DEFAULTS);
    expect(initial.body.callSettings.urgentKeywords).toEqual([
      'emergency',
      'urgent',
      'pain',
      'bleeding',
    ]);

    const first = await tenants.as.adminA.patch<Body>(path(id), {
      greeting: 'Alpha Dental, good morning!',
      silenceTimeoutSec: 60,
      urgentKeywords: ['toothache', 'swelling'],
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const second = await tenants.as.adminA.patch<Body>(path(id), {
      allowInterruption: false,
      modelId: await modelId('gemini', 'gemini-3.8-live'),
      voice: 'Kore',
    });
    expect(second.body.callSettings).toEqual({
      ...DEFAULTS,
      greeting: 'Alpha Dental, good morning!',
      silenceTimeoutSec: 60,
      urgentKeywords: ['toothache', 'swelling'],
      allowInterruption: false,
      modelId: await modelId('gemini', 'gemini-3.8-live'),
      voice: 'Kore',
    });
    const stored = await storedSettings(id);
    expect(stored?.call).toEqual(second.body.callSettings);
    expect(stored?.widget.title).toBe('Call Alpha Dental');
    expect((await tenants.as.adminA.get<Body>(path(id))).body).toEqual(second.body);

    const reset = await tenants.as.adminA.patch<Body>(path(id), { modelId: null });
    expect(reset.body.callSettings).toMatchObject({ modelId: null, voice: 'Kore' });
  });

  it.each([
    ['silenceTimeoutSec', 29],
    ['silenceTimeoutSec', 301],
    ['maxDurationMin', 0],
    ['maxDurationMin', 61],
    ['speed', 2.5],
    ['vadThreshold', 1.5],
    ['greeting', 'x'.repeat(501)],
    ['allowInterruption', 'yes'],
    ['urgentKeywords', 'pain'],
    ['urgentKeywords.0', ['']],
  ])('answers 400 naming %s for an invalid value and changes nothing', async (field, value) => {
    const id = await createChatbot(tenants.as.adminA, 'call');
    const before = await storedSettings(id);
    const [key = field] = field.split('.');
    expectFieldError(await tenants.as.adminA.patch(path(id), { [key]: value }), field);
    expect(await storedSettings(id)).toEqual(before);
  });

  it('answers 400 naming modelId unless it is an active call model', async () => {
    const id = await createChatbot(tenants.as.adminA, 'call');
    const chatModel = await modelId('openai', 'gpt-5-mini');
    const [inactive] = await t.db
      .insert(aiModels)
      .values({
        provider: 'openai',
        modelId: `gpt-realtime-old-${randomBytes(3).toString('hex')}`,
        displayName: 'Old realtime',
        modelType: 'call',
        isActive: false,
      })
      .returning();
    for (const candidate of [
      chatModel,
      inactive?.id,
      '00000000-0000-4000-8000-000000000000',
      'abc',
    ]) {
      const body = expectFieldError(
        await tenants.as.adminA.patch(path(id), { modelId: candidate }),
        'modelId',
      );
      if (candidate === chatModel) expect(body.fields?.modelId).toMatch(/cannot answer calls/);
    }
    expect((await storedSettings(id))?.call.modelId).toBeNull();
  });

  it('answers 400 for unknown fields and malformed JSON, and keeps serving', async () => {
    const id = await createChatbot(tenants.as.adminA, 'call');
    expectError(
      await tenants.as.adminA.patch(path(id), { colour: 'red' }),
      400,
      'validation_error',
    );
    expectError(await tenants.as.adminA.patch(path(id), '{"greeting": '), 400, 'bad_request');
    expectFieldError(await tenants.as.adminA.get(path('not-a-uuid')), 'id');
    await expectServerStillServes(tenants.as.adminA);
  });

  it('answers 409 for a chat chatbot', async () => {
    const id = await createChatbot(tenants.as.adminA, 'chat', 'Website chat');
    const body = expectError(await tenants.as.adminA.get(path(id)), 409, 'conflict');
    expect(body.message).toMatch(/call chatbots/);
    expectError(await tenants.as.adminA.patch(path(id), { greeting: 'Hi' }), 409, 'conflict');
  });
});

describe('call settings security', () => {
  it('answers 401 without a session', async () => {
    const id = await createChatbot(tenants.as.adminA, 'call');
    expectError(await tenants.as.anonymous.get(path(id)), 401, 'unauthorized');
    expectError(
      await tenants.as.anonymous.patch(path(id), { greeting: 'Hacked' }),
      401,
      'unauthorized',
    );
  });

  it('answers 403 to a support agent', async () => {
    const id = await createChatbot(tenants.as.adminA, 'call');
    expectError(await tenants.as.agentA.get(path(id)), 403, 'forbidden');
    expectError(await tenants.as.agentA.patch(path(id), { greeting: 'Hacked' }), 403, 'forbidden');
    expect((await storedSettings(id))?.call.greeting).toBe(DEFAULTS.greeting);
  });

  it('answers 404 for another company’s chatbot and leaves it unchanged', async () => {
    const idB = await createChatbot(tenants.as.adminB, 'call');
    const before = await storedSettings(idB);
    expectError(await tenants.as.adminA.get(path(idB)), 404, 'not_found');
    expectError(await tenants.as.adminA.patch(path(idB), { greeting: 'Hacked' }), 404, 'not_found');
    expect(await storedSettings(idB)).toEqual(before);
    expectError(
      await tenants.as.adminA.get(path('00000000-0000-4000-8000-000000000000')),
      404,
      'not_found',
    );
  });

  it('answers 403 call_feature_disabled while the Call Feature is off', async () => {
    const company = await createCompany(t.db, { callEnabled: false });
    const admin = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'company_admin' }],
    });
    const client = await login(t, admin.email);
    const [bot] = await t.db
      .insert(chatbots)
      .values({
        companyId: company.id,
        publicId: `cb_${randomBytes(9).toString('base64url')}`,
        name: 'Old line',
        chatbotType: 'call',
        settings: defaultChatbotSettings(),
      })
      .returning();
    if (!bot) throw new Error('chatbot insert failed');
    expectError(await client.get(path(bot.id)), 403, 'call_feature_disabled');
    expectError(await client.patch(path(bot.id), { greeting: 'Hi' }), 403, 'call_feature_disabled');
  });
});
