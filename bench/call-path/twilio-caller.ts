import { randomInt } from 'node:crypto';
import twilio from 'twilio';
import { WebSocket } from 'ws';
import { encodeMulaw } from '../../src/server/voice/audio/g711.js';
import { postSignedForm, sidOf, streamOf } from '../../test/fakes/twilio-media-client.js';
import {
  CallerFigures,
  echoesDrained,
  FRAME_MS,
  startFrameClock,
  wallMs,
} from './caller-figures.js';
import type { CallTarget, SetupFigures } from './callers.js';
import {
  DRAIN_TIMEOUT_MS,
  type LiveCaller,
  START_TIMEOUT_MS,
  socketClosed,
} from './live-caller.js';
import { TwilioPlayout } from './twilio-playout.js';

// Twilio's side of a phone call, as Twilio places it: the signed voice
// webhook (form-encoded, X-Twilio-Signature), the TwiML's <Stream>, the
// signed Media Streams upgrade, `connected` and `start` with the TwiML's
// token, then 20 ms μ-law `media` on Twilio's own clock from the first
// moment (before anyone answers), and marks echoed once the agent audio
// before them has played.

export type TwilioTarget = Extract<CallTarget, { kind: 'twilio' | 'twilio-relay' }>;

const VOICE_PATH = '/api/webhooks/twilio/voice';
const MULAW_BYTES_PER_MS = 8;
/** 20 ms of a tone as 8 kHz μ-law (160 bytes), base64 as Twilio sends it. */
const FRAME_PAYLOAD = Buffer.from(
  encodeMulaw(
    Int16Array.from({ length: FRAME_MS * MULAW_BYTES_PER_MS }, (_, i) =>
      Math.round(3000 * Math.sin(i / 3)),
    ),
  ),
).toString('base64');

const MEDIA_PREFIX = '{"event":"media"';
const PAYLOAD_KEY = '"payload":"';

/** Bytes of base64 text, from its length and padding. */
function base64Bytes(text: string, start: number, end: number): number {
  const padding = text[end - 1] === '=' ? (text[end - 2] === '=' ? 2 : 1) : 0;
  return ((end - start) / 4) * 3 - padding;
}

class TwilioCaller implements LiveCaller {
  readonly figures = new CallerFigures();
  readonly streamSid = sidOf('MZ');
  readonly #closed: ReturnType<typeof socketClosed>;
  readonly #playout: TwilioPlayout;
  #sequence = 0;
  #clock: { stop(): void } | undefined;
  /** Resolves at the first agent audio: the call is live end to end. */
  readonly live: Promise<void>;

  constructor(
    readonly socket: WebSocket,
    readonly call: { accountSid: string; callSid: string },
  ) {
    this.#closed = socketClosed(socket);
    this.#playout = new TwilioPlayout((name) =>
      this.#send(
        `{"event":"mark","sequenceNumber":"${this.#nextSequence()}","streamSid":"${this.streamSid}","mark":{"name":${JSON.stringify(name)}}}`,
      ),
    );
    let live: () => void = () => {};
    this.live = new Promise((resolve) => {
      live = resolve;
    });
    socket.on('message', (data) => {
      const text = String(data);
      if (text.startsWith(MEDIA_PREFIX)) {
        const start = text.indexOf(PAYLOAD_KEY) + PAYLOAD_KEY.length;
        const bytes = base64Bytes(text, start, text.indexOf('"', start));
        this.figures.audioReceived(bytes);
        this.#playout.audio(bytes);
        live();
        return;
      }
      const message = JSON.parse(text) as { event: string; mark?: { name: string } };
      if (message.event === 'mark' && message.mark) this.#playout.mark(message.mark.name);
      else if (message.event === 'clear') this.#playout.clear();
    });
  }

  /** `connected`, `start` naming the call, then caller audio every 20 ms until hang-up. */
  start(token: string | undefined): void {
    this.#send('{"event":"connected","protocol":"Call","version":"1.0.0"}');
    this.#send(
      JSON.stringify({
        event: 'start',
        sequenceNumber: String(this.#nextSequence()),
        start: {
          accountSid: this.call.accountSid,
          streamSid: this.streamSid,
          callSid: this.call.callSid,
          tracks: ['inbound'],
          customParameters: token ? { token } : {},
          mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
        },
        streamSid: this.streamSid,
      }),
    );
    this.#clock = startFrameClock((n) => {
      if (this.socket.readyState !== WebSocket.OPEN) return false;
      this.figures.frameSent();
      this.socket.send(
        `{"event":"media","sequenceNumber":"${this.#nextSequence()}","media":{"track":"inbound","chunk":"${n + 1}","timestamp":"${n * FRAME_MS}","payload":"${FRAME_PAYLOAD}"},"streamSid":"${this.streamSid}"}`,
      );
      return true;
    });
  }

  /** The caller hangs up: Twilio sends `stop` and closes the stream. */
  async hangUp(): Promise<void> {
    this.#clock?.stop();
    await echoesDrained(this.figures, DRAIN_TIMEOUT_MS);
    this.#playout.stop();
    this.#send(
      JSON.stringify({
        event: 'stop',
        sequenceNumber: String(this.#nextSequence()),
        streamSid: this.streamSid,
        stop: { accountSid: this.call.accountSid, callSid: this.call.callSid },
      }),
    );
    this.socket.close(1000);
    await this.#closed.within();
  }

  #nextSequence(): number {
    return ++this.#sequence;
  }

  #send(text: string): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(text);
  }
}

/** Twilio's signed voice webhook for a new call; the stream URL and token of its TwiML. */
async function ring(
  target: Extract<TwilioTarget, { kind: 'twilio' }>,
  callSid: string,
): Promise<{ url: string; token: string }> {
  const answer = await postSignedForm(`${target.url}${VOICE_PATH}`, target.authToken, {
    AccountSid: target.accountSid,
    ApiVersion: '2010-04-01',
    CallSid: callSid,
    CallStatus: 'ringing',
    Direction: 'inbound',
    From: `+1555${String(randomInt(10_000_000)).padStart(7, '0')}`,
    To: target.to,
  });
  const stream = answer.status === 200 ? streamOf(answer.text) : null;
  if (!stream) throw new Error(`voice webhook answered ${answer.status}: ${answer.text}`);
  return stream;
}

/** Places one call and resolves once its first agent audio has come back. */
export async function openTwilioCall(
  target: TwilioTarget,
  setup: SetupFigures,
): Promise<LiveCaller> {
  const call = {
    accountSid: target.kind === 'twilio' ? target.accountSid : sidOf('AC'),
    callSid: sidOf('CA'),
  };
  let url = target.url;
  let token: string | undefined;
  const headers: Record<string, string> = {};
  if (target.kind === 'twilio') {
    const ringingAt = wallMs();
    const stream = await ring(target, call.callSid);
    setup.sessionMs.push(wallMs() - ringingAt);
    ({ url, token } = stream);
    headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(target.authToken, url, {});
  }
  const connectStartedAt = wallMs();
  const socket = new WebSocket(url, { headers, perMessageDeflate: false });
  const caller = new TwilioCaller(socket, call);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no agent audio within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    socket.once('open', () => caller.start(token));
    socket.once('error', reject);
    socket.once('close', (code, reason) =>
      reject(new Error(`stream closed (${code} ${reason}) before the call was live`)),
    );
    void caller.live.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  setup.connectMs.push(wallMs() - connectStartedAt);
  return caller;
}
