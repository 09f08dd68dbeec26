import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { WebSocket } from 'ws';
import type { AudioFrame } from '../../src/server/voice/audio/frame.js';
import { encodeMulaw } from '../../src/server/voice/audio/g711.js';
import { resample, type SampleRate } from '../../src/server/voice/audio/resampler.js';
import { UpgradeRefused } from '../server/voice/browser-gateway-client.js';
import { MULAW_BYTES_PER_MS, TwilioPlayer } from './twilio-media-player.js';

export { UpgradeRefused };

/** A Twilio-style SID: two letters and 32 hex digits. */
export const sidOf = (prefix: 'AC' | 'CA' | 'MZ') => `${prefix}${randomBytes(16).toString('hex')}`;

const FRAME_MS = 20;
const FRAME_BYTES = FRAME_MS * MULAW_BYTES_PER_MS;

export type WebhookAnswer = { status: number; contentType: string | null; text: string };

/**
 * Posts a form to a Twilio webhook the way Twilio does: form-encoded, with
 * X-Twilio-Signature = HMAC-SHA1 (auth token) of the URL and the sorted
 * parameters. `signature` overrides it (a forgery), null leaves it out;
 * `headers` are sent as well.
 */
export async function postSignedForm(
  url: string,
  authToken: string,
  params: Record<string, string>,
  options: { signature?: string | null; headers?: Record<string, string> } = {},
): Promise<WebhookAnswer> {
  const headers: Record<string, string> = {
    ...options.headers,
    'content-type': 'application/x-www-form-urlencoded',
  };
  const signature =
    options.signature === undefined
      ? twilio.getExpectedTwilioSignature(authToken, url, params)
      : options.signature;
  if (signature !== null) headers['x-twilio-signature'] = signature;
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: new URLSearchParams(params).toString(),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text: await response.text(),
  };
}

/** The `<Connect><Stream>` of a TwiML answer: where to stream, with its token parameter. */
export function streamOf(twiml: string): { url: string; token: string } | null {
  const url = /<Connect><Stream url="([^"]+)">/.exec(twiml)?.[1];
  const token = /<Parameter name="token" value="([^"]+)"\/>/.exec(twiml)?.[1];
  return url && token ? { url: unescapeXml(url), token: unescapeXml(token) } : null;
}

const unescapeXml = (text: string) =>
  text
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

export type TwilioMessage = { event: string; [key: string]: unknown };

export type StreamCall = { accountSid: string; callSid: string; token: string };

/**
 * Twilio's side of a bidirectional Media Stream: opens the socket with the
 * signed upgrade, sends `connected` and `start`, streams caller audio as
 * 20 ms μ-law `media` in real time, plays the agent's audio through a
 * TwilioPlayer (marks echoed as Twilio's player does) and records every
 * message it received.
 */
