import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDetails } from '../../../src/server/calls/call-details.js';
import { callCallbacks, callTranscripts, tickets } from '../../../src/server/db/schema/index.js';
import { expectError } from '../../helpers/expect-error.js';
import { createTenants, seededModelId } from '../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { seedCall } from './seed-calls.js';

type Details = Omit<CallDetails, 'startedAt'> & { startedAt: string };

const CALLS = '/api/company/calls';
const NUMBER = '+15557654321';
const HOUR = 3600_000;

let t: TestApp;
let dataDir: string;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let callId: string;
let history: string[];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'buzzi-calls-'));
  t = await startTestApp({ BUZZI_DATA_DIR: dataDir });
  tenants = await createTenants(t, { callEnabled: true });
  const companyId = tenants.companyA.id;
  const now = Date.now();
  // Earlier calls from the same number, oldest first; one later call and another company's stay out.
  history = [];
  for (const hoursAgo of [72, 48, 24]) {
    const earlier = await seedCall(t.db, companyId, {
      source: 'twilio',
      callerId: NUMBER,
      startedAt: new Date(now - hoursAgo * HOUR),
      summary: `Called ${hoursAgo} hours ago`,
      durationMs: hoursAgo * 1000,
    });
    history.unshift(earlier.id);
  }
  await seedCall(t.db, companyId, { source: 'twilio', callerId: NUMBER, startedAt: new Date(now) });
  await seedCall(t.db, tenants.companyB.id, {
    source: 'twilio',
    callerId: NUMBER,
    startedAt: new Date(now - 12 * HOUR),
    summary: 'Beta secret',
  });

  const call = await seedCall(t.db, companyId, {
    source: 'twilio',
    callerId: NUMBER,
    callerName: 'Ann Lee',
    startedAt: new Date(now - HOUR),
    durationMs: 95_000,
    summary: 'Wants a cleaning next week.',
    intent: 'Appointment',
    modelId: await seededModelId(t.db, 'gpt-realtime'),
    usage: { inputTokens: 1000, outputTokens: 500, inputAudioMs: 40_000, outputAudioMs: 30_000 },
    recordingPath: 'ann-lee.ogg',
    transcript: [
      ['caller', 'I would like a cleaning next week.'],
      ['agent', 'We have Tuesday at 10 am.'],
    ],
    messageLeft: 'Prefers mornings.',
  });
  callId = call.id;
  await t.db.insert(callCallbacks).values({
    companyId,
    callId,
    phone: NUMBER,
    dueAt: new Date(now + 2 * HOUR),
    assignedTo: tenants.users.agentA.id,
    note: 'Confirm the Tuesday slot',
  });
  await mkdir(path.join(dataDir, 'recordings'), { recursive: true });
  await writeFile(path.join(dataDir, 'recordings', 'ann-lee.ogg'), 'OggS');
});
afterAll(async () => {
  await t?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function details(): Promise<Details> {
  const res = await tenants.as.agentA.get<{ call: Details }>(`${CALLS}/${callId}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.call;
}

describe('GET /api/company/calls/:id', () => {
  it('shows the call with transcript, usage, cost, tickets, callbacks and caller history', async () => {
    const call = await details();
    expect(call).toMatchObject({
      id: callId,
      callerName: 'Ann Lee',
      summary: 'Wants a cleaning next week.',
      intent: 'Appointment',
      durationMs: 95_000,
      messageLeft: true,
      needsAttention: true,
      hasRecording: true,
      notes: null,
      usage: { inputTokens: 1000, outputTokens: 500 },
      costEstimate: { currency: 'USD', amount: 0.064 },
      recordingUrl: expect.stringMatching(
        new RegExp(`^/api/recordings/${callId}\\?expires=\\d+&sig=[0-9a-f]{64}$`),
      ),
    });
    expect(call.transcript).toEqual([
      {
        seq: 1,
        speaker: 'caller',
        speakerName: null,
        text: 'I would like a cleaning next week.',
        startMs: 0,
        endMs: 2500,
        interrupted: false,
      },
      expect.objectContaining({ seq: 2, speaker: 'agent', text: 'We have Tuesday at 10 am.' }),
    ]);
    expect(call.tickets).toEqual([
      expect.objectContaining({ message: 'Prefers mornings.', status: 'open' }),
    ]);
    expect(call.callbacks).toEqual([
      expect.objectContaining({
        note: 'Confirm the Tuesday slot',
        status: 'scheduled',
        assignedTo: { id: tenants.users.agentA.id, name: expect.any(String) },
      }),
    ]);
    expect(call.callerHistory.map((earlier) => earlier.id)).toEqual(history);
    expect(call.callerHistory[0]).toMatchObject({
      summary: 'Called 24 hours ago',
      durationMs: 24_000,
      status: 'completed',
    });
    expect(JSON.stringify(call)).not.toContain('Beta secret');
  });

  it('answers 404 for an unknown call and for another company’s', async () => {
    expectError(await tenants.as.agentA.get(`${CALLS}/${crypto.randomUUID()}`), 404, 'not_found');
    expectError(await tenants.as.adminB.get(`${CALLS}/${callId}`), 404, 'not_found');
    expectError(await tenants.as.agentA.get(`${CALLS}/42`), 400, 'validation_error');
  });
});

describe('PATCH /api/company/calls/:id', () => {
  it('lets an agent mark the call handled, write notes and assign it, and undo it', async () => {
    const agent = tenants.as.agentA;
    const handled = await agent.patch<{ call: Details }>(`${CALLS}/${callId}`, {
      isHandled: true,
      notes: 'Called back, booked Tuesday.',
      assignedToId: tenants.users.adminA.id,
    });
    expect(handled.status, JSON.stringify(handled.body)).toBe(200);
    expect(handled.body.call).toMatchObject({
      isHandled: true,
      needsAttention: false,
      assignedTo: { id: tenants.users.adminA.id },
    });
    const handledAt = handled.body.call.handledAt;
    expect(Date.now() - new Date(String(handledAt)).getTime()).toBeLessThan(60_000);
    expect((await details()).notes).toBe('Called back, booked Tuesday.');
    // Handled again: still the first time.
    const again = await agent.patch<{ call: Details }>(`${CALLS}/${callId}`, { isHandled: true });
    expect(again.body.call.handledAt).toBe(handledAt);

    const reopened = await agent.patch<{ call: Details }>(`${CALLS}/${callId}`, {
      isHandled: false,
      assignedToId: null,
      notes: null,
    });
    expect(reopened.body.call).toMatchObject({
      isHandled: false,
      handledAt: null,
      needsAttention: true,
      assignedTo: null,
    });
    expect((await details()).notes).toBeNull();
  });

  it('refuses an assignee who is not a member of the company, and unknown fields', async () => {
    const res = await tenants.as.agentA.patch(`${CALLS}/${callId}`, {
      assignedToId: tenants.users.adminB.id,
    });
    expect(expectError(res, 400, 'validation_error').fields).toHaveProperty('assignedToId');
    expectError(
      await tenants.as.agentA.patch(`${CALLS}/${callId}`, { status: 'failed' }),
      400,
      'validation_error',
    );
    expect((await details()).assignedTo).toBeNull();
  });

  it("leaves another company's call alone", async () => {
    const res = await tenants.as.adminB.patch(`${CALLS}/${callId}`, { isHandled: true });
    expectError(res, 404, 'not_found');
    expect((await details()).isHandled).toBe(false);
  });
});

describe('DELETE /api/company/calls/:id', () => {
  it('is refused to support agents and to another company', async () => {
    expectError(await tenants.as.agentA.delete(`${CALLS}/${callId}`), 403, 'forbidden');
    expectError(await tenants.as.adminB.delete(`${CALLS}/${callId}`), 404, 'not_found');
    expect((await details()).id).toBe(callId);
  });

  it('deletes the call, its transcript and its recording for a company admin', async () => {
    const recording = path.join(dataDir, 'recordings', 'ann-lee.ogg');
    expect(existsSync(recording)).toBe(true);
    const res = await tenants.as.adminA.delete(`${CALLS}/${callId}`);
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    expectError(await tenants.as.agentA.get(`${CALLS}/${callId}`), 404, 'not_found');
    expect(existsSync(recording)).toBe(false);
    const lines = await t.db
      .select()
      .from(callTranscripts)
      .where(eq(callTranscripts.callId, callId));
    expect(lines).toEqual([]);
    // The message the caller left stays a ticket.
    const [ticket] = await t.db
      .select()
      .from(tickets)
      .where(eq(tickets.message, 'Prefers mornings.'));
    expect(ticket?.callId).toBeNull();
    expectError(await tenants.as.adminA.delete(`${CALLS}/${callId}`), 404, 'not_found');
  });
});
