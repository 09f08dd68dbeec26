import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAKE_OPENAI_KEY,
  type FakeOpenAIRealtime,
  startFakeOpenAIRealtime,
} from '../../../fakes/openai-realtime-server.js';
import { type FakeTwilioRest, startFakeTwilio } from '../../../fakes/twilio-rest.js';
import { createTenants, seededModelId } from '../../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../../helpers/test-app.js';
import { createCallChatbot } from '../../../helpers/widget-visitor.js';
import { eventually } from '../runner/runner-world.js';
import { PhoneLine } from './phone-line.js';

// The call model cannot be reached (every Realtime handshake is refused): the
// phone caller hears a short apology, played by Twilio after our REST
// redirect, before the line closes, instead of silence and a hang-up.

const APOLOGY_TWIML =
  '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Sorry, we cannot take your call right now. Please try again later.</Say><Hangup/></Response>';

let t: TestApp;
let twilioRest: FakeTwilioRest;
let openai: FakeOpenAIRealtime;
let line: PhoneLine;

beforeAll(async () => {
  twilioRest = await startFakeTwilio();
  openai = await startFakeOpenAIRealtime({ refuse: Array.from({ length: 20 }, () => 503) });
  t = await startTestApp({
    TWILIO_API_BASE_URL: twilioRest.url,
    OPENAI_API_KEY: FAKE_OPENAI_KEY,
    OPENAI_BASE_URL: openai.url,
  });
  const { as } = await createTenants(t, { callEnabled: true });
  const chatbot = await createCallChatbot(
    as.adminA,
    'Phone desk',
    await seededModelId(t.db, 'gpt-realtime'),
  );
  line = await PhoneLine.connect(t, twilioRest, as.adminA, chatbot.id);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await openai?.close();
  await twilioRest?.close();
});

describe('a phone call whose model cannot be reached', () => {
  it('redirects the caller to a spoken apology before our side closes', async () => {
    const { client, callSid } = await line.answer();
    const order: string[] = [];
    twilioRest.events.on('callUpdated', () => order.push('apology'));
    void client.closed.then(() => order.push('stream closed'));

    await client.closed;
    expect(openai.handshakes.every((handshake) => handshake.status === 503)).toBe(true);
    expect(openai.handshakes.length).toBeGreaterThan(1);
    expect(order).toEqual(['apology', 'stream closed']);
    expect(twilioRest.calls.get(callSid)?.updates.map((update) => update.get('Twiml'))).toEqual([
      APOLOGY_TWIML,
    ]);
    await eventually(async () =>
      expect(await line.callRow(callSid)).toMatchObject({
        status: 'failed',
        endReason: 'provider_unavailable',
      }),
    );
  }, 30_000);
});
