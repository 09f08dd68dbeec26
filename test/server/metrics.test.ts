import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeCallerTurn } from '../fakes/openai-realtime-server.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';
import {
  bargeInExchange,
  type GatewayWorld,
  hangUp,
  newCallSession,
  startBrowserCall,
  startGatewayWorld,
} from './voice/browser-gateway-setup.js';

const root = path.resolve(import.meta.dirname, '../..');
const TOKEN = 'metrics-token-0123456789abcdef';

/** One sample's value from Prometheus text, or 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.slice(name.length).split(' ')[0] ?? '';
    if (wanted.every((pair) => labelText.includes(pair))) return Number(line.split(' ').at(-1));
  }
  return 0;
}

describe('/metrics with METRICS_TOKEN', () => {
  let world: GatewayWorld;
  const turns: FakeCallerTurn[] = [];
  const scrape = async () => {
    const res = await fetch(`${world.t.url}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return res.text();
  };
  beforeAll(async () => {
    world = await startGatewayWorld(
      { turns, turnAfterAudioMs: 300 },
      {
        METRICS_TOKEN: TOKEN,
        WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
        WEBHOOK_RETRY_INTERVALS_MS: '100',
        WEBHOOK_POLL_MS: '50',
      },
    );
  });
  afterAll(() => world?.close());

  it('refuses a missing or wrong token with 401', async () => {
    const missing = await fetch(`${world.t.url}/metrics`);
    expect(missing.status).toBe(401);
    const wrong = await fetch(`${world.t.url}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN.replace('0', '1')}` },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('buzzi_');
  });

  it('counts a real call: live while it runs, its outcome, connect time and first audio', async () => {
    const labels = { source: 'web', provider: 'openai' };
    const before = await scrape();
    expect(sample(before, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(before).toContain('buzzi_knowledge_ingestion_queue 0');
    const endedBefore = sample(before, 'buzzi_calls_ended_total', {
      ...labels,
      status: 'completed',
      end_reason: 'caller_ended',
    });

    const bot = await world.createCallBot();
    const client = await startBrowserCall(await newCallSession(world.visitor(), bot.publicId));
    await expect
      .poll(
        async () =>
          sample(await scrape(), 'buzzi_first_agent_audio_seconds_count', {
            provider: 'openai',
          }),
        {
          timeout: 10_000,
        },
      )
      .toBe(1);
    const during = await scrape();
    expect(sample(during, 'buzzi_live_calls', labels)).toBe(1);
    expect(sample(during, 'buzzi_provider_connect_seconds_count', { provider: 'openai' })).toBe(1);

    expect(await hangUp(client)).toMatchObject({ reason: 'caller_ended' });
    const after = await scrape();
    expect(sample(after, 'buzzi_live_calls', labels)).toBe(0);
    expect(
      sample(after, 'buzzi_calls_ended_total', {
        ...labels,
        status: 'completed',
        end_reason: 'caller_ended',
      }),
    ).toBe(endedBefore + 1);
    // Latency by route pattern, never by a path holding ids.
    expect(
      sample(after, 'buzzi_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/widget/call/session',
        status_class: '2xx',
      }),
    ).toBe(1);
    expect(after).not.toContain(world.tenants.companyA.id);
    expect(after).not.toContain(bot.publicId);
  });

  it('times a real call with a barge-in: voice-to-voice, barge-in reaction, frames, drops', async () => {
    const before = await scrape();
    const delta = async (name: string, labels: Record<string, string>) =>
      sample(await scrape(), name, labels) - sample(before, name, labels);
    const bot = await world.createCallBot();
    const session = await newCallSession(world.visitor(), bot.publicId);
    const client = await startBrowserCall(session);
    // The second turn starts while the first 4 s answer plays: a barge-in.
    await bargeInExchange(client, session.inputSampleRate, turns);
    client.socket.send(Buffer.alloc(3));
    await client.waitFor('error');
    await hangUp(client);

    const openai = { provider: 'openai' };
    // Both answers: the first, and the one after the barge-in.
    expect(await delta('buzzi_voice_to_voice_seconds_count', openai)).toBe(2);
    const voiceToVoiceS = await delta('buzzi_voice_to_voice_seconds_sum', openai);
    expect(voiceToVoiceS).toBeGreaterThan(0);
    expect(voiceToVoiceS / 2).toBeLessThan(2);
    expect(await delta('buzzi_barge_in_reaction_seconds_count', openai)).toBe(1);
    const reactionS = await delta('buzzi_barge_in_reaction_seconds_sum', openai);
    expect(reactionS).toBeGreaterThan(0);
    expect(reactionS).toBeLessThan(0.1);
    // A second of caller audio is 50 frames, one in 8 of them timed; the agent's answers many more.
    const callerFrames = await delta('buzzi_gateway_frame_latency_seconds_count', {
      direction: 'caller',
    });
    expect(callerFrames).toBeGreaterThanOrEqual(6);
    expect(callerFrames).toBeLessThanOrEqual(7);
    const callerS = await delta('buzzi_gateway_frame_latency_seconds_sum', { direction: 'caller' });
    expect(callerS).toBeGreaterThan(0);
    expect(callerS / callerFrames).toBeLessThan(0.01);
    expect(
      await delta('buzzi_gateway_frame_latency_seconds_count', { direction: 'agent' }),
    ).toBeGreaterThan(0);
    expect(
      await delta('buzzi_gateway_frames_dropped_total', { direction: 'caller', reason: 'invalid' }),
    ).toBe(1);
    expect(
      sample(await scrape(), 'buzzi_gateway_frames_dropped_total', {
        direction: 'agent',
        reason: 'overflow',
      }),
    ).toBe(0);
  });

  it('counts failed webhook deliveries: a retry, then giving up', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      receiver.status = () => 500;
      const res = await world.tenants.as.adminA.post<{ secret: string }>('/api/company/webhooks', {
        url: receiver.url,
        events: ['call.started'],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const bot = await world.createCallBot();
      const client = await startBrowserCall(await newCallSession(world.visitor(), bot.publicId));
      const failures = async (outcome: string) =>
        sample(await scrape(), 'buzzi_webhook_delivery_failures_total', { outcome });
      await expect.poll(() => failures('gave_up'), { timeout: 10_000 }).toBe(1);
      expect(await failures('retrying')).toBe(1);
      await hangUp(client);
    } finally {
      await receiver.close();
    }
  });
});

describe('the Grafana dashboard in deploy/grafana/buzzi.json', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => t.close());

  it('charts only metrics that /metrics exposes', async () => {
    const dashboard = await readFile(path.join(root, 'deploy/grafana/buzzi.json'), 'utf8');
    const used = new Set(
      [...dashboard.matchAll(/\b((?:buzzi|nodejs|process)_[a-z0-9_]+)/g)].map(([, name]) =>
        (name as string).replace(/_(bucket|count|sum)$/, ''),
      ),
    );
    expect(used.size).toBeGreaterThan(8);
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const exposed = await res.text();
    for (const name of used) expect(exposed, name).toContain(`# TYPE ${name} `);
  });
});

describe('/metrics when the provider refuses a connect attempt', () => {
  let world: GatewayWorld;
  beforeAll(async () => {
    world = await startGatewayWorld({ refuse: [503] }, { METRICS_TOKEN: TOKEN });
  });
  afterAll(() => world?.close());

  it('counts the failed attempt by provider and code, and the retry that connected', async () => {
    const bot = await world.createCallBot();
    const client = await startBrowserCall(await newCallSession(world.visitor(), bot.publicId));
    const res = await fetch(`${world.t.url}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const text = await res.text();
    expect(
      sample(text, 'buzzi_provider_connect_failures_total', {
        provider: 'openai',
        code: 'server_error',
      }),
    ).toBe(1);
    expect(sample(text, 'buzzi_provider_connect_seconds_count', { provider: 'openai' })).toBe(1);
    await hangUp(client);
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('does not exist: 404 like any unknown path', async () => {
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer anything' } });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('buzzi_');
  });
});
