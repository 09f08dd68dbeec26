import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { WhatsAppMediaConfig } from '../../../config.js';
import { type AudioFrame, FRAME_MS, frameSampleCount } from '../../audio/frame.js';
import { isSampleRate, Resampler } from '../../audio/resampler.js';
import type { CallerLeg, CallerLegEvents } from '../caller-leg.js';
import { PacedAudioOut } from './paced-audio-out.js';
import { answerSdpForWhatsApp } from './sdp.js';
import {
  type AudioData,
  type AudioSink,
  type AudioSource,
  type PeerConnection,
  type PeerConnectionConfig,
  wrtc,
} from './wrtc-binding.js';

/** Opus on WhatsApp runs at 48 kHz; the runner resamples to and from its provider's rate. */
export const WHATSAPP_SAMPLE_RATE = 48_000;
/** Non-trickle ICE: the answer waits this long at most for candidates to be gathered. */
const GATHERING_TIMEOUT_MS = 5000;
/** A connection that stays `disconnected` this long is taken as the caller gone. */
const DISCONNECTED_GRACE_MS = 10_000;
/** Agent audio queued beyond this is dropped: the pacer is not keeping up with the provider. */
const MAX_QUEUED_MS = 120_000;

type HangupReason = CallerLegEvents['hangup'][0]['reason'];

type LegState =
  | { status: 'open' }
  | { status: 'hung-up'; reason: HangupReason }
  | { status: 'closed'; reason: string };

export type WhatsAppLegOptions = { media: WhatsAppMediaConfig; logger: Logger };

export function peerConnectionConfig(media: WhatsAppMediaConfig): PeerConnectionConfig {
  const config: PeerConnectionConfig = { sdpSemantics: 'unified-plan' };
  if (media.turn) {
    config.iceServers = [
      {
        urls: media.turn.url,
        ...(media.turn.username ? { username: media.turn.username } : {}),
        ...(media.turn.credential ? { credential: media.turn.credential } : {}),
      },
    ];
  }
  if (media.turnOnly) config.iceTransportPolicy = 'relay';
  if (media.portRange) config.portRange = media.portRange;
  return config;
}

/**
 * A WhatsApp caller on a WebRTC connection this server terminates (ICE,
 * DTLS-SRTP and Opus in libwebrtc): caller audio arrives as PCM from an audio
 * sink, agent audio leaves through an audio source paced at 10 ms, and what
 * has been sent of an answer is what `playedMs` reports. The caller's
 * `terminate` webhook, or the connection failing, is the hang-up.
 */
export class WhatsAppLeg extends EventEmitter<CallerLegEvents> implements CallerLeg {
  readonly inputSampleRate = WHATSAPP_SAMPLE_RATE;
  readonly outputSampleRate = WHATSAPP_SAMPLE_RATE;
  readonly #log: Logger;
  readonly #media: WhatsAppMediaConfig;
  readonly #peer: PeerConnection;
  readonly #source: AudioSource;
  readonly #out = new PacedAudioOut(WHATSAPP_SAMPLE_RATE);
  readonly #connected: Promise<void>;
  #sink: AudioSink | null = null;
  #inbound: Int16Array[] = [];
  #inboundSamples = 0;
  #resampler: Resampler | null = null;
  #disconnectedTimer: NodeJS.Timeout | null = null;
  #state: LegState = { status: 'open' };

