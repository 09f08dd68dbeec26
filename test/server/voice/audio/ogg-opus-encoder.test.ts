import { describe, expect, it } from 'vitest';
import {
  OggOpusEncoder,
  STEREO_FRAME_SAMPLES,
  STEREO_RECORDING_RATE,
} from '../../../../src/server/voice/audio/ogg-opus-encoder.js';
import { oggCrc } from '../../../../src/server/voice/audio/ogg-pages.js';
import { decodeOggOpus, rmsBetween } from '../../../helpers/recording-audio.js';

function tone(frequency: number, index: number): number {
  return Math.round(8000 * Math.sin((2 * Math.PI * frequency * index) / STEREO_RECORDING_RATE));
}

describe('OggOpusEncoder', () => {
  it('computes the Ogg CRC of a known vector', () => {
    // CRC-32/MPEG-2 without the final inversion and initial 0 (Ogg's variant) of "123456789".
    expect(oggCrc(new TextEncoder().encode('123456789')).toString(16)).toBe('89a1897f');
  });

  it('writes stereo Ogg Opus that another decoder plays: left then right, at the right times', async () => {
    const chunks: Uint8Array[] = [];
    const encoder = new OggOpusEncoder((bytes) => chunks.push(bytes));
    for (let f = 0; f < 100; f++) {
      const frame = new Int16Array(STEREO_FRAME_SAMPLES * 2);
      for (let i = 0; i < STEREO_FRAME_SAMPLES; i++) {
        const n = f * STEREO_FRAME_SAMPLES + i;
        frame[2 * i] = f < 50 ? tone(440, n) : 0;
        frame[2 * i + 1] = f >= 50 ? tone(300, n) : 0;
      }
      encoder.encodeFrame(frame);
    }
    encoder.end();
    expect(encoder.durationMs).toBe(2000);

    const decoded = await decodeOggOpus(Buffer.concat(chunks));
    const { left, right, sampleRate } = decoded;
    // Less the encoder's look-ahead (pre-skip), a few ms.
    expect(left.length / sampleRate).toBeCloseTo(2, 1);
    expect(rmsBetween(left, sampleRate, 100, 900)).toBeGreaterThan(0.1);
    expect(rmsBetween(right, sampleRate, 100, 900)).toBeLessThan(0.01);
    expect(rmsBetween(left, sampleRate, 1100, 1900)).toBeLessThan(0.01);
    expect(rmsBetween(right, sampleRate, 1100, 1900)).toBeGreaterThan(0.1);
  });

  it('refuses a frame that is not 20 ms of stereo', () => {
    const encoder = new OggOpusEncoder(() => {});
    expect(() => encoder.encodeFrame(new Int16Array(STEREO_FRAME_SAMPLES))).toThrow(RangeError);
  });
});
