import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CHATBOT_PUBLIC_ID } from '../../src/server/seed/demo.js';
import {
  callDemoChatbot,
  createServerStore,
  exitWithin,
  type ServerStore,
  startServer,
} from '../helpers/spawned-demo.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

describe('GET /api/health/ready', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is ready with the database (and Redis when configured) answering', async () => {
    const res = await t.client().get('/api/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', liveCalls: 0 });
  });
});

describe('readiness while a node drains after SIGTERM', { timeout: 90_000 }, () => {
  let store: ServerStore;
  beforeAll(async () => {
    store = await createServerStore();
  });
  afterAll(() => store.remove());

  it('answers 503 draining with its live call while liveness stays 200, and refuses new calls', async () => {
    const { server, baseUrl } = await startServer({ ...store.env, SHUTDOWN_GRACE_MS: '20000' });
    expect((await fetch(`${baseUrl}/api/health/ready`)).status).toBe(200);
    const { client } = await callDemoChatbot(baseUrl);

    server.child.kill('SIGTERM');
    await expect
      .poll(async () => (await fetch(`${baseUrl}/api/health/ready`)).status, { timeout: 10_000 })
      .toBe(503);
    const ready = await fetch(`${baseUrl}/api/health/ready`);
    expect(await ready.json()).toMatchObject({
      status: 'not_ready',
      reason: 'draining',
      liveCalls: 1,
    });
    // The process is alive and well: an orchestrator must not kill it for draining.
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
    const refused = await fetch(`${baseUrl}/api/widget/call/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chatbotId: DEMO_CHATBOT_PUBLIC_ID }),
    });
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: 'shutting_down' });

    client.sendJson({ type: 'end' });
    await client.waitFor('call.ended', () => true, 10_000);
    expect(await exitWithin(server, 15_000)).toBe(0);
  });
});
