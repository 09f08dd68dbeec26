import { createRequire } from 'node:module';

/**
 * The part of @roamhq/wrtc (libwebrtc for Node) that WhatsApp calls use,
 * typed here: the package's own types lean on the DOM library, which the
 * server does not compile against.
 */
export type SessionDescription = { type: 'offer' | 'answer'; sdp: string };

export type MediaTrack = { readonly kind: string; stop(): void };

export type PeerConnectionConfig = {
  iceServers?: Array<{ urls: string; username?: string; credential?: string }>;
  iceTransportPolicy?: 'all' | 'relay';
  /** Nonstandard (node-webrtc): the UDP ports ICE may bind. */
  portRange?: { min: number; max: number };
  sdpSemantics?: 'unified-plan';
};

export interface PeerConnection {
  readonly localDescription: SessionDescription | null;
  readonly iceGatheringState: 'new' | 'gathering' | 'complete';
  readonly connectionState:
    | 'new'
    | 'connecting'
    | 'connected'
    | 'disconnected'
    | 'failed'
    | 'closed';
  onicegatheringstatechange: (() => void) | null;
  onconnectionstatechange: (() => void) | null;
  ontrack: ((event: { track: MediaTrack }) => void) | null;
  addTrack(track: MediaTrack): unknown;
  setRemoteDescription(description: SessionDescription): Promise<void>;
  setLocalDescription(description: SessionDescription): Promise<void>;
  createAnswer(): Promise<SessionDescription>;
  createOffer(): Promise<SessionDescription>;
  close(): void;
}

/** 10 ms of PCM16 (`numberOfFrames` samples per channel). */
export type AudioData = {
  samples: Int16Array;
  sampleRate: number;
  bitsPerSample?: number;
  channelCount?: number;
  numberOfFrames?: number;
};

export interface AudioSource {
  createTrack(): MediaTrack;
  onData(data: AudioData): void;
}

export interface AudioSink {
  ondata: ((data: AudioData) => void) | null;
  stop(): void;
}

export type Wrtc = {
  RTCPeerConnection: new (config?: PeerConnectionConfig) => PeerConnection;
  nonstandard: {
    RTCAudioSource: new () => AudioSource;
    RTCAudioSink: new (track: MediaTrack) => AudioSink;
  };
};

let loaded: Wrtc | undefined;

/** Loads the native binding on first use, so a server without WhatsApp lines never loads it. */
export function wrtc(): Wrtc {
  loaded ??= createRequire(import.meta.url)('@roamhq/wrtc') as Wrtc;
  return loaded;
}