  constructor(options: WhatsAppLegOptions) {
    super();
    this.#log = options.logger;
    this.#media = options.media;
    const { RTCPeerConnection, nonstandard } = wrtc();
    this.#peer = new RTCPeerConnection(peerConnectionConfig(options.media));
    this.#source = new nonstandard.RTCAudioSource();
    this.#peer.addTrack(this.#source.createTrack());
    this.#peer.ontrack = ({ track }) => {
      if (track.kind === 'audio' && !this.#sink) this.#listen(track);
    };
    this.#connected = new Promise<void>((resolve, reject) => {
      this.#peer.onconnectionstatechange = () => {
        const state = this.#peer.connectionState;
        if (state === 'connected') resolve();
        if (state === 'failed' || state === 'closed') reject(new Error(`connection ${state}`));
        this.#onConnectionState(state);
      };
    });
    this.#connected.catch(() => {});
  }

  /** Why the caller's side ended, once it has. */
  get hangupReason(): HangupReason | null {
    return this.#state.status === 'hung-up' ? this.#state.reason : null;
  }

  /** Resolves once ICE and DTLS are up (media can flow); rejects if the connection fails first. */
  connected(): Promise<void> {
    return this.#connected;
  }

  /**
   * The SDP answer to WhatsApp's offer, with every ICE candidate in it
   * (WhatsApp does not trickle) and sha-256 fingerprints only.
   */
  async answer(offerSdp: string): Promise<string> {
    await this.#peer.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    await this.#peer.setLocalDescription(await this.#peer.createAnswer());
    await this.#gathered();
    const local = this.#peer.localDescription;
    if (!local) throw new Error('no local description after gathering');
    return answerSdpForWhatsApp(local.sdp, this.#media.publicIp);
  }

  /** WhatsApp's `terminate` webhook: the caller hung up. */
  callerHungUp(): void {
    this.#hangUp('caller_hangup');
  }

  play(frame: AudioFrame): void {
    if (this.#state.status !== 'open' || frameSampleCount(frame) === 0) return;
    if (frame.sampleRate !== WHATSAPP_SAMPLE_RATE) {
      this.#log.error(
        { sampleRate: frame.sampleRate },
        'whatsapp leg dropped audio at a wrong rate',
      );
      return;
    }
    if (this.#out.queuedMs > MAX_QUEUED_MS) return;
    this.#out.push(frame.samples);
  }

  clear(): void {
    this.#out.clear();
  }

  playedMs(): number {
    return this.#out.playedMs();
  }

  startResponse(): void {
    this.#out.startResponse();
  }

  /** WhatsApp shows the caller nothing but the call: notices have no channel. */
  notify(): void {}

  close(reason: string): void {
    if (this.#state.status === 'open') this.#state = { status: 'closed', reason };
    this.#release();
  }

  #listen(track: Parameters<PeerConnection['addTrack']>[0]): void {
    const sink = new (wrtc().nonstandard.RTCAudioSink)(track);
    sink.ondata = (data) => this.#onCallerAudio(data);
    this.#sink = sink;
  }

  #onCallerAudio(data: AudioData): void {
    if (this.#state.status !== 'open') return;
    const mono = monoOf(data);
    const samples =
      data.sampleRate === WHATSAPP_SAMPLE_RATE ? mono : this.#resampled(mono, data.sampleRate);
    if (!samples) return;
    this.#inbound.push(samples);
    this.#inboundSamples += samples.length;
    const frameSamples = (WHATSAPP_SAMPLE_RATE * FRAME_MS) / 1000;
    if (this.#inboundSamples < frameSamples) return;
    const joined = new Int16Array(this.#inboundSamples);
    let at = 0;
    for (const part of this.#inbound) {
      joined.set(part, at);
      at += part.length;
    }
    this.#inbound = [];
    this.#inboundSamples = 0;
    this.emit('audio', { samples: joined, sampleRate: WHATSAPP_SAMPLE_RATE });
  }

  #resampled(samples: Int16Array, rate: number): Int16Array | null {
    if (!isSampleRate(rate)) return null;
    if (this.#resampler?.fromRate !== rate) {
      this.#resampler?.destroy();
      this.#resampler = new Resampler(rate, WHATSAPP_SAMPLE_RATE);
    }
    return this.#resampler.process(samples);
  }

  #onConnectionState(state: PeerConnection['connectionState']): void {
    if (state === 'connected') {
      if (this.#disconnectedTimer) clearTimeout(this.#disconnectedTimer);
      this.#disconnectedTimer = null;
      this.#out.start((samples) =>
        this.#source.onData({ samples, sampleRate: WHATSAPP_SAMPLE_RATE, channelCount: 1 }),
      );
      return;
    }
    if (state === 'disconnected' && !this.#disconnectedTimer) {
      this.#disconnectedTimer = setTimeout(
        () => this.#hangUp('caller_hangup'),
        DISCONNECTED_GRACE_MS,
      );
      this.#disconnectedTimer.unref();
      return;
    }
    if (state === 'failed') {
      this.#log.warn('whatsapp media connection failed');
      this.#hangUp('transport_error');
    }
  }

  #gathered(): Promise<void> {
    if (this.#peer.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.#log.warn('whatsapp ice gathering incomplete; answering with the candidates found');
        resolve();
      }, GATHERING_TIMEOUT_MS);
      this.#peer.onicegatheringstatechange = () => {
        if (this.#peer.iceGatheringState !== 'complete') return;
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Reports the end of the caller's side once, whatever ended it first. */
  #hangUp(reason: HangupReason): void {
    if (this.#state.status !== 'open') return;
    this.#state = { status: 'hung-up', reason };
    this.emit('hangup', { reason });
  }

  #release(): void {
    this.#out.stop();
    if (this.#disconnectedTimer) clearTimeout(this.#disconnectedTimer);
    this.#sink?.stop();
    this.#sink = null;
    this.#resampler?.destroy();
    this.#resampler = null;
    this.#peer.onconnectionstatechange = null;
    this.#peer.close();
  }
}

function monoOf(data: AudioData): Int16Array {
  const channels = data.channelCount ?? 1;
  const frames = data.numberOfFrames ?? data.samples.length / channels;
  if (channels === 1) return data.samples.slice(0, frames);
  const mono = new Int16Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += data.samples[i * channels + c] ?? 0;
    mono[i] = Math.round(sum / channels);
  }
  return mono;
}
