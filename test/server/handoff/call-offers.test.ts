import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { companyMembers } from '../../../src/server/db/schema/index.js';
import type { OfferOutcome } from '../../../src/server/voice/handoff/call-offer.js';
import type { ApiClient } from '../../helpers/api-client.js';
import { createTenants, createUser, login } from '../../helpers/fixtures.js';
import type { SseClient } from '../../helpers/sse.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import {
  type Cancelled,
  humanAgentOf,
  insertLiveCall,
  offerFor,
  openAgentStream,
  type Ringing,
} from './ringing-world.js';

// Ringing people for a call waiting for one, through the app's own CallOffers
// (what the call runner calls) and the dashboard's real event streams and
// Accept / Decline requests.

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let agent2: ApiClient;
let agent2Id: string;
const streams: SseClient[] = [];

const open = async (client: ApiClient) => {
  const stream = await openAgentStream(t.url, client);
  streams.push(stream);
  await stream.next('presence');
  return stream;
};
const setPresence = (client: ApiClient, presence: string) =>
  client.request('PUT', '/api/company/presence', { presence });
const liveCallsOf = async (client: ApiClient, userId: string) => {
  const team = await client.get<{ people: Array<{ userId: string; liveCalls: number }> }>(
    '/api/company/presence',
  );
  return team.body.people.find((p) => p.userId === userId)?.liveCalls ?? -1;
};
const setEscalation = (body: Record<string, unknown>) =>
  tenants.as.adminA.request('PUT', '/api/company/escalation-settings', body);

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t, { callEnabled: true });
  const user = await createUser(t.db, {
    memberships: [{ companyId: tenants.companyA.id, role: 'support_agent' }],
  });
  agent2Id = user.id;
  agent2 = await login(t, user.email);
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await t?.close();
});
beforeEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await t.db.update(companyMembers).set({ presence: 'available' });
  await setEscalation({ ringStrategy: 'all', ringTimeoutSec: 30, holdAudio: 'tone' });
  // Streams closed above stop counting once the server noticed.
  await expect.poll(() => t.app.callOffers.availableCount(tenants.companyA.id)).toBe(0);
});

describe('presence', () => {
  it('is set by each member for themself and read with the team, by agents and admins', async () => {
    const { agentA, adminA } = tenants.as;
    const initial = await agentA.get('/api/company/presence');
    expect(initial.status).toBe(200);
    expect(initial.body).toMatchObject({
      presence: 'available',
      connected: false,
      takesCalls: true,
    });

    const away = await setPresence(agentA, 'away');
    expect(away.status, JSON.stringify(away.body)).toBe(200);
    expect(away.body.presence).toBe('away');
    const team = await adminA.get<{ people: Array<Record<string, unknown>> }>(
      '/api/company/presence',
    );
    expect(team.body.people).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          userId: tenants.users.agentA.id,
          role: 'support_agent',
          presence: 'away',
          connected: false,
          available: false,
          liveCalls: 0,
        }),
        expect.objectContaining({ userId: tenants.users.adminA.id, presence: 'available' }),
      ]),
    );
    // Company B's people are not company A's.
    expect(team.body.people.map((p) => p.userId)).not.toContain(tenants.users.adminB.id);

    expect((await setPresence(agentA, 'busy')).status).toBe(400);
    expect((await setPresence(tenants.as.anonymous, 'away')).status).toBe(401);
    // A master admin visiting a company is no member of it: never rung.
    const master = await tenants.as.master.request('PUT', '/api/company/presence', {
      presence: 'available',
    });
    expect([403, 409]).toContain(master.status);
  });

  it('counts a person as connected only while an agent event stream of theirs is open', async () => {
    const { agentA } = tenants.as;
    const stream = await open(agentA);
    const connected = await agentA.get('/api/company/presence');
    expect(connected.body).toMatchObject({ presence: 'available', connected: true });
    expect(await t.app.callOffers.availableCount(tenants.companyA.id)).toBe(1);

    // Away while connected: not available, and the tab hears it.
    await setPresence(agentA, 'away');
    expect(await stream.next('presence', (p) => p.presence === 'away')).toEqual({
      presence: 'away',
      connected: true,
    });
    expect(await t.app.callOffers.availableCount(tenants.companyA.id)).toBe(0);
    await setPresence(agentA, 'available');

    stream.close();
    await expect
      .poll(async () => (await agentA.get('/api/company/presence')).body.connected)
      .toBe(false);
    expect(await t.app.callOffers.availableCount(tenants.companyA.id)).toBe(0);
  });
});

