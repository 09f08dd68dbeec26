import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, type ClusterNode, startCluster } from '../../../scripts/cluster/cluster.js';
import { type DatabaseHandle, openDatabase } from '../../../src/server/db/client.js';
import { calls, callTranscripts } from '../../../src/server/db/schema/index.js';
import { DEMO_CHATBOT_PUBLIC_ID } from '../../../src/server/seed/demo.js';
import {
  FAKE_OPENAI_KEY,
  type FakeCallerTurn,
  type FakeOpenAIRealtime,
  startFakeOpenAIRealtime,
} from '../../fakes/openai-realtime-server.js';
import { ApiClient } from '../../helpers/api-client.js';
import { createDatabaseCopy } from '../../helpers/postgres.js';
import { SseClient } from '../../helpers/sse.js';
import {
  agentFinals,
  type ClusterCall,
  droppedFrames,
  startClusterCall,
  utterance,
} from './cluster-callers.js';

// Three nodes behind HAProxy (deploy/haproxy/buzzi.cfg) on PostgreSQL and
// Redis, answering with the fake OpenAI Realtime server in this process.
// The 30 calls hold on a shared 2-core machine (about a minute).
const CALLS = 30;
const LATE_CALLS = 4;
const GRACE_MS = 8000;
const STALE_AFTER_MS = 5000;
const PASSWORD = 'cluster-password-0123';
const GREETING = 'Hello from the cluster.';
const GREETING_AUDIO_MS = 600; // the fake's default answer length
const ANSWER = 'Sure, when suits you?';
const ANSWER_AUDIO_MS = 1000;
const TURN: FakeCallerTurn = {
  transcript: 'I would like an appointment',
  reply: { say: ANSWER, audioMs: ANSWER_AUDIO_MS },
};
const audioMsOf = (line: string) => (line === GREETING ? GREETING_AUDIO_MS : ANSWER_AUDIO_MS);

const cluster = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

