import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../../src/server/db/schema/index.js';
import { decodeWav } from '../../../src/server/voice/audio/wav.js';
import type { FakeCallerTurn } from '../../fakes/openai-realtime-server.js';
import { postSignedForm, sidOf, streamOf } from '../../fakes/twilio-media-client.js';
import { type FakeTwilioRest, startFakeTwilio } from '../../fakes/twilio-rest.js';
import type { ApiClient } from '../../helpers/api-client.js';
import { WebhookReceiver } from '../../helpers/webhook-receiver.js';
import { CallClient } from '../voice/browser-gateway-client.js';
import {
  type GatewayWorld,
  hangUp,
  newCallSession,
  socketUrl,
  speechLikeWav,
  startBrowserCall,
  startGatewayWorld,
} from '../voice/browser-gateway-setup.js';
import { eventually } from '../voice/runner/runner-world.js';
import { CALLER, PhoneLine } from '../voice/twilio/phone-line.js';

// Routing rules applied where calls start: the widget's call session (web)
// and Twilio's voice webhook (phone), each action end to end.

const RULES = '/api/company/routing-rules';
const GATHER_PATH = '/api/webhooks/twilio/voice/gather';

let world: GatewayWorld;
let twilioRest: FakeTwilioRest;
let admin: ApiClient;
let frontDesk: { id: string; publicId: string };
let nightDesk: { id: string; publicId: string };
let line: PhoneLine;
/** What web callers say, in order, to the fake OpenAI Realtime server. */
const turns: FakeCallerTurn[] = [];

beforeAll(async () => {
  twilioRest = await startFakeTwilio();
  world = await startGatewayWorld(
    { turns },
    {
      TWILIO_API_BASE_URL: twilioRest.url,
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_POLL_MS: '50',
    },
  );
  admin = world.tenants.as.adminA;
  frontDesk = await world.createCallBot({ greeting: 'Hello from the front desk.' });
  nightDesk = await world.createCallBot({ greeting: 'Hello from the night desk.' });
  line = await PhoneLine.connect(world.t, twilioRest, admin, frontDesk.id);
}, 60_000);
const receivers: WebhookReceiver[] = [];
afterEach(async () => {
  const { body } = await admin.get<{ rules: Array<{ id: string }> }>(RULES);
  for (const rule of body.rules) await admin.delete(`${RULES}/${rule.id}`);
  const hooks = await admin.get<{ webhooks: Array<{ id: string }> }>('/api/company/webhooks');
  for (const hook of hooks.body.webhooks) await admin.delete(`/api/company/webhooks/${hook.id}`);
  for (const receiver of receivers.splice(0)) await receiver.close();
});
afterAll(async () => {
  await world?.close();
  await twilioRest?.close();
});

