import type { AudioFrame } from '../../audio/frame.js';
import { MULAW_SAMPLE_RATE, MulawFrame, mulawBase64Of } from '../../audio/mulaw-frame.js';
import { pcm16FromBytes, pcm16ToBase64 } from '../../audio/pcm.js';
import type { AudioFormat } from './wire.js';

/**
 * How our frames travel in one of the session's audio formats: PCM16 at
 * 24 kHz, or G.711 μ-law at 8 kHz (`audio/pcmu`) for a phone leg, whose
 * bytes then cross the server untouched both ways.
 */
export type RealtimeAudioCodec = {
  format: AudioFormat;
  sampleRate: number;
  /** Base64 of the frame in `format`; throws on a frame of another rate. */
  encode(frame: AudioFrame): string;
  /** An audio delta (base64 in `format`, checked with isBase64) as a frame. */
  decode(base64: string): AudioFrame;
};

const PCM_RATE = 24000;

export const pcm16Codec: RealtimeAudioCodec = {
  format: { type: 'audio/pcm', rate: PCM_RATE },
  sampleRate: PCM_RATE,
  encode(frame) {
    // Resampling is the runner's job, with state carried across frames;
    // doing it silently here per frame would click.
    if (frame.sampleRate !== PCM_RATE) {
      throw new RangeError(
        `OpenAI Realtime takes ${PCM_RATE} Hz audio, got a ${frame.sampleRate} Hz frame`,
      );
    }
    return pcm16ToBase64(frame.samples);
  },
  decode: (base64) => ({
    samples: wholeSamples(Buffer.from(base64, 'base64')),
    sampleRate: PCM_RATE,
  }),
};

export const pcmuCodec: RealtimeAudioCodec = {
  format: { type: 'audio/pcmu' },
  sampleRate: MULAW_SAMPLE_RATE,
  // A phone caller's base64 goes out as it came in, and the answer's stays
  // base64 until the phone line sends it on.
  encode: mulawBase64Of,
  decode: (base64) => new MulawFrame({ base64 }),
};

/** Little-endian PCM16 bytes to samples; a trailing odd byte is not a sample and is dropped. */
function wholeSamples(bytes: Buffer): Int16Array {
  return pcm16FromBytes(bytes.subarray(0, bytes.length - (bytes.length % 2)));
}
