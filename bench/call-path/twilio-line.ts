import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';
import type { FakeTwilioRest } from '../../test/fakes/twilio-rest.js';
import { type BuzziServer, startBuzzi } from './buzzi-server.js';
import type { CallTarget } from './callers.js';

// The phone benchmark's line: Buzzi at the PUBLIC_URL Twilio signs for, and
// a company's Twilio number connected as an admin connects one (an account
// and number in the fake Twilio REST API, saved through Buzzi's integration
// accounts API, which verifies it against that fake), the number's voice
// webhook pointing at Buzzi.

const VOICE_PATH = '/api/webhooks/twilio/voice';
const START_ATTEMPTS = 3;

/**
 * A port nobody listens on right now, so Buzzi can be started on it with a
 * PUBLIC_URL that names it: Twilio signs the public URL, and the signatures
 * only match if Buzzi knows it.
 */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Buzzi on a port of its own, with PUBLIC_URL naming it; on another port when
 * something took that one before Buzzi listened on it.
 */
export async function startBuzziAtPublicUrl(
  options: Parameters<typeof startBuzzi>[0],
): Promise<BuzziServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await startBuzzi({
        ...options,
        env: { ...options.env, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` },
      });
    } catch (error) {
      if (attempt === START_ATTEMPTS) throw error;
    }
  }
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
