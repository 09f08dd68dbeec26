import type { AudioFrame } from '../../audio/frame.js';
import { pcm16FromBytes, pcm16ToBase64 } from '../../audio/pcm.js';
import type { AudioFormat } from './wire.js';

/**
 * How our PCM frames travel in one of the session's audio formats. Only PCM16
 * at 24 kHz exists today; a phone leg can later add G.711 μ-law at 8 kHz
 * (`audio/pcmu`) here and skip two resampling steps.
 */
export type RealtimeAudioCodec = {
  format: AudioFormat;
  sampleRate: number;
  /** Base64 of the frame in `format`; throws on a frame of another rate. */
  encode(frame: AudioFrame): string;
  /** The format's bytes (a decoded delta) as samples. */
  decode(bytes: Buffer): Int16Array;
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
  decode: wholeSamples,
};

/** Little-endian PCM16 bytes to samples; a trailing odd byte is not a sample and is dropped. */
function wholeSamples(bytes: Buffer): Int16Array {
  return pcm16FromBytes(bytes.subarray(0, bytes.length - (bytes.length % 2)));
}
