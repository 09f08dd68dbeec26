import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisPresenceRegistry } from '../../../src/server/voice/handoff/redis-presence-registry.js';
import { ApiClient } from '../../helpers/api-client.js';
import { createCompany, createUser, TEST_PASSWORD } from '../../helpers/fixtures.js';
import { type Node, startTwoNodes } from '../../helpers/two-nodes.js';
import {
  type Cancelled,
  humanAgentOf,
  insertLiveCall,
  offerFor,
  openAgentStream,
} from './ringing-world.js';

const clustered = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

// The call runs on node 1; the person's dashboard tab and their answers reach node 2.
describe.runIf(clustered)('ringing across two nodes on one database and one Redis', () => {
  let cluster: Awaited<ReturnType<typeof startTwoNodes>>;
  let node1: Node;
  let node2: Node;
  let companyId: string;
  let agentId: string;
  let onNode1: ApiClient;
  let onNode2: ApiClient;

  const signIn = async (url: string, email: string) => {
    const client = new ApiClient(url);
    const response = await client.post('/api/auth/login', { email, password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    return client;
  };

  beforeAll(async () => {
    cluster = await startTwoNodes();
    [node1, node2] = cluster.nodes;
    const company = await createCompany(cluster.db, { callEnabled: true });
    companyId = company.id;
    const agent = await createUser(cluster.db, {
      memberships: [{ companyId, role: 'support_agent' }],
    });
    agentId = agent.id;
    onNode1 = await signIn(node1.url, agent.email);
    onNode2 = await signIn(node2.url, agent.email);
  });
  afterAll(() => cluster?.close());

  it('counts a tab on node 2 as connected on node 1, until it closes', async () => {
    expect(await node1.app.callOffers.availableCount(companyId)).toBe(0);
    const stream = await openAgentStream(node2.url, onNode2);
    await stream.next('presence');
    expect(await node1.app.callOffers.availableCount(companyId)).toBe(1);
    expect((await onNode1.get('/api/company/presence')).body.connected).toBe(true);
    stream.close();
    await expect.poll(() => node1.app.callOffers.availableCount(companyId)).toBe(0);
    expect((await onNode1.get('/api/company/presence')).body.connected).toBe(false);
  });

  it('rings a tab on node 2 for a call on node 1, and an accept sent to node 2 takes it', async () => {
    const stream = await openAgentStream(node2.url, onNode2);
    await stream.next('presence');
    try {
      const callId = await insertLiveCall(cluster.db, companyId, { lines: ['Hello.'] });
      const outcome = node1.app.callOffers.offer(
        offerFor(companyId, callId),
        new AbortController().signal,
      );
      const ringing = await stream.next<{ callId: string; transcript: unknown[] }>('call.ringing');
      expect(ringing).toMatchObject({ callId, transcript: [{ speaker: 'agent', text: 'Hello.' }] });
      const accepted = await onNode2.post(`/api/company/calls/${callId}/accept`);
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      expect(await outcome).toMatchObject({ kind: 'accepted', userId: agentId });
      expect(await humanAgentOf(cluster.db, callId)).toBe(agentId);
      // Node 1 knows it is taken, too.
      expect((await onNode1.post(`/api/company/calls/${callId}/accept`)).status).toBe(200);

      const second = await insertLiveCall(cluster.db, companyId);
      const declined = node1.app.callOffers.offer(
        offerFor(companyId, second),
        new AbortController().signal,
      );
      await stream.next('call.ringing', (r) => r.callId === second);
      expect((await onNode2.post(`/api/company/calls/${second}/decline`)).status).toBe(204);
      expect(await declined).toEqual({ kind: 'unanswered' });
      expect(
        await stream.next<Cancelled>('call.ring.cancelled', (c) => c.callId === second),
      ).toEqual({ callId: second, reason: 'declined' });
    } finally {
      stream.close();
    }
  });
});

describe.runIf(Boolean(process.env.REDIS_URL))('a node that stops', () => {
  it('stops counting its tabs once their entries expire', async () => {
    const url = process.env.REDIS_URL ?? '';
    const logger = pino({ level: 'silent' });
    const dying = new Redis(url, { maxRetriesPerRequest: 0, lazyConnect: true });
    const watching = new Redis(url);
    await dying.connect();
    const ttlMs = 600;
    const node = new RedisPresenceRegistry(dying, logger, ttlMs);
    const observer = new RedisPresenceRegistry(watching, logger, ttlMs);
    const companyId = crypto.randomUUID();
    try {
      await node.connect(companyId, 'user-1');
      expect(await observer.connectedUserIds(companyId)).toEqual(new Set(['user-1']));
      // Refreshed while the node lives...
      await new Promise((resolve) => setTimeout(resolve, ttlMs * 2));
      expect(await observer.connectedUserIds(companyId)).toEqual(new Set(['user-1']));
      // ...and gone a TTL after it stopped, without closing anything.
      dying.disconnect();
      await expect
        .poll(() => observer.connectedUserIds(companyId), { timeout: ttlMs * 4 })
        .toEqual(new Set());
    } finally {
      await node.close();
      await observer.close();
      watching.disconnect();
    }
  });
});
