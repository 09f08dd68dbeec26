import type { Config } from '../config.js';
import { type IntegrationTestResult, type StepOutcome, testResult } from './test-result.js';
import {
  isAccountSid,
  reachTwilio,
  type TwilioCredentials,
  twilioApiHost,
  twilioClient,
} from './twilio-client.js';
import { describeTwilioFailure } from './twilio-failure.js';

export type TwilioAccountToVerify = {
  credentials: TwilioCredentials;
  /** E.164. */
  phoneNumber: string;
  /** The voice webhook Buzzi answers at; null when no public address is known (background checks). */
  expectedVoiceUrl: string | null;
};

const NUMBERS_TO_LIST = 20;
const CONNECTED: StepOutcome = { key: 'connect', status: 'passed', detail: 'Twilio answered' };

/**
 * Tests a Twilio account the way calls will use it: Twilio is reachable, the
 * Account SID and auth token authenticate an active account, the phone number
 * is one of its incoming numbers, and (a warning only) the number's voice URL
 * points at Buzzi. Never throws: whatever fails becomes a failed step.
 */
export async function verifyTwilioAccount(
  config: Pick<Config, 'providers'>,
  account: TwilioAccountToVerify,
): Promise<IntegrationTestResult> {
  const host = twilioApiHost(config);
  const { accountSid } = account.credentials;
  if (!isAccountSid(accountSid)) {
    const reached = await reachTwilio(config).then(
      () => CONNECTED,
      (error: unknown): StepOutcome => ({
        key: 'connect',
        status: 'failed',
        detail: describeTwilioFailure(error, host).detail,
      }),
    );
    if (reached.status === 'failed') return testResult([reached]);
    return testResult([
      reached,
      {
        key: 'account',
        status: 'failed',
        detail:
          'An Account SID is AC followed by 32 letters and digits; copy it from Account Info in the Twilio Console',
      },
    ]);
  }

  const client = twilioClient(config, account.credentials);
  const steps: StepOutcome[] = [];
  try {
    const found = await client.api.v2010.accounts(accountSid).fetch();
    steps.push(CONNECTED);
    if (found.status !== 'active') {
      steps.push({
        key: 'account',
        status: 'failed',
        detail: `The Twilio account "${found.friendlyName}" is ${found.status}; calls need an active account`,
      });
      return testResult(steps);
    }
    steps.push(
      {
        key: 'account',
        status: 'passed',
        detail: `"${found.friendlyName}" (${found.type}, active)`,
      },
      { key: 'token', status: 'passed', detail: 'Twilio accepted the auth token' },
    );
  } catch (error) {
    const failure = describeTwilioFailure(error, host);
    if (!failure.reached) {
      return testResult([{ key: 'connect', status: 'failed', detail: failure.detail }]);
    }
    steps.push(CONNECTED);
    if (failure.status === 401) {
      // Twilio answers 401 alike for an unknown SID and a wrong token; the token is the usual culprit.
      steps.push(
        { key: 'account', status: 'passed', detail: 'The Account SID is well-formed' },
        {
          key: 'token',
          status: 'failed',
          detail: `Twilio refused this Account SID with this auth token (error ${failure.code ?? 401}); copy the Auth Token from the Twilio Console again`,
        },
      );
    } else {
      steps.push({ key: 'account', status: 'failed', detail: failure.detail });
    }
    return testResult(steps);
  }

  let numbers: Awaited<ReturnType<typeof client.incomingPhoneNumbers.list>>;
  try {
    numbers = await client.incomingPhoneNumbers.list({
      phoneNumber: account.phoneNumber,
      limit: NUMBERS_TO_LIST,
    });
  } catch (error) {
    steps.push({
      key: 'number',
      status: 'failed',
      detail: describeTwilioFailure(error, host).detail,
    });
    return testResult(steps);
  }
  const number = numbers.find((n) => n.phoneNumber === account.phoneNumber);
  if (!number) {
    steps.push({
      key: 'number',
      status: 'failed',
      detail: `${account.phoneNumber} is not one of this Twilio account's phone numbers; check the number, or buy or port it in the Twilio Console`,
    });
    return testResult(steps);
  }
  steps.push({ key: 'number', status: 'passed', detail: `${number.friendlyName} (${number.sid})` });

  const expected = account.expectedVoiceUrl;
  if (expected === null) return testResult(steps);
  const current = number.voiceUrl || null;
  const method = (number.voiceMethod || 'POST').toUpperCase();
  const pointsHere = current === expected && method === 'POST';
  steps.push(
    pointsHere
      ? { key: 'voiceUrl', status: 'passed', detail: 'Calls to this number reach Buzzi' }
      : {
          key: 'voiceUrl',
          status: 'warning',
          detail: `Calls to this number do not reach Buzzi yet: in the Twilio Console, under Phone Numbers → ${account.phoneNumber} → Voice Configuration, set "A call comes in" to Webhook ${expected} with HTTP POST (now ${current ? `${current} with HTTP ${method}` : 'empty'})`,
        },
  );
  return testResult(steps, { current, expected });
}
