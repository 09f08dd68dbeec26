import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { calls, conversations } from '../../../src/server/db/schema/index.js';
import { callPhrases } from '../../../src/server/voice/runner/call-phrases.js';
import { tone } from '../../fakes/pcm-tone.js';
import type { ApiClient } from '../../helpers/api-client.js';
import type { SseClient } from '../../helpers/sse.js';
import { CallClient, UpgradeRefused } from '../voice/browser-gateway-client.js';
import {
  fundamentalHz,
  type GatewayWorld,
  hasPitch,
  newCallSession,
  startBrowserCall,
  startGatewayWorld,
} from '../voice/browser-gateway-setup.js';
import { openAgentStream, type Ringing } from './ringing-world.js';

// A caller on a web call asks for a person; the support agent's dashboard
// rings, they accept, join the call's audio over the take-over socket and
// talk with the caller; then they hand the call back to the AI. The AI is
// the fake OpenAI Realtime server, everything else is the real product.

const ASK_FOR_PERSON = {
  transcript: 'I want to talk to a person',
  reply: {
    toolCall: { name: 'escalate_to_human', arguments: '{"reason":"The caller wants a person"}' },
  },
};

let world: GatewayWorld;
let bot: { id: string; publicId: string };
let firstBot: { id: string; publicId: string };
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  world = await startGatewayWorld();
  bot = await world.createCallBot();
  firstBot = await world.createCallBot({ greeting: 'Hello from the team desk.' });
});
afterEach(() => {
  for (const tab of agentTabs.splice(0)) tab.close();
});
afterAll(async () => {
  for (const cleanup of cleanups) cleanup();
  await world?.close();
});

/** Streams `hz` from a socket in real-time 20 ms frames until stopped, like an open microphone. */
function microphone(client: CallClient, hz: number, sampleRate: number) {
  let on = true;
  void (async () => {
    while (on && client.socket.readyState === client.socket.OPEN) {
      await client.streamAudio(tone(hz, 200, sampleRate), sampleRate);
    }
  })();
  const stop = () => {
    on = false;
  };
  cleanups.push(stop);
  return stop;
}

/** Whether some 100 ms holds both tones at once (a mix): its spectrum has energy at each. */
function hasMixOf(samples: Int16Array, a: number, b: number): boolean {
  const energyAt = (window: Int16Array, hz: number) => {
    let re = 0;
    let im = 0;
    for (let n = 0; n < window.length; n++) {
      const phase = (2 * Math.PI * hz * n) / 24_000;
      re += (window[n] ?? 0) * Math.cos(phase);
      im += (window[n] ?? 0) * Math.sin(phase);
    }
    return Math.hypot(re, im) / window.length;
  };
  for (let i = 0; i + 2400 <= samples.length; i += 2400) {
    const window = samples.subarray(i, i + 2400);
    if (energyAt(window, a) > 500 && energyAt(window, b) > 500) return true;
  }
  return false;
}

const since = (client: CallClient, fromByte: number) =>
  new Int16Array(Buffer.concat(client.audio).subarray(fromByte).buffer.slice(0)).subarray(0);

/** Dashboard tabs open in the current test; closed after it, so the agent is offline again. */
const agentTabs: SseClient[] = [];

async function agentOnline(agent: ApiClient): Promise<SseClient> {
  const stream = await openAgentStream(world.t.url, agent);
  agentTabs.push(stream);
  await stream.next('presence');
  return stream;
}

async function callerAsksForPerson() {
  const session = await newCallSession(world.visitor(), bot.publicId);
  const caller = await startBrowserCall(session);
  const callId = String(caller.events.find((e) => e.type === 'call.started')?.callId);
  caller.startPlayer();
  const stopMic = microphone(caller, 220, session.inputSampleRate);
  await world.fake.callerTurn(ASK_FOR_PERSON);
  return { caller, callId, session, stopMic };
}

const takeOverUrl = (callId: string) =>
  `${world.t.url.replace(/^http/, 'ws')}/api/company/calls/${callId}/take-over/socket`;

const joinAs = (agent: ApiClient, callId: string) =>
  CallClient.connect(takeOverUrl(callId), 24_000, { cookie: agent.cookieHeader });

const saidToCaller = (caller: CallClient, text: string) =>
  caller.waitFor(
    'transcript.final',
    (e) => e.speaker === 'agent' && String(e.text).includes(text),
    15_000,
  );