export class TwilioMediaClient {
  readonly streamSid = sidOf('MZ');
  readonly messages: TwilioMessage[] = [];
  readonly player: TwilioPlayer;
  /** Each `clear`: what had been played and what was dropped by then, in bytes. */
  readonly clears: Array<{ playedBytes: number; droppedBytes: number }> = [];
  /** Every μ-law byte of caller audio sent, frame by frame. */
  readonly sentAudio: Buffer[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #sequence = 0;
  #chunk = 0;
  #startedAt = 0;
  #call: StreamCall | null = null;

  private constructor(readonly socket: WebSocket) {
    this.player = new TwilioPlayer((name) => this.#send({ event: 'mark', mark: { name } }));
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        this.player.stop();
        resolve({ code, reason: reason.toString('utf8') });
      });
    });
    socket.on('message', (data) => this.#onMessage(String(data)));
  }

  /**
   * Opens the stream socket, the upgrade signed over the wss URL alone.
   * `signature` overrides it, null leaves the header out; rejects with
   * UpgradeRefused when the server answers the upgrade with an HTTP status.
   */
  static connect(
    url: string,
    authToken: string,
    options: { signature?: string | null; headers?: Record<string, string> } = {},
  ) {
    const signature =
      options.signature === undefined
        ? twilio.getExpectedTwilioSignature(authToken, url, {})
        : options.signature;
    const headers = { ...options.headers };
    if (signature !== null) headers['x-twilio-signature'] = signature;
    return new Promise<TwilioMediaClient>((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      socket.on('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => {
          body += chunk.toString('utf8');
        });
        response.on('end', () => {
          let parsed: unknown = body;
          try {
            parsed = JSON.parse(body);
          } catch {}
          reject(new UpgradeRefused(response.statusCode ?? 0, parsed));
          socket.terminate();
        });
      });
      socket.on('error', reject);
      socket.on('open', () => resolve(new TwilioMediaClient(socket)));
    });
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** `connected`, then `start` naming the call, with the TwiML's token in customParameters. */
  start(call: StreamCall): void {
    this.#call = call;
    this.#startedAt = performance.now();
    this.#send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
    this.#send({
      event: 'start',
      start: {
        streamSid: this.streamSid,
        accountSid: call.accountSid,
        callSid: call.callSid,
        tracks: ['inbound'],
        customParameters: { token: call.token },
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
    });
    this.player.start();
  }

  /** Sends any message as it is (to test what the server makes of it). */
  sendRaw(text: string): void {
    this.socket.send(text);
  }

  /** One 20 ms (160-byte) μ-law frame of caller audio. */
  sendMedia(mulaw: Buffer): void {
    this.sentAudio.push(mulaw);
    this.#send({
      event: 'media',
      media: {
        track: 'inbound',
        chunk: String(++this.#chunk),
        timestamp: String(Math.round(performance.now() - this.#startedAt)),
        payload: mulaw.toString('base64'),
      },
    });
  }

  /** Speaks `audio` (any rate) into the call: 20 ms μ-law frames paced in real time. */
  async speak(audio: AudioFrame): Promise<void> {
    const samples =
      audio.sampleRate === 8000
        ? audio.samples
        : resample(audio.samples, audio.sampleRate as SampleRate, 8000);
    const mulaw = Buffer.from(encodeMulaw(samples));
    const start = performance.now();
    for (let at = 0, n = 0; at < mulaw.length; at += FRAME_BYTES, n++) {
      if (!this.isOpen) return;
      const frame = Buffer.alloc(FRAME_BYTES, 0xff);
      mulaw.copy(frame, 0, at, Math.min(at + FRAME_BYTES, mulaw.length));
      this.sendMedia(frame);
      const due = start + (n + 1) * FRAME_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    }
  }

  dtmf(digit: string): void {
    this.#send({ event: 'dtmf', dtmf: { track: 'inbound_track', digit } });
  }

  /** The caller hung up: Twilio sends `stop` and closes the socket. */
  hangUp(): void {
    const call = this.#call;
    this.#send({ event: 'stop', stop: { accountSid: call?.accountSid, callSid: call?.callSid } });
    this.socket.close(1000);
  }

  messagesOf(event: string): TwilioMessage[] {
    return this.messages.filter((message) => message.event === event);
  }

  /** Polls until `check` holds. */
  async until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  heardMs(): number {
    return this.player.playedBytes / MULAW_BYTES_PER_MS;
  }

  #onMessage(text: string): void {
    const message = JSON.parse(text) as TwilioMessage;
    this.messages.push(message);
    if (message.streamSid !== this.streamSid) return;
    if (message.event === 'media') {
      const { payload } = message.media as { payload: string };
      this.player.audio(Buffer.from(payload, 'base64'));
    } else if (message.event === 'mark') {
      this.player.mark((message.mark as { name: string }).name);
    } else if (message.event === 'clear') {
      this.clears.push({ playedBytes: this.player.playedBytes, droppedBytes: 0 });
      const before = this.player.droppedBytes;
      this.player.clear();
      const last = this.clears.at(-1);
      if (last) last.droppedBytes = this.player.droppedBytes - before;
    }
  }

  #send(message: Record<string, unknown>): void {
    if (!this.isOpen) return;
    const sequenced = { ...message, sequenceNumber: String(++this.#sequence) };
    if (message.event !== 'connected') Object.assign(sequenced, { streamSid: this.streamSid });
    this.socket.send(JSON.stringify(sequenced));
  }
}
