import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { calls, callTranscripts } from '../../../../src/server/db/schema/index.js';
import {
  postSignedForm,
  sidOf,
  streamOf,
  TwilioMediaClient,
  type WebhookAnswer,
} from '../../../fakes/twilio-media-client.js';
import type { FakeTwilioAccount, FakeTwilioRest } from '../../../fakes/twilio-rest.js';
import type { ApiClient } from '../../../helpers/api-client.js';
import { concatAudio, silenceAudio, spokenAudio } from '../../../helpers/speech.js';
import type { TestApp } from '../../../helpers/test-app.js';
import {
  addFakeTwilioAccount,
  phoneNumberOf,
  saveTwilioAccount,
  twilioAccountBody,
} from '../../../helpers/twilio-accounts.js';

export const VOICE_PATH = '/api/webhooks/twilio/voice';
export const STATUS_PATH = '/api/webhooks/twilio/status';
export const MEDIA_PATH = '/api/webhooks/twilio/media';

/** A caller as Twilio describes them in its webhooks. */
export type Caller = { from: string; callerName?: string };

export const CALLER: Caller = { from: '+15557654321', callerName: 'JANE DOE' };

/**
 * A company's Twilio number, connected through the integration accounts API
 * (verified against the fake Twilio REST API), and what Twilio does when
 * someone calls it: the signed voice webhook, the signed stream, the signed
 * status callbacks.
 */
export class PhoneLine {
  /** The company's number (E.164), as it was connected. */
  readonly number: string;
  /**
   * Twilio's address as a proxy names it (read with TRUST_PROXY=true): one of
   * its own per line, so the requests a test has refused count against no
   * other test's address.
   */
  readonly headers = {
    'x-forwarded-for': `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`,
  };

  private constructor(
    readonly t: TestApp,
    /** Twilio's REST API, which knows every call of the line (to redirect or place one). */
    readonly rest: FakeTwilioRest,
    readonly twilio: FakeTwilioAccount,
    readonly accountId: string,
  ) {
    this.number = phoneNumberOf(twilio);
  }

  /** Connects a new fake Twilio account's number to `chatbotId`; the account is active. */
  static async connect(t: TestApp, fake: FakeTwilioRest, admin: ApiClient, chatbotId: string) {
    const twilio = addFakeTwilioAccount(fake, `${t.url}${VOICE_PATH}`);
    const { account } = await saveTwilioAccount(admin, twilioAccountBody(twilio, chatbotId));
    expect(account.status).toBe('active');
    return new PhoneLine(t, fake, twilio, account.id);
  }

  get authToken(): string {
    return this.twilio.authToken;
  }

  /** The voice webhook of an incoming call, signed by the account. */
  ring(
    callSid = sidOf('CA'),
    caller: Caller = CALLER,
  ): Promise<WebhookAnswer & { callSid: string }> {
    this.rest.calls.set(callSid, {
      sid: callSid,
      accountSid: this.twilio.sid,
      to: this.number,
      from: caller.from,
      status: 'ringing',
      created: new URLSearchParams(),
      updates: [],
    });
    const params: Record<string, string> = {
      AccountSid: this.twilio.sid,
      ApiVersion: '2010-04-01',
      CallSid: callSid,
      CallStatus: 'ringing',
      Direction: 'inbound',
      From: caller.from,
      To: this.number,
      ...(caller.callerName ? { CallerName: caller.callerName } : {}),
    };
    return postSignedForm(`${this.t.url}${VOICE_PATH}`, this.authToken, params, {
      headers: this.headers,
    }).then((answer) => ({ ...answer, callSid }));
  }

  /** Rings and connects the TwiML's stream as Twilio would: signed upgrade, `connected`, `start`. */
  async answer(caller: Caller = CALLER): Promise<{ client: TwilioMediaClient; callSid: string }> {
    const ringing = await this.ring(sidOf('CA'), caller);
    const stream = streamOf(ringing.text);
    if (!stream) throw new Error(`no stream in the TwiML: ${ringing.text}`);
    const client = await TwilioMediaClient.connect(stream.url, this.authToken, {
      headers: this.headers,
    });
    client.start({ accountSid: this.twilio.sid, callSid: ringing.callSid, token: stream.token });
    return { client, callSid: ringing.callSid };
  }

  /** The row of a call through this number, by its Call SID. */
  async callRow(callSid: string) {
    const [row] = await this.t.db
      .select()
      .from(calls)
      .where(and(eq(calls.integrationAccountId, this.accountId), eq(calls.twilioCallSid, callSid)));
    return row;
  }

  /** The stored transcript of a call through this number, in order. */
  async transcript(callSid: string) {
    const row = await this.callRow(callSid);
    if (!row) return [];
    return this.t.db
      .select()
      .from(callTranscripts)
      .where(and(eq(callTranscripts.companyId, row.companyId), eq(callTranscripts.callId, row.id)))
      .orderBy(callTranscripts.seq);
  }

  /** A status callback for a call of this number (signed by the account unless `options` say otherwise). */
  status(
    callSid: string,
    callStatus: string,
    options: Parameters<typeof postSignedForm>[3] = {},
  ): Promise<WebhookAnswer> {
    return postSignedForm(
      `${this.t.url}${STATUS_PATH}`,
      this.authToken,
      {
        AccountSid: this.twilio.sid,
        ApiVersion: '2010-04-01',
        CallSid: callSid,
        CallStatus: callStatus,
        Direction: 'inbound',
        From: CALLER.from,
        To: this.number,
      },
      { headers: this.headers, ...options },
    );
  }
}

/** The caller says `text`, then is quiet long enough for the turn to end. */
export const say = (client: TwilioMediaClient, text: string) =>
  client.speak(concatAudio([spokenAudio(text), silenceAudio(1200)]));

/** Everything received has been played, and nothing more came for a while. */
export async function playedOut(client: TwilioMediaClient, quietMs = 1000): Promise<void> {
  let received = -1;
  await client.until(() => {
    if (client.player.queuedMs > 0 || client.player.receivedBytes !== received) {
      received = client.player.receivedBytes;
      return false;
    }
    return true;
  }, 'the agent to finish');
  await new Promise((resolve) => setTimeout(resolve, quietMs));
  if (client.player.receivedBytes !== received) await playedOut(client, quietMs);
}