describe.skipIf(!cluster)('three nodes behind HAProxy', { timeout: 240_000 }, () => {
  let fake: FakeOpenAIRealtime;
  let copy: Awaited<ReturnType<typeof createDatabaseCopy>>;
  let world: Cluster;
  let database: DatabaseHandle;
  let admin: ApiClient;
  const turns: FakeCallerTurn[] = [];

  beforeAll(async () => {
    fake = await startFakeOpenAIRealtime({ turns, pacing: 'realtime', chunkMs: 100 });
    copy = await createDatabaseCopy(process.env.DATABASE_URL as string);
    world = await startCluster({
      databaseUrl: copy.url,
      redisUrl: process.env.REDIS_URL as string,
      env: {
        OPENAI_API_KEY: FAKE_OPENAI_KEY,
        OPENAI_BASE_URL: fake.url,
        BUZZI_DEMO_PASSWORD: PASSWORD,
        SHUTDOWN_GRACE_MS: String(GRACE_MS),
        CALL_STALE_AFTER_MS: String(STALE_AFTER_MS),
        // Nothing here calls the offline engine: keep three nodes' start light.
        LOCAL_VOICE_WARM_START: 'false',
      },
    });
    database = await openDatabase({ kind: 'postgres', url: copy.url });
    admin = await prepareDemoCallLine(world.url);
  }, 180_000);

  afterAll(async () => {
    await world?.stop();
    await database?.close();
    await copy?.drop();
    await fake?.close();
  });

  const nodeOf = async (ids: string[]) => {
    const rows = await database.db
      .select({ id: calls.id, nodeId: calls.nodeId })
      .from(calls)
      .where(inArray(calls.id, ids));
    return new Map(rows.map((row) => [row.id, row.nodeId]));
  };
  const nodeById = (nodeId: string | null | undefined) =>
    world.nodes.find((node) => node.nodeId === nodeId);

  /** One caller turn: speak, then hear the whole answer. */
  const talk = async (call: ClusterCall) => {
    turns.push(TURN);
    const answers = agentFinals(call.client).length;
    await call.client.streamAudio(utterance(call.inputSampleRate), call.inputSampleRate);
    await call.client.until(
      () => agentFinals(call.client).length > answers,
      'the agent to answer',
      30_000,
    );
  };

  it('spreads calls, streams them to a dashboard anywhere, survives a drain and a crash', async () => {
    const dashboard = await SseClient.open(`${world.url}/api/company/calls/events`, {
      cookie: admin.cookieHeader,
    });
    const dashboardNode = world.nodes.find(
      (node) => node.name === dashboard.response.headers.get('x-buzzi-node'),
    ) as ClusterNode;
    expect(dashboardNode).toBeDefined();

    // N calls through HAProxy, a few at a time, each greeted and answered once.
    const started: ClusterCall[] = [];
    for (let i = 0; i < CALLS; i += 4) {
      const batch = Array.from({ length: Math.min(4, CALLS - i) }, (_, k) =>
        startClusterCall(world.url, DEMO_CHATBOT_PUBLIC_ID, i + k),
      );
      started.push(...(await Promise.all(batch)));
    }
    await Promise.all(
      started.map(async (call) => {
        await call.client.until(() => agentFinals(call.client).length > 0, 'the greeting', 30_000);
        await talk(call);
      }),
    );
    const placement = await nodeOf(started.map((call) => call.callId));
    const callsOn = (node: ClusterNode, list = started) =>
      list.filter((call) => placement.get(call.callId) === node.nodeId);
    const spread = world.nodes.map((node) => callsOn(node).length);
    console.log(`calls per node through HAProxy: ${spread.join(' / ')}`);
    for (const count of spread) expect(count).toBeGreaterThan(0);

    // The dashboard's stream, on one node, shows every line of every call.
    const lineKey = (callId: string, speaker: unknown, text: unknown) =>
      `${callId} ${speaker} ${text}`;
    const heard = started.flatMap((call) =>
      call.client.eventsOf('transcript.final').map((e) => lineKey(call.callId, e.speaker, e.text)),
    );
    expect(heard.length).toBeGreaterThanOrEqual(CALLS * 2);
    await expect
      .poll(
        () => {
          const shown = new Set(
            dashboard
              .all<{ callId: string; line: { speaker: string; text: string } }>('call.transcript')
              .map((e) => lineKey(e.callId, e.line.speaker, e.line.text)),
          );
          return heard.filter((line) => !shown.has(line));
        },
        { timeout: 30_000 },
      )
      .toEqual([]);

    // A call ended from a node that does not run it.
    const [sigtermNode, sigkillNode] = world.nodes.filter((node) => node !== dashboardNode) as [
      ClusterNode,
      ClusterNode,
    ];
    const endedByStaff = callsOn(dashboardNode)[0] as ClusterCall;
    const ended = await new ApiClient(sigtermNode.url).request(
      'POST',
      `/api/company/calls/${endedByStaff.callId}/end`,
      {},
      { cookie: admin.cookieHeader },
    );
    expect(ended.status, JSON.stringify(ended.body)).toBe(204);
    const staffEnd = await endedByStaff.client.waitFor('call.ended', () => true, 15_000);
    expect(staffEnd.reason).toBe('ended_by_staff');

    // SIGTERM: the node drains; HAProxy takes it out while its calls finish.
    const draining = callsOn(sigtermNode);
    expect(draining.length).toBeGreaterThan(0);
    const sigtermAt = Date.now();
    sigtermNode.kill('SIGTERM');
    await world.waitForStates({ [sigtermNode.name]: 'DOWN' }, GRACE_MS);
    expect(sigtermNode.child.exitCode, 'HAProxy saw the drain before the exit').toBeNull();
    const late = await Promise.all(
      Array.from({ length: LATE_CALLS }, (_, k) =>
        startClusterCall(world.url, DEMO_CHATBOT_PUBLIC_ID, CALLS + k),
      ),
    );
    const latePlacement = await nodeOf(late.map((call) => call.callId));
    for (const call of late) {
      expect(latePlacement.get(call.callId)).not.toBe(sigtermNode.nodeId);
      placement.set(call.callId, latePlacement.get(call.callId) ?? null);
    }
    await Promise.all(
      draining.map(async (call) => {
        const end = await call.client.waitFor('call.ended', () => true, GRACE_MS + 15_000);
        expect(end.reason).toBe('server_shutdown');
        await call.client.closed;
      }),
    );
    const drainedWithinMs = Date.now() - sigtermAt;
    expect(await sigtermNode.exited).toBe(0);
    expect(drainedWithinMs).toBeLessThan(GRACE_MS + 15_000);

    // SIGKILL: the survivors close the dead node's calls as failed.
    const crashed = callsOn(sigkillNode, [...started, ...late]);
    expect(crashed.length).toBeGreaterThan(0);
    const sigkillAt = Date.now();
    sigkillNode.kill('SIGKILL');
    await Promise.all(crashed.map((call) => call.client.closed));
    const crashedIds = crashed.map((call) => call.callId);
    await expect
      .poll(
        async () =>
          (
            await database.db
              .select({ status: calls.status, endReason: calls.endReason })
              .from(calls)
              .where(inArray(calls.id, crashedIds))
          ).filter((row) => row.status !== 'failed' || row.endReason !== 'server_restart').length,
        { timeout: STALE_AFTER_MS * 2 + 20_000, interval: 500 },
      )
      .toBe(0);
    console.log(
      `calls of the killed node closed by the survivor after ${Date.now() - sigkillAt} ms`,
    );
    await world.waitForStates({ [sigkillNode.name]: 'DOWN' }, 15_000);

    // The survivor's calls noticed nothing: they talk on and hear every frame.
    const surviving = [...started, ...late].filter(
      (call) => placement.get(call.callId) === dashboardNode.nodeId && call !== endedByStaff,
    );
    expect(surviving.length).toBeGreaterThan(0);
    await Promise.all(surviving.map((call) => talk(call)));
    for (const call of surviving) {
      await call.client
        .until(
          () => droppedFrames(call.client, audioMsOf) === 0 || undefined,
          'the whole answer',
          10_000,
        )
        .catch(() => {});
      const noticed = call.client.events.filter(
        (e) => e.type === 'error' || e.type === 'call.ending' || e.type === 'call.ended',
      );
      expect(noticed).toEqual([]);
      call.client.sendJson({ type: 'end' });
      const end = await call.client.waitFor('call.ended', () => true, 15_000);
      expect(end.reason).toBe('caller_ended');
    }
    const dropped = surviving.map((call) => droppedFrames(call.client, audioMsOf));
    console.log(
      `dropped frames per surviving call (${surviving.length} calls): ${dropped.join(', ')}`,
    );
    expect(dropped.every((count) => count === 0)).toBe(true);

    // Nothing lost: every call has a final status and all the lines its caller heard.
    const everyCall = [...started, ...late];
    const rows = await database.db
      .select({ id: calls.id, status: calls.status })
      .from(calls)
      .where(
        inArray(
          calls.id,
          everyCall.map((call) => call.callId),
        ),
      );
    expect(rows).toHaveLength(everyCall.length);
    expect(rows.filter((row) => row.status !== 'completed' && row.status !== 'failed')).toEqual([]);
    const lines = await database.db
      .select({ callId: callTranscripts.callId })
      .from(callTranscripts)
      .where(
        inArray(
          callTranscripts.callId,
          everyCall.map((call) => call.callId),
        ),
      );
    for (const call of everyCall) {
      const saved = lines.filter((line) => line.callId === call.callId).length;
      expect(saved, nodeById(placement.get(call.callId))?.name).toBeGreaterThanOrEqual(
        call.client.eventsOf('transcript.final').length,
      );
    }
    dashboard.close();
  });
});

