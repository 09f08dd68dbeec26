import type { AudioFrame } from '../../audio/frame.js';
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
  decode(base64: string): Int16Array;
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
  decode: base64ToPcm16,
};

/** Little-endian 16-bit samples as base64, whatever the host's byte order. */
export function pcm16ToBase64(samples: Int16Array): string {
  const bytes = Buffer.allocUnsafe(samples.length * 2);
  for (let i = 0; i < samples.length; i++) bytes.writeInt16LE(samples[i] ?? 0, i * 2);
  return bytes.toString('base64');
}

/** Base64 little-endian PCM16 to samples; a trailing odd byte is not a sample and is dropped. */
export function base64ToPcm16(base64: string): Int16Array {
  const bytes = Buffer.from(base64, 'base64');
  const samples = new Int16Array(bytes.length >> 1);
  for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2);
  return samples;
}
