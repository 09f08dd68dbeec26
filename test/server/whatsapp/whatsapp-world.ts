import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { resample } from '../../../src/server/voice/audio/resampler.js';
import { PacedAudioOut } from '../../../src/server/voice/transports/whatsapp/paced-audio-out.js';
import { metaSignatureOf } from '../../../src/server/voice/transports/whatsapp/webhook-signature.js';
import {
  type AudioSink,
  type AudioSource,
  type PeerConnection,
  wrtc,
} from '../../../src/server/voice/transports/whatsapp/wrtc-binding.js';
import type { ApiClient } from '../../helpers/api-client.js';
import type { FakeGraphApi, FakeWhatsAppNumber } from '../../helpers/fake-graph-api.js';
import { INTEGRATION_ACCOUNTS } from '../../helpers/twilio-accounts.js';

export const WEBHOOK_PATH = '/api/webhooks/whatsapp/call';
export const CALLER_WA_ID = '15550001111';
export const CALLER_NAME = 'Dana Caller';

export const newCallId = () => `wacid.${randomBytes(24).toString('base64url')}`;

/** Meta's `calls` webhook body for one event on `number`. */
export function callsPayload(
  number: Pick<FakeWhatsAppNumber, 'phoneNumberId' | 'businessAccountId' | 'phoneNumber'>,
  call: Record<string, unknown>,
) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: number.businessAccountId,
        changes: [
          {
            field: 'calls',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                phone_number_id: number.phoneNumberId,
                display_phone_number: number.phoneNumber.replace(/^\+/, ''),
              },
              contacts: [{ profile: { name: CALLER_NAME }, wa_id: CALLER_WA_ID }],
              calls: [
                {
                  from: CALLER_WA_ID,
                  to: number.phoneNumber.replace(/^\+/, ''),
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  direction: 'USER_INITIATED',
                  ...call,
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

export const connectEvent = (id: string, sdp: string) => ({
  id,
  event: 'connect',
  session: { sdp_type: 'offer', sdp },
});

export const terminateEvent = (id: string) => ({ id, event: 'terminate', status: 'COMPLETED' });

/** POSTs a webhook body as Meta does, signed with `appSecret` (none: unsigned). */
export async function postWebhook(
  baseUrl: string,
  body: unknown,
  appSecret: string | null,
): Promise<{ status: number; text: string }> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`${baseUrl}${WEBHOOK_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(appSecret ? { 'x-hub-signature-256': metaSignatureOf(appSecret, raw) } : {}),
    },
    body: raw,
  });
  return { status: res.status, text: await res.text() };
}

/** Connects a fake Graph number as a WhatsApp account of the admin's company; returns its view. */
export async function connectWhatsAppNumber(
  admin: ApiClient,
  graph: FakeGraphApi,
  chatbotId: string,
): Promise<{ number: FakeWhatsAppNumber; accountId: string; verifyToken: string }> {
  const number = graph.addNumber();
  const res = await admin.post<{
    account: { id: string; status: string; config: { verifyToken: string } };
  }>(INTEGRATION_ACCOUNTS, {
    accountType: 'whatsapp',
    name: 'WhatsApp line',
    chatbotId,
    credentials: { accessToken: number.accessToken, appSecret: number.appSecret },
    config: {
      businessAccountId: number.businessAccountId,
      phoneNumberId: number.phoneNumberId,
      phoneNumber: number.phoneNumber,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.account.status).toBe('active');
  return {
    number,
    accountId: res.body.account.id,
    verifyToken: res.body.account.config.verifyToken,
  };
}

const PEER_RATE = 48_000;

/**
 * The WhatsApp user's phone: a real WebRTC peer (libwebrtc) that offers one
 * Opus audio track, sends speech (or silence) paced at 10 ms, and records
 * how loud what it hears is.
 */
export class WhatsAppCallerPeer {
  readonly pc: PeerConnection;
  readonly #source: AudioSource;
  readonly #out = new PacedAudioOut(PEER_RATE);
  #sink: AudioSink | null = null;
  /** Loudest 10 ms of received audio so far (RMS, PCM16 units). */
  loudestRms = 0;
  /** Received 10 ms frames louder than `AUDIBLE_RMS`. */
  audibleFrames = 0;
  receivedFrames = 0;

  static readonly AUDIBLE_RMS = 300;

  constructor() {
    const { RTCPeerConnection, nonstandard } = wrtc();
    this.pc = new RTCPeerConnection({ sdpSemantics: 'unified-plan' });
    this.#source = new nonstandard.RTCAudioSource();
    this.pc.addTrack(this.#source.createTrack());
    this.pc.ontrack = ({ track }) => {
      if (this.#sink || track.kind !== 'audio') return;
      this.#sink = new nonstandard.RTCAudioSink(track);
      this.#sink.ondata = (data) => {
        const channels = data.channelCount ?? 1;
        let sum = 0;
        for (let i = 0; i < data.samples.length; i += channels) {
          const s = data.samples[i] ?? 0;
          sum += s * s;
        }
        const rms = Math.sqrt(sum / Math.max(1, data.samples.length / channels));
        this.receivedFrames++;
        if (rms > WhatsAppCallerPeer.AUDIBLE_RMS) this.audibleFrames++;
        this.loudestRms = Math.max(this.loudestRms, rms);
      };
    };
  }

  /** The offer WhatsApp would put in `connect`: all candidates gathered (non-trickle). */
  async offer(): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    await new Promise<void>((resolve) => {
      if (this.pc.iceGatheringState === 'complete') return resolve();
      this.pc.onicegatheringstatechange = () => {
        if (this.pc.iceGatheringState === 'complete') resolve();
      };
    });
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error('no offer');
    return sdp;
  }

  async accept(answerSdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
    this.#out.start((samples) => this.#source.onData({ samples, sampleRate: PEER_RATE }));
  }

  /** Speaks 16 kHz speech into the call, followed by silence (the pacer sends silence when idle). */
  speak(samples16k: Int16Array): void {
    this.#out.push(resample(samples16k, 16_000, PEER_RATE));
  }

  close(): void {
    this.#out.stop();
    this.#sink?.stop();
    this.pc.close();
  }
}
