import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { callModelProblem } from '../../src/server/voice/calls/call-readiness.js';
import { expectError } from '../helpers/expect-error.js';
import { createTenants, seededModelId } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createCallChatbot } from '../helpers/widget-visitor.js';
import { CallClient } from './voice/browser-gateway-client.js';
import { newCallSession, socketUrl } from './voice/browser-gateway-setup.js';

type Notification = {
  id: string;
  kind: string;
  reason: string;
  title: string;
  body: string;
  chatbot: { id: string; name: string } | null;
  occurrences: number;
  readAt: string | null;
};
type NotificationList = { notifications: Notification[]; unreadCount: number };
type Warning = { field: string; message: string };

const NO_OPENAI_KEY =
  'OpenAI is not configured on this server (OPENAI_API_KEY): callers will not be able to connect.';

// No provider key at all: every call to a realtime model fails for the server's configuration.
let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let realtimeId: string;
let liveId: string;

const createCallBot = (name: string) => createCallChatbot(tenants.as.adminA, name, realtimeId);

/** A caller presses Call: the socket opens, the model cannot be reached, the call ends. */
async function failedCall(publicId: string) {
  const session = await newCallSession(t.client(), publicId);
  const client = await CallClient.connect(socketUrl(session), session.outputSampleRate);
  const error = await client.waitFor('error');
  await client.closed;
  return error;
}

const listOf = async (client = tenants.as.adminA) =>
  (await client.get<NotificationList>('/api/company/notifications')).body;

async function notificationFor(chatbotId: string, occurrences: number) {
  await expect
    .poll(async () => {
      const unread = (await listOf()).notifications.filter(
        (n) => n.chatbot?.id === chatbotId && n.readAt === null,
      );
      return unread.map((n) => n.occurrences);
    })
    .toEqual([occurrences]);
  const found = (await listOf()).notifications.find(
    (n) => n.chatbot?.id === chatbotId && n.readAt === null,
  );
  if (!found) throw new Error('notification missing');
  return found;
}

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t, { callEnabled: true });
  realtimeId = await seededModelId(t.db, 'gpt-realtime');
  liveId = await seededModelId(t.db, 'gemini-3.8-live');
});
afterAll(() => t?.close());

describe('Call Options warns about a call model this server cannot reach', () => {
  it('saves the model, and the answer warns that callers will not connect', async () => {
    const bot = await createCallBot('Warned desk');
    const path = `/api/company/chatbots/${bot.id}/call-settings`;
    const saved = await tenants.as.adminA.patch<{ callSettings: unknown; warnings: Warning[] }>(
      path,
      { modelId: liveId },
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.callSettings).toMatchObject({ modelId: liveId });
    expect(saved.body.warnings).toEqual([
      {
        field: 'modelId',
        message:
          'Google Gemini is not configured on this server (GEMINI_API_KEY): callers will not be able to connect.',
      },
    ]);
    const back = await tenants.as.adminA.patch<{ warnings: Warning[] }>(path, {
      modelId: realtimeId,
    });
    expect(back.body.warnings).toEqual([{ field: 'modelId', message: NO_OPENAI_KEY }]);
    // Reading the settings shows the same warning, so the form can show it before any change.
    const read = await tenants.as.adminA.get<{ warnings: Warning[] }>(path);
    expect(read.body.warnings).toEqual([{ field: 'modelId', message: NO_OPENAI_KEY }]);
  });

  it('lists which call models can take calls here, for the model picker', async () => {
    const res = await tenants.as.adminA.get<{
      models: Array<{ id: string; problem: string | null }>;
    }>('/api/company/call-models/readiness');
    expect(res.status).toBe(200);
    expect(res.body.models).toContainEqual({ id: realtimeId, problem: NO_OPENAI_KEY });
    expectError(
      await tenants.as.agentA.get('/api/company/call-models/readiness'),
      403,
      'forbidden',
    );
  });

  it('does not warn once the provider has a key', async () => {
    const providers = loadConfig({ OPENAI_API_KEY: 'sk-configured' }).providers;
    expect(await callModelProblem({ provider: 'openai' }, { providers })).toBeNull();
    expect(await callModelProblem({ provider: 'gemini' }, { providers })).toMatchObject({
      reason: 'missing_key',
    });
    const ready = { status: async () => ({ available: true }) as never };
    expect(await callModelProblem({ provider: 'local' }, { providers, localVoice: ready })).toBe(
      null,
    );
  });
});

describe('a call that fails for the server configuration notifies the admins', () => {
  it('stores one unread notification per chatbot and reason, counting repeats', async () => {
    const bot = await createCallBot('Front phone');
    const error = await failedCall(bot.publicId);
    expect(error).toMatchObject({ code: 'provider_unavailable' });
    const first = await notificationFor(bot.id, 1);
    expect(first).toMatchObject({
      kind: 'call_failed',
      reason: 'missing_key',
      title: 'Calls to Front phone cannot connect',
      body: NO_OPENAI_KEY,
      chatbot: { id: bot.id, name: 'Front phone' },
      readAt: null,
    });

    await failedCall(bot.publicId);
    await failedCall(bot.publicId);
    const folded = await notificationFor(bot.id, 3);
    expect(folded.id).toBe(first.id);
    expect((await listOf()).unreadCount).toBeGreaterThanOrEqual(1);

    const read = await tenants.as.adminA.post<{ notification: { readAt: string | null } }>(
      `/api/company/notifications/${first.id}/read`,
      {},
    );
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.notification.readAt).not.toBeNull();
    const after = (await listOf()).notifications.find((n) => n.id === first.id);
    expect(after?.readAt).not.toBeNull();

    // Once read, the next failure is news again.
    await failedCall(bot.publicId);
    const fresh = await notificationFor(bot.id, 1);
    expect(fresh.id).not.toBe(first.id);
  });

  it('is for signed-in admins of that company only', async () => {
    const bot = await createCallBot('Private phone');
    await failedCall(bot.publicId);
    const mine = await notificationFor(bot.id, 1);

    expectError(await tenants.as.anonymous.get('/api/company/notifications'), 401, 'unauthorized');
    expectError(
      await tenants.as.anonymous.post(`/api/company/notifications/${mine.id}/read`, {}),
      401,
      'unauthorized',
    );
    expectError(await tenants.as.agentA.get('/api/company/notifications'), 403, 'forbidden');

    const other = await listOf(tenants.as.adminB);
    expect(other.notifications.map((n) => n.id)).not.toContain(mine.id);
    expectError(
      await tenants.as.adminB.post(`/api/company/notifications/${mine.id}/read`, {}),
      404,
      'not_found',
    );
    expect((await notificationFor(bot.id, 1)).readAt).toBeNull();
    expectError(
      await tenants.as.adminA.post('/api/company/notifications/not-a-uuid/read', {}),
      400,
      'validation_error',
    );
  });
});