describe('a person takes over a web call', () => {
  it('rings the available agent, who joins, hears the caller, is heard, and hands back to the AI', async () => {
    const { agentA, adminA, adminB } = world.tenants.as;
    const agentStream = await agentOnline(agentA);
    const { caller, callId } = await callerAsksForPerson();

    const ringing = await agentStream.next<Ringing>('call.ringing', undefined, 15_000);
    expect(ringing.callId).toBe(callId);
    expect(ringing.callerLabel).toBe('Web caller');

    // While it rings the caller holds: after the agent's hold line, the soft 660 Hz hold tone.
    await caller.until(
      () => hasPitch(caller.receivedSamples(), 24_000, 660) || undefined,
      'hold tone',
      10_000,
    );

    // Nobody but the person who accepts may open the call's audio.
    await expect(joinAs(agentA, callId)).rejects.toMatchObject({ status: 409 });
    expect((await agentA.post(`/api/company/calls/${callId}/accept`)).status).toBe(200);
    await expect(joinAs(adminA, callId)).rejects.toBeInstanceOf(UpgradeRefused);
    await expect(joinAs(adminB, callId)).rejects.toMatchObject({ status: 404 });

    const person = await joinAs(agentA, callId);
    cleanups.push(() => person.socket.close());
    // The person hears the caller's 220 Hz voice.
    await person.until(() => person.receivedAudioMs() > 400 || undefined, 'caller audio', 5000);
    expect(fundamentalHz(person.receivedSamples(), 24_000)).toBeCloseTo(220, -1);
    // The caller hears the person's 330 Hz voice, and no more hold tone.
    const beforePerson = caller.receivedAudioBytes;
    const stopPersonMic = microphone(person, 330, 24_000);
    await caller.until(
      () => hasPitch(since(caller, beforePerson), 24_000, 330) || undefined,
      "the person's voice",
      5000,
    );

    const [taken] = await world.t.db.select().from(calls).where(eq(calls.id, callId));
    expect(taken?.humanAgentId).toBe(world.tenants.users.agentA.id);
    const [conversation] = await world.t.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, taken?.conversationId ?? ''));
    expect(conversation?.status).toBe('human');
    // The Inbox shows the voice conversation with its live call, taken by the agent.
    const inbox = await agentA.get<{
      conversation: { call: unknown; assignedUser: { id: string } | null };
    }>(`/api/company/inbox/conversations/${conversation?.id}`);
    expect(inbox.body.conversation.call).toEqual({ id: callId, live: true });
    expect(inbox.body.conversation.assignedUser?.id).toBe(world.tenants.users.agentA.id);

    // Hand back: the person's socket closes, the AI greets the caller again.
    expect((await adminA.post(`/api/company/calls/${callId}/take-over/hand-back`)).status).toBe(
      409,
    );
    expect((await agentA.post(`/api/company/calls/${callId}/take-over/hand-back`)).status).toBe(
      204,
    );
    stopPersonMic();
    expect((await person.closed).reason).toBe('handed_back');
    await saidToCaller(caller, callPhrases.handedBack);
    // The AI is told what happened while it was away before it speaks again.
    const told = world.fake
      .eventsOf('conversation.item.create')
      .map((event) => event.item as { type: string; content?: Array<{ text: string }> })
      .filter((item) => item.type === 'message');
    expect(told.at(-1)?.content?.[0]?.text).toContain(
      `${world.tenants.users.agentA.name} from the team talked with the caller`,
    );
    const [back] = await world.t.db
      .select({ status: conversations.status })
      .from(conversations)
      .where(eq(conversations.id, taken?.conversationId ?? ''));
    expect(back?.status).toBe('bot');
    caller.socket.close();
  });

  it('says the busy line and takes a message when everyone declines', async () => {
    const { agentA } = world.tenants.as;
    const agentStream = await agentOnline(agentA);
    const { caller, callId } = await callerAsksForPerson();
    await agentStream.next('call.ringing', undefined, 15_000);
    expect((await agentA.post(`/api/company/calls/${callId}/decline`)).status).toBe(204);
    await saidToCaller(caller, callPhrases.busy);
    caller.socket.close();
  });

  it("takes the call back with an apology when the person's tab closes mid-call", async () => {
    const { agentA } = world.tenants.as;
    const agentStream = await agentOnline(agentA);
    const { caller, callId } = await callerAsksForPerson();
    await agentStream.next('call.ringing', undefined, 15_000);
    expect((await agentA.post(`/api/company/calls/${callId}/accept`)).status).toBe(200);
    const person = await joinAs(agentA, callId);
    await person.until(() => person.receivedAudioMs() > 100 || undefined, 'caller audio', 5000);
    person.socket.terminate();
    await saidToCaller(caller, callPhrases.personLeft);
    caller.socket.close();
  });

  it('lets a supervisor listen in unheard, then take the call over with one click', async () => {
    const { agentA, adminA, adminB } = world.tenants.as;
    const session = await newCallSession(world.visitor(), bot.publicId);
    const caller = await startBrowserCall(session);
    const callId = String(caller.events.find((e) => e.type === 'call.started')?.callId);
    caller.startPlayer();
    microphone(caller, 220, session.inputSampleRate);
    const listenUrl = takeOverUrl(callId).replace('/take-over/socket', '/listen/socket');
    const listen = (as: ApiClient) =>
      CallClient.connect(listenUrl, 24_000, { cookie: as.cookieHeader });
    await expect(listen(agentA)).rejects.toMatchObject({ status: 403 });
    await expect(listen(adminB)).rejects.toMatchObject({ status: 404 });

    const supervisor = await listen(adminA);
    cleanups.push(() => supervisor.socket.close());
    // Whatever the supervisor's microphone sends, the caller never hears it.
    const beforeListening = caller.receivedAudioBytes;
    microphone(supervisor, 550, 24_000);
    await world.fake.callerTurn({ reply: { say: 'We open at nine.', audioMs: 600 } });
    // Both sides reach the supervisor: the caller's 220 Hz and the agent's 440 Hz answer.
    await supervisor.until(
      () =>
        (hasPitch(supervisor.receivedSamples(), 24_000, 220) &&
          supervisor.receivedAudioMs() > 1000) ||
        undefined,
      'the caller',
      10_000,
    );
    expect(hasMixOf(supervisor.receivedSamples(), 220, 440)).toBe(true);
    await caller.until(
      () => caller.receivedAudioBytes - beforeListening > 24_000 || undefined,
      'agent audio',
      5000,
    );
    expect(hasPitch(since(caller, beforeListening), 24_000, 550)).toBe(false);

    // One click: the supervisor takes the call and joins its audio.
    const taken = await adminA.post<{ takeOverPath: string }>(
      `/api/company/calls/${callId}/take-over`,
    );
    expect(taken.status).toBe(200);
    expect(taken.body.takeOverPath).toBe(`/calls/${callId}/take-over`);
    expect((await agentA.post(`/api/company/calls/${callId}/take-over`)).status).toBe(409);
    const person = await joinAs(adminA, callId);
    cleanups.push(() => person.socket.close());
    const beforePerson = caller.receivedAudioBytes;
    microphone(person, 330, 24_000);
    await caller.until(
      () => hasPitch(since(caller, beforePerson), 24_000, 330) || undefined,
      "the supervisor's voice",
      5000,
    );
    caller.socket.close();
  });

  it('rings the team first when a routing rule says so, and the AI answers when nobody takes it', async () => {
    const { agentA, adminA } = world.tenants.as;
    const rule = await adminA.post<{ rule: { id: string } }>('/api/company/routing-rules', {
      name: 'Team first',
      chatbotId: firstBot.id,
      action: { type: 'offer_person' },
    });
    expect(rule.status).toBe(201);
    try {
      // Nobody available: the AI greets as usual.
      const alone = await startBrowserCall(
        await newCallSession(world.visitor(), firstBot.publicId),
      );
      await saidToCaller(alone, 'Hello from the team desk.');
      alone.socket.close();

      // The agent is there: the caller holds while it rings; declined, the AI answers.
      const agentStream = await agentOnline(agentA);
      const session = await newCallSession(world.visitor(), firstBot.publicId);
      const caller = await startBrowserCall(session);
      caller.startPlayer();
      microphone(caller, 220, session.inputSampleRate);
      const ringing = await agentStream.next<Ringing>('call.ringing', undefined, 15_000);
      expect(ringing.reason).toBe('A routing rule rings the team for this call');
      await saidToCaller(caller, callPhrases.holdForPerson);
      expect(caller.eventsOf('transcript.final').map((e) => e.text)).not.toContain(
        'Hello from the team desk.',
      );
      expect((await agentA.post(`/api/company/calls/${ringing.callId}/decline`)).status).toBe(204);
      await saidToCaller(caller, 'Hello from the team desk.');
      caller.socket.close();
    } finally {
      await adminA.request('DELETE', `/api/company/routing-rules/${rule.body.rule.id}`);
    }
  });

  it('stops ringing when the caller hangs up while waiting', async () => {
    const { agentA } = world.tenants.as;
    const agentStream = await agentOnline(agentA);
    const { caller, callId, stopMic } = await callerAsksForPerson();
    await agentStream.next('call.ringing', undefined, 15_000);
    stopMic();
    caller.socket.close();
    const cancelled = await agentStream.next('call.ring.cancelled', undefined, 10_000);
    expect(cancelled).toMatchObject({ callId, reason: 'caller_hung_up' });
  });
});