async function addRule(body: Record<string, unknown>): Promise<{ id: string; name: string }> {
  const res = await admin.post<{ rule: { id: string; name: string } }>(RULES, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.rule;
}

/** A company endpoint subscribed to calls starting and ending, closed after the test. */
async function callWebhooks(): Promise<WebhookReceiver> {
  const receiver = await WebhookReceiver.start();
  receivers.push(receiver);
  const res = await admin.post<{ secret: string }>('/api/company/webhooks', {
    url: receiver.url,
    events: ['call.started', 'call.ended'],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  receiver.secret = res.body.secret;
  return receiver;
}

/** The call events `receiver` got for `callId`, once both have arrived. */
async function callEventsOf(receiver: WebhookReceiver, callId: string): Promise<string[]> {
  await receiver.waitFor((h) => h.json.type === 'call.ended' && h.json.data.id === callId);
  await receiver.waitFor((h) => h.json.type === 'call.started' && h.json.data.id === callId);
  return receiver.received
    .filter((h) => h.json.data.id === callId && h.signatureValid)
    .map((h) => String(h.json.type))
    .sort();
}

async function callRow(callId: string) {
  const [row] = await world.t.db.select().from(calls).where(eq(calls.id, callId));
  if (!row) throw new Error(`no call ${callId}`);
  return row;
}

const lastInstructions = () => {
  const updates = world.fake.eventsOf('session.update');
  const session = updates.at(-1)?.session as { instructions?: string } | undefined;
  return session?.instructions ?? '';
};

describe('web calls', () => {
  it('without rules are answered as before, by the called chatbot, with no rule recorded', async () => {
    const client = await startBrowserCall(
      await newCallSession(world.visitor(), frontDesk.publicId),
    );
    const callId = String((await client.waitFor('call.started')).callId);
    await hangUp(client);
    expect(await callRow(callId)).toMatchObject({
      chatbotId: frontDesk.id,
      routingRuleId: null,
      routingRuleName: null,
    });
  });

  it('play_and_hangup ends the call with the rule’s message and connects no agent', async () => {
    const rule = await addRule({
      name: 'Closed for the holidays',
      conditions: { sources: ['web'] },
      action: { type: 'play_and_hangup', message: 'We are closed today. Please call tomorrow.' },
    });
    const receiver = await callWebhooks();
    const connectionsBefore = world.fake.connections.length;
    const session = await newCallSession(world.visitor(), frontDesk.publicId);
    const client = await CallClient.connect(socketUrl(session), session.outputSampleRate);
    const ending = await client.waitFor('call.ending');
    expect(ending).toMatchObject({
      reason: 'routing_rule',
      message: 'We are closed today. Please call tomorrow.',
    });
    await client.waitFor('call.ended');
    await client.closed;
    const callId = String((await client.waitFor('call.started')).callId);
    expect(await callRow(callId)).toMatchObject({
      status: 'completed',
      endReason: 'routing_rule',
      routingRuleId: rule.id,
      routingRuleName: 'Closed for the holidays',
    });
    expect(world.fake.connections.length).toBe(connectionsBefore);
    // The company's systems hear of the call like any other.
    expect(await callEventsOf(receiver, callId)).toEqual(['call.ended', 'call.started']);
  });

  it('answer can pick one agent of a multi-agent chatbot', async () => {
    const specialists = await world.createCallBot({ greeting: 'Specialists here.' });
    const agents = await admin.patch(`/api/company/chatbots/${specialists.id}`, {
      agentsList: [
        { id: 'reception', name: 'Reception', instructions: 'You greet callers.', isDefault: true },
        { id: 'billing', name: 'Billing', instructions: 'You are Bea, the billing specialist.' },
      ],
    });
    expect(agents.status, JSON.stringify(agents.body)).toBe(200);
    await addRule({
      name: 'Web calls to billing',
      conditions: { sources: ['web'] },
      action: { type: 'answer', chatbotId: specialists.id, agentId: 'billing' },
    });
    const client = await startBrowserCall(
      await newCallSession(world.visitor(), frontDesk.publicId),
    );
    await client.waitFor('call.started');
    await eventually(async () =>
      expect(lastInstructions()).toContain('You are Bea, the billing specialist.'),
    );
    expect(lastInstructions()).not.toContain('You greet callers.');
    await hangUp(client);
  });

  it('answer hands the call to another chatbot of the company and records the rule', async () => {
    const rule = await addRule({
      name: 'Night desk takes web calls',
      conditions: { sources: ['web'] },
      action: { type: 'answer', chatbotId: nightDesk.id },
    });
    const client = await startBrowserCall(
      await newCallSession(world.visitor(), frontDesk.publicId),
    );
    const callId = String((await client.waitFor('call.started')).callId);
    await client.until(
      () =>
        client.events.some(
          (e) => e.type === 'transcript.final' && String(e.text).includes('night desk'),
        ),
      'the night desk greeting',
    );
    await hangUp(client);
    expect(await callRow(callId)).toMatchObject({
      chatbotId: nightDesk.id,
      routingRuleId: rule.id,
      routingRuleName: 'Night desk takes web calls',
    });
  });

  it('take_message tells the agent to take a message only', async () => {
    await addRule({ name: 'Messages only', action: { type: 'take_message' } });
    const client = await startBrowserCall(
      await newCallSession(world.visitor(), frontDesk.publicId),
    );
    await eventually(async () => expect(lastInstructions()).toContain('you only take a message'));
    await hangUp(client);
  });

  it('mark_urgent flags the call, notifies the staff, and the analysis does not unflag it', async () => {
    await addRule({ name: 'Everything urgent', action: { type: 'mark_urgent' } });
    const client = await startBrowserCall(
      await newCallSession(world.visitor(), frontDesk.publicId),
    );
    const callId = String((await client.waitFor('call.started')).callId);
    expect(lastInstructions()).not.toContain('you only take a message');
    await hangUp(client);
    await eventually(async () => {
      const row = await callRow(callId);
      expect(row.summary).not.toBeNull();
      expect(row).toMatchObject({ isUrgent: true, routingRuleName: 'Everything urgent' });
    }, 15_000);
    const bell = await admin.get<{
      notifications: Array<{ kind: string; details: Record<string, string> }>;
    }>('/api/company/notifications');
    expect(bell.body.notifications).toContainEqual(
      expect.objectContaining({
        kind: 'urgent_call',
        details: { callId, rule: 'Everything urgent' },
      }),
    );
  });
});

describe('intent rules, mid-call', () => {
  /** A web call whose greeting is over, and the caller then says `transcript`. */
  async function callerSays(transcript: string, reply = 'Let me see.') {
    const session = await newCallSession(world.visitor(), frontDesk.publicId);
    const client = await startBrowserCall(session);
    const callId = String((await client.waitFor('call.started')).callId);
    await client.waitFor('agent.speaking', (e) => e.speaking === false, 10_000);
    turns.push({ transcript, reply: { say: reply } });
    const wav = decodeWav(speechLikeWav(1000, session.inputSampleRate));
    await client.streamAudio(wav.samples, wav.sampleRate);
    return { client, callId };
  }

  it('play_and_hangup: the caller says it is an emergency, hears the rule’s message, and the call ends', async () => {
    const rule = await addRule({
      name: 'Emergencies',
      conditions: { intent: 'emergency' },
      action: { type: 'play_and_hangup', message: 'Please hang up and dial 911 now.' },
    });
    const { client, callId } = await callerSays('I have severe pain and bleeding');
    const ended = await client.waitFor('call.ended', undefined, 30_000);
    expect(ended).toMatchObject({ reason: 'routing_rule' });
    const agentSaid = client
      .eventsOf('transcript.final')
      .filter((e) => e.speaker === 'agent')
      .map((e) => e.text);
    expect(agentSaid.at(-1)).toBe('Please hang up and dial 911 now.');
    expect(await callRow(callId)).toMatchObject({
      endReason: 'routing_rule',
      routingRuleId: rule.id,
      routingRuleName: 'Emergencies',
    });
  });

  it('mark_urgent: a billing question flags the call and the conversation goes on', async () => {
    await addRule({
      name: 'Emergencies',
      conditions: { intent: 'emergency' },
      action: { type: 'play_and_hangup', message: 'Please dial 911.' },
    });
    const rule = await addRule({
      name: 'Billing is urgent',
      conditions: { intent: 'billing' },
      action: { type: 'mark_urgent' },
    });
    const { client, callId } = await callerSays(
      'Why was my insurance charged twice?',
      'I will look into the charge.',
    );
    await client.waitFor(
      'transcript.final',
      (e) => e.speaker === 'agent' && e.text === 'I will look into the charge.',
    );
    await eventually(async () =>
      expect(await callRow(callId)).toMatchObject({
        isUrgent: true,
        status: 'in_progress',
        routingRuleId: rule.id,
        routingRuleName: 'Billing is urgent',
      }),
    );
    await hangUp(client);
    const bell = await admin.get<{ notifications: Array<{ kind: string; details: unknown }> }>(
      '/api/company/notifications',
    );
    expect(bell.body.notifications).toContainEqual(
      expect.objectContaining({
        kind: 'urgent_call',
        details: { callId, rule: 'Billing is urgent' },
      }),
    );
  });

  it('does nothing for an intent no rule waits for', async () => {
    await addRule({
      name: 'Emergencies',
      conditions: { intent: 'emergency' },
      action: { type: 'play_and_hangup', message: 'Please dial 911.' },
    });
    const { client, callId } = await callerSays('I would like to book a cleaning', 'Sure.');
    await client.waitFor('transcript.final', (e) => e.speaker === 'agent' && e.text === 'Sure.');
    expect(await hangUp(client)).toMatchObject({ reason: 'caller_ended' });
    expect(await callRow(callId)).toMatchObject({ routingRuleId: null, isUrgent: false });
  });
});

describe('phone calls', () => {
  const rowOf = async (callSid: string) => {
    const [row] = await world.t.db
      .select()
      .from(calls)
      .where(and(eq(calls.integrationAccountId, line.accountId), eq(calls.twilioCallSid, callSid)));
    return row;
  };

  it('transfer answers the webhook with <Dial> and records a transferred call', async () => {
    const rule = await addRule({
      name: 'Everyone to the desk',
      integrationAccountId: line.accountId,
      action: { type: 'transfer', phoneNumber: '+1 555 000 2222' },
    });
    const ringing = await line.ring();
    expect(ringing.status).toBe(200);
    expect(ringing.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Dial>+15550002222</Dial></Response>',
    );
    expect(await rowOf(ringing.callSid)).toMatchObject({
      status: 'completed',
      endReason: 'transferred',
      transferredTo: '+15550002222',
      callerId: CALLER.from,
      routingRuleId: rule.id,
    });

    // The Calls page filters by the rule and shows it in the call's details.
    type Listed = {
      calls: Array<{ id: string; routingRule: { id: string; name: string } | null }>;
    };
    const listed = await admin.get<Listed>(`/api/company/calls?routingRule=${rule.id}`);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.calls).toEqual([
      expect.objectContaining({ routingRule: { id: rule.id, name: 'Everyone to the desk' } }),
    ]);
    const callId = listed.body.calls[0]?.id;
    const details = await admin.get<{ call: { routingRule: unknown } }>(
      `/api/company/calls/${callId}`,
    );
    expect(details.body.call.routingRule).toEqual({ id: rule.id, name: 'Everyone to the desk' });
    const otherRule = await admin.get<Listed>(
      `/api/company/calls?routingRule=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`,
    );
    expect(otherRule.body.calls).toEqual([]);
    const seenByB = await world.tenants.as.adminB.get<Listed>(
      `/api/company/calls?routingRule=${rule.id}`,
    );
    expect(seenByB.body.calls).toEqual([]);
  });

  it('a caller on the blocked list hears the message and the line hangs up', async () => {
    const blocked = await admin.post<{ callerList: { id: string } }>('/api/company/caller-lists', {
      name: 'Blocked',
      kind: 'blocked',
      numbers: ['+19005550100'],
    });
    await addRule({
      name: 'Blocked callers',
      conditions: { callerListId: blocked.body.callerList.id },
      action: { type: 'play_and_hangup', message: 'This number cannot reach us.' },
    });
    const receiver = await callWebhooks();
    const ringing = await line.ring(sidOf('CA'), { from: '+19005550100' });
    expect(ringing.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say>This number cannot reach us.</Say><Hangup/></Response>',
    );
    const row = await rowOf(ringing.callSid);
    expect(row).toMatchObject({ endReason: 'routing_rule', routingRuleName: 'Blocked callers' });
    expect(await callEventsOf(receiver, String(row?.id))).toEqual(['call.ended', 'call.started']);
    // Anyone else is answered as usual.
    expect(streamOf((await line.ring()).text)).not.toBeNull();
  });

  it('a live phone call answered by the chatbot a rule names, flagged urgent mid-call by an intent rule', async () => {
    const answer = await addRule({
      name: 'Phone calls to the night desk',
      conditions: { sources: ['phone'] },
      action: { type: 'answer', chatbotId: nightDesk.id },
    });
    const urgent = await addRule({
      name: 'Billing is urgent',
      conditions: { intent: 'billing' },
      action: { type: 'mark_urgent' },
    });
    const { client, callSid } = await line.answer();
    try {
      const agentSaid = async () =>
        (await line.transcript(callSid))
          .filter((row) => row.speaker === 'agent')
          .map((row) => row.text);
      await eventually(async () =>
        expect(await agentSaid()).toContain('Hello from the night desk.'),
      );
      expect(await rowOf(callSid)).toMatchObject({
        chatbotId: nightDesk.id,
        status: 'in_progress',
        routingRuleId: answer.id,
        isUrgent: false,
      });
      turns.push({ transcript: 'My insurance was charged twice', reply: { say: 'I will check.' } });
      await client.speak(decodeWav(speechLikeWav(1000, 8000)));
      await eventually(async () =>
        expect(await rowOf(callSid)).toMatchObject({ isUrgent: true, routingRuleId: urgent.id }),
      );
    } finally {
      client.hangUp();
      await client.closed;
    }
  });

  it('plays the keypress menu, then routes by the digit Twilio posts back (signed)', async () => {
    await addRule({
      name: 'Appointments line',
      conditions: { keypress: { digit: '1', label: 'appointments' } },
      action: { type: 'transfer', phoneNumber: '+15550003333' },
    });
    const messages = await addRule({
      name: 'Billing messages',
      conditions: { keypress: { digit: '2', label: 'billing' } },
      action: { type: 'take_message' },
    });
    const ringing = await line.ring();
    const gatherUrl = `${world.t.url}${GATHER_PATH}`;
    expect(ringing.text).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><Response><Gather numDigits="1" action="${gatherUrl}" method="POST" timeout="6" actionOnEmptyResult="true"><Say>Press 1 for appointments. Press 2 for billing.</Say></Gather></Response>`,
    );
    const pressed = (digits: string, callSid = ringing.callSid, token = line.authToken) =>
      postSignedForm(
        gatherUrl,
        token,
        {
          AccountSid: line.twilio.sid,
          CallSid: callSid,
          From: CALLER.from,
          To: line.number,
          Digits: digits,
        },
        { headers: line.headers },
      );
    expect((await pressed('2', ringing.callSid, 'not-the-token')).status).toBe(403);

    const billing = await pressed('2');
    expect(streamOf(billing.text)).not.toBeNull();
    expect(await rowOf(ringing.callSid)).toMatchObject({
      status: 'pending',
      routingRuleId: messages.id,
      routingRuleName: 'Billing messages',
    });

    const other = await line.ring();
    const appointments = await pressed('1', other.callSid);
    expect(appointments.text).toContain('<Dial>+15550003333</Dial>');
    // No key pressed: past the keypress rules, answered as without rules.
    const silent = await line.ring();
    const none = await pressed('', silent.callSid);
    expect(streamOf(none.text)).not.toBeNull();
    expect(await rowOf(silent.callSid)).toMatchObject({ routingRuleId: null });
  });
});
