import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../../src/server/db/schema/index.js';
import { FileRecordingStore } from '../../../src/server/recordings/file-recording-store.js';
import { RecordingRetention } from '../../../src/server/recordings/retention-sweep.js';
import { expectError } from '../../helpers/expect-error.js';
import { createTenants } from '../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { seedCall } from '../calls/seed-calls.js';

const SETTINGS = '/api/company/recording-settings';
const DAY = 24 * 3600_000;

let t: TestApp;
let dataDir: string;
let tenants: Awaited<ReturnType<typeof createTenants>>;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'buzzi-retention-'));
  t = await startTestApp({ BUZZI_DATA_DIR: dataDir });
  tenants = await createTenants(t, { callEnabled: true });
});
afterAll(async () => {
  await t?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A finished call `daysAgo` old with a recording file on disk. */
async function recordedCall(companyId: string, daysAgo: number) {
  const call = await seedCall(t.db, companyId, { startedAt: new Date(Date.now() - daysAgo * DAY) });
  const key = `${companyId}/${call.id}.ogg`;
  await t.db
    .update(calls)
    .set({ recordingPath: key, recordingDurationMs: 1000 })
    .where(eq(calls.id, call.id));
  const file = path.join(dataDir, 'recordings', key);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, 'OggS');
  return { id: call.id, file };
}

async function recordingOf(callId: string) {
  const [row] = await t.db
    .select({ path: calls.recordingPath, durationMs: calls.recordingDurationMs })
    .from(calls)
    .where(eq(calls.id, callId));
  return row;
}

describe('recording settings', () => {
  it('keeps recordings 90 days unless the company admin says otherwise', async () => {
    const res = await tenants.as.adminA.get(SETTINGS);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ recordingSettings: { retentionDays: 90 } });
  });

  it('lets a company admin change it, for their company only', async () => {
    const res = await tenants.as.adminB.patch(SETTINGS, { retentionDays: 5 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ recordingSettings: { retentionDays: 5 } });
    expect((await tenants.as.adminB.get(SETTINGS)).body).toEqual({
      recordingSettings: { retentionDays: 5 },
    });
    expect((await tenants.as.adminA.get(SETTINGS)).body).toEqual({
      recordingSettings: { retentionDays: 90 },
    });
  });

  it('refuses support agents, strangers and nonsense', async () => {
    expectError(await tenants.as.agentA.patch(SETTINGS, { retentionDays: 1 }), 403, 'forbidden');
    expectError(await tenants.as.agentA.get(SETTINGS), 403, 'forbidden');
    expectError(await t.client().get(SETTINGS), 401, 'unauthorized');
    for (const retentionDays of [0, 3651, 1.5, '30']) {
      const res = await tenants.as.adminA.patch(SETTINGS, { retentionDays });
      expect(res.status, String(retentionDays)).toBe(400);
    }
    expect((await tenants.as.adminA.get(SETTINGS)).body).toEqual({
      recordingSettings: { retentionDays: 90 },
    });
  });
});

describe('the retention sweep', () => {
  it('deletes recordings past each company’s retention and clears them from their calls', async () => {
    const oldA = await recordedCall(tenants.companyA.id, 100);
    const recentA = await recordedCall(tenants.companyA.id, 10);
    const oldB = await recordedCall(tenants.companyB.id, 10);
    const recentB = await recordedCall(tenants.companyB.id, 2);
    const retention = new RecordingRetention({
      db: t.db,
      recordings: new FileRecordingStore(path.join(dataDir, 'recordings')),
      logger: pino({ level: 'silent' }),
    });

    expect(await retention.sweep()).toBe(2);

    expect(existsSync(oldA.file)).toBe(false);
    expect(await recordingOf(oldA.id)).toEqual({ path: null, durationMs: null });
    expect(existsSync(oldB.file)).toBe(false);
    expect(await recordingOf(oldB.id)).toEqual({ path: null, durationMs: null });
    for (const kept of [recentA, recentB]) {
      expect(existsSync(kept.file)).toBe(true);
      expect((await recordingOf(kept.id))?.path).not.toBeNull();
    }
    const listed = await tenants.as.adminA.get<{ call: { hasRecording: boolean } }>(
      `/api/company/calls/${oldA.id}`,
    );
    expect(listed.body.call).toMatchObject({ hasRecording: false, recordingUrl: null });

    expect(await retention.sweep()).toBe(0);
  });
});
