import { asc, eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { callTranscripts } from '../../src/server/db/schema/index.js';
import { ApiClient } from '../helpers/api-client.js';
import { waitForOutput } from '../helpers/server-process.js';
import {
  callDemoChatbot,
  createServerStore,
  exitWithin,
  readCall,
  type ServerStore,
  startServer,
} from '../helpers/spawned-demo.js';

let store: ServerStore | undefined;
afterAll(() => store?.remove());

const liveCallKey = (callId: string) => `buzzi:live-call:${callId}`;

describe('restart after kill -9 mid-call', { timeout: 120_000 }, () => {
  it('closes the call at its last heard activity, writes its summary and clears its registry entry', async () => {
    store = await createServerStore();
    const env = { ...store.env, NODE_ID: 'crash-node' };
    const first = await startServer(env);
    const [, password] = await waitForOutput(first.server, /password: (\S+)/);
    const { client, callId } = await callDemoChatbot(first.baseUrl);
    client.startPlayer();
    // The greeting is stored once the caller has heard it.
    await client.waitFor('transcript.final', (e) => e.speaker === 'agent', 30_000);
    // A request that queries the database queues behind the greeting's insert.
    const owner = new ApiClient(first.baseUrl);
    expect(
      (await owner.post('/api/auth/login', { email: 'owner@acme.test', password })).status,
    ).toBe(200);
    const listed = await owner.get<{ calls: Array<{ id: string; status: string }> }>(
      '/api/company/calls',
    );
    expect(listed.body.calls).toContainEqual(
      expect.objectContaining({ id: callId, status: 'in_progress' }),
    );
    const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : null;
    if (redis) expect(await redis.hget(liveCallKey(callId), 'nodeId')).toBe('crash-node');

    first.server.child.kill('SIGKILL');
    await first.server.exited;
    const killedAt = Date.now();
    client.stopPlayer();

    const second = await startServer(env);
    if (redis) {
      expect(await redis.exists(liveCallKey(callId))).toBe(0);
      redis.disconnect();
    }
    // A clean stop lets the recovered call's post-call analysis finish.
    second.server.child.kill('SIGTERM');
    expect(await exitWithin(second.server, 30_000)).toBe(0);

    const row = await readCall(store, callId);
    const lines = await store.read((db) =>
      db
        .select()
        .from(callTranscripts)
        .where(eq(callTranscripts.callId, callId))
        .orderBy(asc(callTranscripts.seq)),
    );
    expect(lines[0]).toMatchObject({ speaker: 'agent', text: expect.stringContaining('Acme') });
    expect(row).toMatchObject({ status: 'failed', endReason: 'server_restart' });
    const endedAt = row?.endedAt?.getTime() ?? 0;
    const lastLine = Math.max(...lines.map((line) => line.createdAt.getTime()));
    expect(endedAt).toBeGreaterThanOrEqual(lastLine);
    // Not the restart: the dead process heard nothing after its last heartbeat or utterance.
    expect(endedAt).toBeLessThanOrEqual(killedAt);
    const toLastHeard = endedAt - (row?.startedAt.getTime() ?? 0);
    expect(Math.abs((row?.durationMs ?? 0) - toLastHeard)).toBeLessThanOrEqual(1);
    expect(row?.summary).toEqual(expect.any(String));
    expect(row?.intent).toEqual(expect.any(String));
  });
});
