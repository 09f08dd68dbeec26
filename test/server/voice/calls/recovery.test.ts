import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../src/server/app.js';
import { MemoryBus } from '../../../../src/server/bus/memory-bus.js';
import { loadConfig } from '../../../../src/server/config.js';
import { SecretBox } from '../../../../src/server/crypto/secret-box.js';
import type { DatabaseHandle } from '../../../../src/server/db/client.js';
import { calls } from '../../../../src/server/db/schema/index.js';
import {
  closeStaleCalls,
  recoverAbandonedCalls,
} from '../../../../src/server/voice/calls/recovery.js';
import { createCompany } from '../../../helpers/fixtures.js';
import { createTestDatabase } from '../../../helpers/test-database.js';

let database: DatabaseHandle;
let companyId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  companyId = (await createCompany(database.db, { callEnabled: true })).id;
});
afterAll(() => database?.close());

const minutesAgo = (minutes: number) => sql`now() - make_interval(mins => ${minutes})`;

async function insertCall(values: Partial<typeof calls.$inferInsert> & { ageMin?: number }) {
  const { ageMin = 0, ...rest } = values;
  const [row] = await database.db
    .insert(calls)
    .values({
      companyId,
      source: 'web',
      status: 'in_progress',
      startedAt: sql`now() - make_interval(mins => ${ageMin + 2})` as unknown as Date,
      updatedAt: minutesAgo(ageMin) as unknown as Date,
      ...rest,
    })
    .returning();
  if (!row) throw new Error('call insert failed');
  return row;
}

async function reload(id: string) {
  const [row] = await database.db.select().from(calls).where(eq(calls.id, id));
  return row;
}

describe('recoverAbandonedCalls', () => {
  it("closes this node's open calls and those of nodes that stopped, and leaves live nodes' calls", async () => {
    const mine = await insertCall({ nodeId: 'node-a' });
    const minePending = await insertCall({ nodeId: 'node-a', status: 'pending' });
    const otherLive = await insertCall({ nodeId: 'node-b' });
    const otherDead = await insertCall({ nodeId: 'node-c', ageMin: 5 });
    const finished = await insertCall({
      nodeId: 'node-a',
      status: 'completed',
      endReason: 'caller_hangup',
      durationMs: 42_000,
    });

    expect(await recoverAbandonedCalls(database.db, 'node-a')).toBe(3);

    for (const id of [mine.id, minePending.id, otherDead.id]) {
      const row = await reload(id);
      expect(row).toMatchObject({ status: 'failed', endReason: 'server_restart' });
      expect(row?.endedAt).toBeInstanceOf(Date);
    }
    // Its duration runs to the last heartbeat: started 7 min ago, last seen 5 min ago.
    const dead = await reload(otherDead.id);
    expect(dead?.durationMs).toBeGreaterThanOrEqual(119_000);
    expect(dead?.durationMs).toBeLessThanOrEqual(121_000);
    expect(await reload(otherLive.id)).toMatchObject({ status: 'in_progress', endReason: null });
    expect(await reload(finished.id)).toMatchObject({
      status: 'completed',
      endReason: 'caller_hangup',
      durationMs: 42_000,
    });
  });

  it('closes only calls without a heartbeat while running', async () => {
    const live = await insertCall({ nodeId: 'node-d' });
    const stale = await insertCall({ nodeId: 'node-d', ageMin: 2 });
    expect(await closeStaleCalls(database.db)).toBe(1);
    expect(await reload(live.id)).toMatchObject({ status: 'in_progress' });
    expect(await reload(stale.id)).toMatchObject({ status: 'failed', endReason: 'server_restart' });
  });

  it('runs when the app starts', async () => {
    const nodeId = `node-${randomBytes(3).toString('hex')}`;
    const abandoned = await insertCall({ nodeId });
    const logger = pino({ level: 'silent' });
    const app = await buildApp({
      config: loadConfig({ BUZZI_DATA_DIR: '/tmp/buzzi-test-unused', NODE_ID: nodeId }),
      database,
      bus: new MemoryBus(logger),
      secretBox: new SecretBox(randomBytes(32)),
      logger,
    });
    expect(await reload(abandoned.id)).toMatchObject({
      status: 'failed',
      endReason: 'server_restart',
    });
    await app.close();
  });
});
