import type { AudioFrame } from '../../audio/frame.js';
import { MULAW_SAMPLE_RATE, MulawFrame, mulawBytesOf } from '../../audio/mulaw-frame.js';
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
  /** The format's bytes (a decoded delta) as a frame. */
  decode(bytes: Buffer): AudioFrame;
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
  decode: (bytes) => ({ samples: wholeSamples(bytes), sampleRate: PCM_RATE }),
};

export const pcmuCodec: RealtimeAudioCodec = {
  format: { type: 'audio/pcmu' },
  sampleRate: MULAW_SAMPLE_RATE,
  encode(frame) {
    const bytes = mulawBytesOf(frame);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  },
  decode: (bytes) => new MulawFrame(bytes),
};

/** Little-endian PCM16 bytes to samples; a trailing odd byte is not a sample and is dropped. */
function wholeSamples(bytes: Buffer): Int16Array {
  return pcm16FromBytes(bytes.subarray(0, bytes.length - (bytes.length % 2)));
}