describe('ringing', () => {
  it('rings only the available, connected people of the call’s company, and the first accept takes it', async () => {
    const { agentA, adminA, adminB } = tenants.as;
    const agentStream = await open(agentA);
    const awayAdmin = await open(adminA);
    await setPresence(adminA, 'away');
    const otherCompany = await open(adminB);
    const callId = await insertLiveCall(t.db, tenants.companyA.id, {
      callerId: '+15551234567',
      lines: ['Hello, Alpha Dental.', 'I want to talk to a person.'],
    });

    const outcome = t.app.callOffers.offer(
      offerFor(tenants.companyA.id, callId, '+15551234567'),
      new AbortController().signal,
    );
    const ringing = await agentStream.next<Ringing>('call.ringing');
    expect(ringing).toMatchObject({
      callId,
      chatbotName: 'Front desk',
      callerLabel: '+1 555 123 4567',
      source: 'twilio',
      reason: 'The caller asked for a person',
      transcript: [
        { speaker: 'agent', text: 'Hello, Alpha Dental.' },
        { speaker: 'caller', text: 'I want to talk to a person.' },
      ],
      ringTimeoutSec: 30,
    });
    expect(Number.isNaN(Date.parse(ringing.startedAt))).toBe(false);

    // Another company cannot take it, nor anyone it does not ring for.
    expect((await adminB.post(`/api/company/calls/${callId}/accept`)).status).toBe(404);
    expect((await adminA.post(`/api/company/calls/${callId}/accept`)).status).toBe(404);

    const accepted = await agentA.post(`/api/company/calls/${callId}/accept`);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toEqual({ callId, takeOverPath: `/calls/${callId}/take-over` });
    expect(await outcome).toEqual<OfferOutcome>({
      kind: 'accepted',
      userId: tenants.users.agentA.id,
      userName: tenants.users.agentA.name,
    });
    expect(await humanAgentOf(t.db, callId)).toBe(tenants.users.agentA.id);
    await agentStream.next<Cancelled>('call.ring.cancelled', (c) => c.reason === 'taken');

    expect(awayAdmin.all('call.ringing')).toEqual([]);
    expect(otherCompany.all('call.ringing')).toEqual([]);
  });

  it('gives the call to exactly one of two people accepting at once; the other hears who took it', async () => {
    const { agentA } = tenants.as;
    const first = await open(agentA);
    const second = await open(agent2);
    const callId = await insertLiveCall(t.db, tenants.companyA.id);
    const outcome = t.app.callOffers.offer(
      offerFor(tenants.companyA.id, callId),
      new AbortController().signal,
    );
    const ringing = await first.next<Ringing>('call.ringing');
    expect(ringing.callerLabel).toBe('Web caller');
    await second.next('call.ringing');

    const answers = await Promise.all([
      agentA.post(`/api/company/calls/${callId}/accept`),
      agent2.post(`/api/company/calls/${callId}/accept`),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const loser = answers.find((a) => a.status === 409);
    expect(loser?.body.error).toBe('already_taken');
    const result = await outcome;
    if (result.kind !== 'accepted') throw new Error('not accepted');
    const winnerId = result.userId;
    expect(await humanAgentOf(t.db, callId)).toBe(winnerId);
    const loserStream = winnerId === agent2Id ? first : second;
    const cancelled = await loserStream.next<Cancelled>('call.ring.cancelled');
    expect(cancelled).toEqual({ callId, reason: 'taken', takenBy: result.userName });

    // Later accepts still hear it is taken.
    const late = await (winnerId === agent2Id ? agentA : agent2).post(
      `/api/company/calls/${callId}/accept`,
    );
    expect(late.status).toBe(409);
  });

  it('settles accepts at the same instant on one winner, however they interleave', async () => {
    const first = await open(tenants.as.agentA);
    await open(agent2);
    const callId = await insertLiveCall(t.db, tenants.companyA.id);
    const outcome = t.app.callOffers.offer(
      offerFor(tenants.companyA.id, callId),
      new AbortController().signal,
    );
    await first.next('call.ringing', (r) => r.callId === callId);
    const as = (userId: string) => ({
      companyId: tenants.companyA.id,
      userId,
      userName: 'Someone',
    });
    // Straight to the service, so both read the call as ringing before either settles it.
    const results = await Promise.allSettled([
      t.app.callOffers.accept(as(tenants.users.agentA.id), callId),
      t.app.callOffers.accept(as(agent2Id), callId),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await outcome).toMatchObject({ kind: 'accepted' });
  });

  it('is 404 for a person whose active company is another one, even one they also belong to', async () => {
    const both = await createUser(t.db, {
      memberships: [
        { companyId: tenants.companyA.id, role: 'support_agent' },
        { companyId: tenants.companyB.id, role: 'support_agent' },
      ],
    });
    const inA = await login(t, both.email);
    expect(
      (await inA.post('/api/auth/active-company', { companyId: tenants.companyA.id })).status,
    ).toBe(200);
    const inB = await login(t, both.email);
    expect(
      (await inB.post('/api/auth/active-company', { companyId: tenants.companyB.id })).status,
    ).toBe(200);
    const stream = await open(inA);
    const callId = await insertLiveCall(t.db, tenants.companyA.id);
    const outcome = t.app.callOffers.offer(
      offerFor(tenants.companyA.id, callId),
      new AbortController().signal,
    );
    await stream.next('call.ringing', (r) => r.callId === callId);
    expect((await inB.post(`/api/company/calls/${callId}/accept`)).status).toBe(404);
    expect((await inB.post(`/api/company/calls/${callId}/decline`)).status).toBe(404);
    expect((await inA.post(`/api/company/calls/${callId}/accept`)).status).toBe(200);
    expect(await outcome).toMatchObject({ kind: 'accepted', userId: both.id });
  });

  it('rings in a tab the person opens (or reloads) while the call rings, with the time left', async () => {
    const first = await open(tenants.as.agentA);
    const callId = await insertLiveCall(t.db, tenants.companyA.id, { lines: ['Hello.'] });
    const outcome = t.app.callOffers.offer(
      offerFor(tenants.companyA.id, callId),
      new AbortController().signal,
    );
    await first.next('call.ringing', (r) => r.callId === callId);
    first.close();
    const reloaded = await open(tenants.as.agentA);
    const ringing = await reloaded.next<Ringing>('call.ringing', (r) => r.callId === callId);
    expect(ringing).toMatchObject({ callId, transcript: [{ speaker: 'agent', text: 'Hello.' }] });
    expect(ringing.ringTimeoutSec).toBeGreaterThan(20);
    expect(ringing.ringTimeoutSec).toBeLessThanOrEqual(30);
    // Nobody else's tab: company B's admin opening one hears nothing.
    const other = await open(tenants.as.adminB);
    expect((await tenants.as.agentA.post(`/api/company/calls/${callId}/accept`)).status).toBe(200);
    expect(await outcome).toMatchObject({ kind: 'accepted' });
    expect(other.all('call.ringing')).toEqual([]);
  });

  it('is unanswered once everyone declined, each tab stopping as its person declines', async () => {
    const { agentA } = tenants.as;
    const first = await open(agentA);
    const second = await open(agent2);
    const callId = await insertLiveCall(t.db, tenants.companyA.id);
    const outcome = t.app.callOffers.offer(
      offerFor(tenants.companyA.id, callId),
      new AbortController().signal,
    );
    await first.next('call.ringing');
    await second.next('call.ringing');
    expect((await agentA.post(`/api/company/calls/${callId}/decline`)).status).toBe(204);
    expect(await first.next<Cancelled>('call.ring.cancelled')).toEqual({
      callId,
      reason: 'declined',
    });
    // A declined call no longer rings for that person.
    expect((await agentA.post(`/api/company/calls/${callId}/accept`)).status).toBe(404);
    expect((await tenants.as.adminB.post(`/api/company/calls/${callId}/decline`)).status).toBe(404);
    expect((await agent2.post(`/api/company/calls/${callId}/decline`)).status).toBe(204);
    expect(await outcome).toEqual({ kind: 'unanswered' });
    expect(await humanAgentOf(t.db, callId)).toBeNull();
  });

  it('is unanswered at once when nobody is available', async () => {
    const callId = await insertLiveCall(t.db, tenants.companyA.id);
    await setPresence(tenants.as.agentA, 'away');
    await open(tenants.as.agentA);
    expect(
      await t.app.callOffers.offer(
        offerFor(tenants.companyA.id, callId),
        new AbortController().signal,
      ),
    ).toEqual({ kind: 'unanswered' });
    // Nor does a failure to look (here: a company that is gone) leave the caller holding.
    const gone = offerFor(crypto.randomUUID(), callId);
    expect(await t.app.callOffers.offer(gone, new AbortController().signal)).toEqual({
      kind: 'unanswered',
    });
  });

  it('stops ringing everywhere when the caller hangs up', async () => {
    const stream = await open(tenants.as.agentA);
    const callId = await insertLiveCall(t.db, tenants.companyA.id);
    const hangUp = new AbortController();
    const outcome = t.app.callOffers.offer(offerFor(tenants.companyA.id, callId), hangUp.signal);
    await stream.next('call.ringing');
    hangUp.abort();
    expect(await outcome).toEqual({ kind: 'unanswered' });
    expect(await stream.next<Cancelled>('call.ring.cancelled')).toEqual({
      callId,
      reason: 'caller_hung_up',
    });
    expect((await tenants.as.agentA.post(`/api/company/calls/${callId}/accept`)).status).toBe(404);
  });

  it('is unanswered when the ring timeout passes', async () => {
    await setEscalation({ ringStrategy: 'all', ringTimeoutSec: 10, holdAudio: 'music' });
    const stream = await open(tenants.as.agentA);
    const callId = await insertLiveCall(t.db, tenants.companyA.id);
    const started = Date.now();
    const outcome = t.app.callOffers.offer(
      offerFor(tenants.companyA.id, callId),
      new AbortController().signal,
    );
    expect((await stream.next<Ringing>('call.ringing')).ringTimeoutSec).toBe(10);
    expect(await outcome).toEqual({ kind: 'unanswered' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_900);
    expect(await stream.next<Cancelled>('call.ring.cancelled')).toEqual({
      callId,
      reason: 'timeout',
    });
  }, 20_000);

  it('least_busy rings one person at a time, the one with fewest live calls first', async () => {
    await setEscalation({ ringStrategy: 'least_busy', ringTimeoutSec: 30, holdAudio: 'tone' });
    const { agentA } = tenants.as;
    // agentA already handles a call.
    await insertLiveCall(t.db, tenants.companyA.id, { humanAgentId: tenants.users.agentA.id });
    const liveBefore = await liveCallsOf(agentA, tenants.users.agentA.id);
    expect(liveBefore).toBeGreaterThan(0);
    const busy = await open(agentA);
    const free = await open(agent2);
    const callId = await insertLiveCall(t.db, tenants.companyA.id);
    const outcome = t.app.callOffers.offer(
      offerFor(tenants.companyA.id, callId),
      new AbortController().signal,
    );
    // Two people share the 30 s: 15 s each.
    expect((await free.next<Ringing>('call.ringing')).ringTimeoutSec).toBe(15);
    expect(busy.all('call.ringing')).toEqual([]);
    expect((await agentA.post(`/api/company/calls/${callId}/accept`)).status).toBe(404);

    expect((await agent2.post(`/api/company/calls/${callId}/decline`)).status).toBe(204);
    await busy.next('call.ringing', (r) => r.callId === callId);
    expect((await agentA.post(`/api/company/calls/${callId}/accept`)).status).toBe(200);
    expect(await outcome).toMatchObject({ kind: 'accepted', userId: tenants.users.agentA.id });
    // The taken call counts among their live calls now.
    expect(await liveCallsOf(agentA, tenants.users.agentA.id)).toBe(liveBefore + 1);
  });

  it('least_busy skips a person who went away before their turn', async () => {
    await setEscalation({ ringStrategy: 'least_busy', ringTimeoutSec: 30, holdAudio: 'tone' });
    const { agentA } = tenants.as;
    await insertLiveCall(t.db, tenants.companyA.id, { humanAgentId: tenants.users.agentA.id });
    const busy = await open(agentA);
    const free = await open(agent2);
    const callId = await insertLiveCall(t.db, tenants.companyA.id);
    const outcome = t.app.callOffers.offer(
      offerFor(tenants.companyA.id, callId),
      new AbortController().signal,
    );
    await free.next('call.ringing', (r) => r.callId === callId);
    await setPresence(agentA, 'away');
    expect((await agent2.post(`/api/company/calls/${callId}/decline`)).status).toBe(204);
    expect(await outcome).toEqual({ kind: 'unanswered' });
    expect(busy.all<Ringing>('call.ringing').filter((r) => r.callId === callId)).toEqual([]);
  });
});

describe('escalation settings', () => {
  it('are read by members with defaults, and changed only by company admins within bounds', async () => {
    const fresh = await tenants.as.adminB.get('/api/company/escalation-settings');
    expect(fresh.status).toBe(200);
    expect(fresh.body.escalationSettings).toEqual({
      ringStrategy: 'all',
      ringTimeoutSec: 30,
      holdAudio: 'tone',
    });
    const saved = await setEscalation({
      ringStrategy: 'least_busy',
      ringTimeoutSec: 45,
      holdAudio: 'music',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const read = await tenants.as.agentA.get('/api/company/escalation-settings');
    expect(read.body.escalationSettings).toEqual({
      ringStrategy: 'least_busy',
      ringTimeoutSec: 45,
      holdAudio: 'music',
    });
    expect(
      (await setEscalation({ ringStrategy: 'all', ringTimeoutSec: 5, holdAudio: 'tone' })).status,
    ).toBe(400);
    expect(
      (await setEscalation({ ringStrategy: 'all', ringTimeoutSec: 121, holdAudio: 'tone' })).status,
    ).toBe(400);
    const byAgent = await tenants.as.agentA.request('PUT', '/api/company/escalation-settings', {
      ringStrategy: 'all',
      ringTimeoutSec: 30,
      holdAudio: 'tone',
    });
    expect(byAgent.status).toBe(403);
    // Other company settings keep the choice.
    const retention = await tenants.as.adminA.patch('/api/company/recording-settings', {
      retentionDays: 30,
    });
    expect(retention.status).toBe(200);
    expect(
      (await tenants.as.agentA.get('/api/company/escalation-settings')).body.escalationSettings,
    ).toMatchObject({ ringTimeoutSec: 45 });
    // Company B's stay its own.
    expect(
      (await tenants.as.adminB.get('/api/company/escalation-settings')).body.escalationSettings,
    ).toMatchObject({ ringTimeoutSec: 30 });
  });
});
