import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';
import type { FakeTwilioRest } from '../../test/fakes/twilio-rest.js';
import type { BuzziServer } from './buzzi-server.js';
import type { CallTarget } from './callers.js';

// A company's Twilio number for the phone benchmark, connected as an admin
// connects one: an account and number in the fake Twilio REST API, saved
// through Buzzi's integration accounts API (which verifies it against that
// fake), the number's voice webhook pointing at Buzzi's PUBLIC_URL.

const VOICE_PATH = '/api/webhooks/twilio/voice';

/**
 * A port nobody listens on right now, so Buzzi can be started on it with a
 * PUBLIC_URL that names it: Twilio signs the public URL, and the signatures
 * only match if Buzzi knows it.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Connects a new number to the demo call chatbot; the target Twilio's calls to it take. */
export async function connectTwilioNumber(
  server: BuzziServer,
  fake: FakeTwilioRest,
): Promise<Extract<CallTarget, { kind: 'twilio' }>> {
  const phoneNumber = `+1555${String(randomInt(10_000_000)).padStart(7, '0')}`;
  const twilio = fake.addAccount({
    numbers: [{ phoneNumber, voiceUrl: `${server.url}${VOICE_PATH}` }],
  });
  const { account } = (await server.admin('POST', '/api/company/integration-accounts', {
    accountType: 'twilio',
    name: 'Bench line',
    chatbotId: server.chatbotApiId,
    credentials: { accountSid: twilio.sid, authToken: twilio.authToken },
    config: { phoneNumber },
  })) as { account: { status: string; lastError: string | null } };
  if (account.status !== 'active') {
    throw new Error(`the Twilio number did not verify: ${account.lastError}`);
  }
  return {
    kind: 'twilio',
    url: server.url,
    accountSid: twilio.sid,
    authToken: twilio.authToken,
    to: phoneNumber,
  };
}
