import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../../src/server/db/schema/index.js';
import {
  FAKE_OPENAI_KEY,
  type FakeOpenAIRealtime,
  startFakeOpenAIRealtime,
} from '../../fakes/openai-realtime-server.js';
import { ApiClient } from '../../helpers/api-client.js';
import { createTenants } from '../../helpers/fixtures.js';
import type { TestApp } from '../../helpers/test-app.js';
import { startTwoNodes } from '../../helpers/two-nodes.js';
import { createCallChatbot } from '../../helpers/widget-visitor.js';
import { CallClient, UpgradeRefused } from './browser-gateway-client.js';
import {
  type CallSessionBody,
  type GatewayWorld,
  hangUp,
  requestCallSession,
  socketUrl,
  startGatewayWorld,
} from './browser-gateway-setup.js';

// Many callers pressing "Call" at the same moment: the per-company limit must hold under the race.

const LIMIT = 3;
const CALLERS = 20;
/** Sessions are rate-limited per address and chatbot (10 a minute): spread the callers over bots. */
const BOTS = 4;

type Outcome =
  | { kind: 'started'; client: CallClient }
  | { kind: 'refused'; at: 'session' | 'socket'; code: string; message: string };

/** One caller: asks one node for a session, then opens the socket on `socketNode`. */
async function call(sessionNode: string, socketNode: string, publicId: string): Promise<Outcome> {
  const res = await requestCallSession(new ApiClient(sessionNode), publicId);
  if (res.status !== 201) {
    const body = res.body as unknown as { error: string; message: string };
    expect(res.status, JSON.stringify(body)).toBe(409);
    return { kind: 'refused', at: 'session', code: body.error, message: body.message };
  }
  const session: CallSessionBody = res.body;
  const url = socketUrl(session).replace(new URL(session.wsUrl).origin, wsOrigin(socketNode));
  const client = await CallClient.connect(url, session.outputSampleRate).catch((err: unknown) => {
    if (err instanceof UpgradeRefused)
      throw new Error(`upgrade refused: ${JSON.stringify(err.body)}`);
    throw err;
  });
  const first = await client.until(
    () => client.events.find((e) => e.type === 'call.started' || e.type === 'error'),
    'call.started or error',
    20_000,
  );
  if (first.type === 'call.started') return { kind: 'started', client };
  await client.closed;
  return {
    kind: 'refused',
    at: 'socket',
    code: String(first.code),
    message: String(first.message ?? ''),
  };
}

const wsOrigin = (httpUrl: string) => new URL(httpUrl).origin.replace(/^http/, 'ws');

async function race(nodes: string[], bots: Array<{ publicId: string }>) {
  return Promise.all(
    Array.from({ length: CALLERS }, (_, i) =>
      call(
        nodes[i % nodes.length] as string,
        nodes[(i + 1) % nodes.length] as string,
        bots[i % bots.length]?.publicId as string,
      ),
    ),
  );
}

function expectExactlyTheLimit(outcomes: Outcome[]) {
  const started = outcomes.filter((o) => o.kind === 'started');
  const refused = outcomes.filter((o) => o.kind === 'refused');
  expect(started).toHaveLength(LIMIT);
  expect(refused).toHaveLength(CALLERS - LIMIT);
  for (const refusal of refused) {
    expect(refusal.code).toBe('call_limit_reached');
    expect(refusal.message).toBe(
      `All ${LIMIT} call lines are busy for this company. Please try again in a few minutes.`,
    );
  }
  return started.map((o) => o.client);
}

async function liveCallRows(db: TestApp['db'], companyId: string) {
  const rows = await db
    .select({ id: calls.id })
    .from(calls)
    .where(and(eq(calls.companyId, companyId), eq(calls.status, 'in_progress')));
  return rows.length;
}

describe('the concurrent call limit under a race, one node', () => {
  let world: GatewayWorld;
  beforeAll(async () => {
    world = await startGatewayWorld();
  });
  afterAll(() => world?.close());

  it(`lets exactly ${LIMIT} of ${CALLERS} simultaneous callers through`, async () => {
    const { companyA } = world.tenants;
    const limited = await world.tenants.as.master.patch(
      `/api/master/companies/${companyA.id}/settings`,
      { limits: { maxConcurrentCalls: LIMIT } },
    );
    expect(limited.status, JSON.stringify(limited.body)).toBe(200);
    const bots = [];
    for (let i = 0; i < BOTS; i++) bots.push(await world.createCallBot());

    const clients = expectExactlyTheLimit(await race([world.t.url], bots));
    expect(await liveCallRows(world.t.db, companyA.id)).toBe(LIMIT);
    for (const client of clients) await hangUp(client);
    expect(await liveCallRows(world.t.db, companyA.id)).toBe(0);
  });
});

describe.runIf(process.env.DATABASE_URL && process.env.REDIS_URL)(
  'the concurrent call limit under a race, two nodes on one database and Redis',
  () => {
    let fake: FakeOpenAIRealtime;
    let cluster: Awaited<ReturnType<typeof startTwoNodes>>;
    beforeAll(async () => {
      fake = await startFakeOpenAIRealtime();
      cluster = await startTwoNodes({ OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: fake.url });
    });
    afterAll(async () => {
      await cluster?.close();
      await fake?.close();
    });

    it(`lets exactly ${LIMIT} of ${CALLERS} callers spread over both nodes through`, async () => {
      const [first, second] = cluster.nodes;
      // createTenants needs only a database and a client of the app.
      const t = { db: cluster.db, client: () => new ApiClient(first.url) } as unknown as TestApp;
      const tenants = await createTenants(t, { callEnabled: true });
      const limited = await tenants.as.master.patch(
        `/api/master/companies/${tenants.companyA.id}/settings`,
        { limits: { maxConcurrentCalls: LIMIT } },
      );
      expect(limited.status, JSON.stringify(limited.body)).toBe(200);
      const models = await tenants.as.adminA.get<{
        models: Array<{ id: string; modelId: string }>;
      }>('/api/company/ai-models?modelType=call');
      const realtime = models.body.models.find((m) => m.modelId === 'gpt-realtime');
      const bots = [];
      for (let i = 0; i < BOTS; i++) {
        bots.push(await createCallChatbot(tenants.as.adminA, `Line ${i}`, realtime?.id));
      }

      const clients = expectExactlyTheLimit(await race([first.url, second.url], bots));
      expect(await liveCallRows(cluster.db, tenants.companyA.id)).toBe(LIMIT);
      for (const client of clients) await hangUp(client);
    });
  },
);