/** Signs in as the seeded demo admin and readies the demo call chatbot for the fake Realtime model. */
async function prepareDemoCallLine(url: string): Promise<ApiClient> {
  const admin = new ApiClient(url);
  const ok = async <T>(response: Promise<{ status: number; body: T }>) => {
    const { status, body } = await response;
    expect(status, JSON.stringify(body)).toBeLessThan(300);
    return body;
  };
  await ok(admin.post('/api/auth/login', { email: 'admin@buzzi.local', password: PASSWORD }));
  const { companies } = await ok(
    admin.get<{ companies: Array<{ id: string; name: string }> }>('/api/master/companies'),
  );
  const acme = companies.find((company) => company.name === 'Acme Dental');
  if (!acme) throw new Error('demo company missing');
  await ok(
    admin.patch(`/api/master/companies/${acme.id}/settings`, {
      limits: { maxConcurrentCalls: 1000 },
    }),
  );
  await ok(admin.post('/api/auth/active-company', { companyId: acme.id }));
  const { chatbots } = await ok(
    admin.get<{ chatbots: Array<{ id: string; publicId: string }> }>('/api/company/chatbots'),
  );
  const chatbot = chatbots.find((candidate) => candidate.publicId === DEMO_CHATBOT_PUBLIC_ID);
  if (!chatbot) throw new Error('demo call chatbot missing');
  // The demo package caps concurrent calls at 5; without a package the company's limit holds.
  await ok(admin.patch(`/api/company/chatbots/${chatbot.id}`, { packageId: null }));
  const { models } = await ok(
    admin.get<{ models: Array<{ id: string; modelId: string }> }>('/api/master/ai-models'),
  );
  const realtime = models.find((model) => model.modelId === 'gpt-realtime');
  if (!realtime) throw new Error('seeded gpt-realtime model missing');
  await ok(
    admin.patch(`/api/company/chatbots/${chatbot.id}/call-settings`, {
      modelId: realtime.id,
      greeting: GREETING,
      silenceTimeoutSec: 300,
      maxDurationMin: 60,
    }),
  );
  return admin;
}
