import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../../../src/server/db/schema/index.js';
import { callPhrases } from '../../../../src/server/voice/runner/call-phrases.js';
import type { FakeTwilioRest } from '../../../fakes/twilio-rest.js';
import { startFakeTwilio } from '../../../fakes/twilio-rest.js';
import { createTenants } from '../../../helpers/fixtures.js';
import { createLocalCallBot } from '../../../helpers/local-call-bot.js';
import { startTestApp, type TestApp } from '../../../helpers/test-app.js';
import { eventually } from '../runner/runner-world.js';
import { CALLER, PhoneLine, playedOut, say } from './phone-line.js';

// A phone caller nobody can take leaves a message with the local engine's
// offline brain: the caller ID is read back as the callback number, and the
// open answers (the name) are heard past the chatbot's phrase grammar.

let t: TestApp;
let twilioRest: FakeTwilioRest;
let line: PhoneLine;

beforeAll(async () => {
  twilioRest = await startFakeTwilio();
  t = await startTestApp({ TWILIO_API_BASE_URL: twilioRest.url });
  const admin = (await createTenants(t, { callEnabled: true })).as.adminA;
  const bot = await createLocalCallBot(t, admin, { call: { greeting: 'Hello, Alpha Dental.' } });
  line = await PhoneLine.connect(t, twilioRest, admin, bot.id);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await twilioRest?.close();
});

describe('taking a message on a phone call', () => {
  it('reads the caller ID back, and a yes keeps it on the ticket', async () => {
    const { client, callSid } = await line.answer();
    const agentLines = async () =>
      (await line.transcript(callSid)).filter((r) => r.speaker === 'agent').map((r) => r.text);
    const answerTo = async (text: string) => {
      const before = (await agentLines()).length;
      await say(client, text);
      let last = '';
      await eventually(async () => {
        const lines = await agentLines();
        expect(lines.length).toBeGreaterThan(before);
        last = lines.at(-1) ?? '';
      }, 30_000);
      await playedOut(client);
      return last;
    };
    await client.until(() => client.player.receivedBytes > 0, 'the greeting', 30_000);
    await playedOut(client);

    expect(await answerTo('I want to talk to a person')).toBe(callPhrases.busy);
    expect(await answerTo('yes')).toBe('May I have your name, please?');
    expect(await answerTo('my name is john smith')).toMatch(
      /^(Thank you, \w+\. )?Is \+1 555 765 4321 the best number to reach you\?$/,
    );
    expect(await answerTo('yes')).toBe('What would you like us to call you about?');
    await answerTo('I need a new appointment');
    expect(await answerTo('tomorrow morning')).toMatch(/we'll call you on \+1 555 765 4321/);
    expect(await answerTo('yes')).toMatch(/passed your message to the team.*Goodbye!$/);
    await client.closed;

    const call = await line.callRow(callSid);
    await eventually(async () => {
      const [ticket] = await t.db
        .select()
        .from(tickets)
        .where(
          and(eq(tickets.companyId, call?.companyId ?? ''), eq(tickets.callId, call?.id ?? '')),
        );
      expect(ticket).toMatchObject({ phone: CALLER.from, conversationId: call?.conversationId });
      // Open answers on narrow-band audio: the name may lose a word, but not both.
      expect(ticket?.name).toMatch(/John|Smith/);
      expect(ticket?.message).toMatch(/appointment[\s\S]*Best time to call: /);
    });
  }, 150_000);
});
