import { once } from 'node:events';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTranscripts } from '../../../src/server/db/schema/index.js';
import { decodeMulaw } from '../../../src/server/voice/audio/g711.js';
import { resample } from '../../../src/server/voice/audio/resampler.js';
import { callPhrases } from '../../../src/server/voice/runner/call-phrases.js';
import { tone } from '../../fakes/pcm-tone.js';
import {
  type FakeTwilioCall,
  type FakeTwilioRest,
  startFakeTwilio,
} from '../../fakes/twilio-rest.js';
import type { ApiClient } from '../../helpers/api-client.js';
import { createTenants } from '../../helpers/fixtures.js';
import { createLocalCallBot } from '../../helpers/local-call-bot.js';
import { spokenAudio } from '../../helpers/speech.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { CallClient } from '../voice/browser-gateway-client.js';
import { hasPitch } from '../voice/browser-gateway-setup.js';
import { eventually } from '../voice/runner/runner-world.js';
import { PhoneLine, playedOut, say } from '../voice/twilio/phone-line.js';
import { openAgentStream, type Ringing } from './ringing-world.js';

// A phone caller (Twilio Media Streams, μ-law at 8 kHz) asks the local
// engine for a person; the support agent's dashboard rings, they join from
// the browser (PCM16 at 24 kHz) and the two hear each other, each side
// converted on the way; the agent's words are transcribed under their name.

let t: TestApp;
let twilioRest: FakeTwilioRest;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let line: PhoneLine;
let transferLine: PhoneLine;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  twilioRest = await startFakeTwilio();
  t = await startTestApp({ TWILIO_API_BASE_URL: twilioRest.url });
  tenants = await createTenants(t, { callEnabled: true });
  const bot = await createLocalCallBot(t, tenants.as.adminA, {
    call: { greeting: 'Hello, Alpha Dental.' },
  });
  line = await PhoneLine.connect(t, twilioRest, tenants.as.adminA, bot.id);
  const transferBot = await createLocalCallBot(t, tenants.as.adminA, {
    name: 'Transfer desk',
    call: { greeting: 'Hello, Alpha Dental.', transferNumber: '+1 (555) 000-1111' },
  });
  transferLine = await PhoneLine.connect(t, twilioRest, tenants.as.adminA, transferBot.id);
}, 90_000);
afterAll(async () => {
  for (const cleanup of cleanups) cleanup();
  await t?.close();
  await twilioRest?.close();
});

const joinAs = (agent: ApiClient, callId: string) =>
  CallClient.connect(
    `${t.url.replace(/^http/, 'ws')}/api/company/calls/${callId}/take-over/socket`,
    24_000,
    { cookie: agent.cookieHeader },
  );

describe('a person takes over a phone call', () => {
  it('joins a Twilio call from the browser: μ-law one way, PCM the other, both transcribed', async () => {
    const { agentA } = tenants.as;
    const agentStream = await openAgentStream(t.url, agentA);
    cleanups.push(() => agentStream.close());
    await agentStream.next('presence');

    const { client, callSid } = await line.answer();
    cleanups.push(() => client.hangUp());
    await client.until(() => client.player.receivedBytes > 0, 'the greeting', 30_000);
    await playedOut(client);
    await say(client, 'I want to talk to a person');

    const ringing = await agentStream.next<Ringing>('call.ringing', undefined, 30_000);
    expect(ringing.callerLabel).toMatch(/555.*765.*4321/);
    expect((await agentA.post(`/api/company/calls/${ringing.callId}/accept`)).status).toBe(200);
    const person = await joinAs(agentA, ringing.callId);
    cleanups.push(() => person.socket.close());

    // The phone caller's 220 Hz voice reaches the browser at 24 kHz.
    let calling = true;
    cleanups.push(() => {
      calling = false;
    });
    void (async () => {
      while (calling && client.isOpen) {
        await client.speak({ samples: tone(220, 200, 8000), sampleRate: 8000 });
      }
    })();
    await person.until(() => person.receivedAudioMs() > 500 || undefined, 'caller audio', 10_000);
    expect(hasPitch(person.receivedSamples(), 24_000, 220)).toBe(true);

    // The person's 330 Hz voice reaches the phone as μ-law at 8 kHz.
    const heardBefore = client.player.receivedBytes;
    await person.streamAudio(tone(330, 600, 24_000), 24_000);
    await client.until(
      () => {
        const mulaw = Buffer.concat(client.player.received).subarray(heardBefore);
        return hasPitch(decodeMulaw(mulaw), 8000, 330);
      },
      "the person's voice",
      10_000,
    );

    // The person's words are transcribed under their name.
    calling = false;
    const words = spokenAudio('We are open tomorrow from nine in the morning');
    await person.streamAudio(resample(words.samples, 16_000, 24_000), 24_000);
    await person.streamAudio(new Int16Array(24_000), 24_000);
    const callRow = await line.callRow(callSid);
    await eventually(async () => {
      const rows = await t.db
        .select()
        .from(callTranscripts)
        .where(
          and(
            eq(callTranscripts.callId, callRow?.id ?? ''),
            eq(callTranscripts.speaker, 'human_agent'),
          ),
        );
      expect(rows[0]?.speakerName).toBe(tenants.users.agentA.name);
      expect(rows[0]?.text.length).toBeGreaterThan(0);
    }, 20_000);

    // Handed back, the local engine greets the caller again.
    expect(
      (await agentA.post(`/api/company/calls/${ringing.callId}/take-over/hand-back`)).status,
    ).toBe(204);
    await eventually(async () => {
      const agentLines = (await line.transcript(callSid))
        .filter((row) => row.speaker === 'agent')
        .map((row) => row.text);
      expect(agentLines).toContain(callPhrases.handedBack);
    }, 20_000);
  }, 120_000);

  it('lets the person send the phone caller on to the transfer number', async () => {
    const { agentA } = tenants.as;
    const agentStream = await openAgentStream(t.url, agentA);
    cleanups.push(() => agentStream.close());
    await agentStream.next('presence');
    const { client, callSid } = await transferLine.answer();
    cleanups.push(() => client.hangUp());
    await client.until(() => client.player.receivedBytes > 0, 'the greeting', 30_000);
    await playedOut(client);
    await say(client, 'I want to talk to a person');
    const ringing = await agentStream.next<Ringing>('call.ringing', undefined, 30_000);
    expect((await agentA.post(`/api/company/calls/${ringing.callId}/accept`)).status).toBe(200);
    const person = await joinAs(agentA, ringing.callId);

    const info = await agentA.get(`/api/company/calls/${ringing.callId}/take-over`);
    expect(info.body).toEqual({
      acceptedBy: tenants.users.agentA.id,
      transferNumber: '+15550001111',
    });
    const redirected = once(twilioRest.events, 'callUpdated') as Promise<[FakeTwilioCall]>;
    expect(
      (await agentA.post(`/api/company/calls/${ringing.callId}/take-over/transfer`)).status,
    ).toBe(204);
    expect((await person.closed).reason).toBe('transferred');
    const [call] = await redirected;
    expect(call.sid).toBe(callSid);
    expect(call.updates.map((update) => update.get('Twiml'))).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?><Response><Dial>+15550001111</Dial></Response>',
    ]);
  }, 120_000);
});
