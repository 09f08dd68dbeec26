import { describe, expect, it } from 'vitest';
import { createFirResampler } from '../../../src/widget/call/audio/fir-resampler.js';

const tone = (hz: number, rate: number, seconds: number) =>
  Float32Array.from(
    { length: rate * seconds },
    (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / rate),
  );

/** Feeds `input` in `block`-sample pieces, as the audio worklet does. */
function resampleInBlocks(input: Float32Array, from: number, to: number, block: number) {
  const resampler = createFirResampler(from, to);
  const out: number[] = [];
  for (let at = 0; at < input.length; at += block) {
    const piece = input.subarray(at, at + block);
    const buffer = new Float32Array(resampler.maxOutput(piece.length));
    out.push(...buffer.subarray(0, resampler.process(piece, buffer)));
  }
  return Float32Array.from(out);
}

const rms = (samples: Float32Array) =>
  Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / samples.length);

/** Amplitude of `hz` in `samples` (a single-bin DFT). */
function amplitudeAt(samples: Float32Array, hz: number, rate: number) {
  let re = 0;
  let im = 0;
  samples.forEach((s, i) => {
    re += s * Math.cos((2 * Math.PI * hz * i) / rate);
    im -= s * Math.sin((2 * Math.PI * hz * i) / rate);
  });
  return (2 * Math.hypot(re, im)) / samples.length;
}

describe('the call audio resampler', () => {
  it.each([
    [24_000, 16_000],
    [48_000, 16_000],
    [44_100, 16_000],
    [24_000, 48_000],
    [24_000, 44_100],
  ])('keeps a 1 kHz voice tone from %i Hz to %i Hz, whatever the block size', (from, to) => {
    const input = tone(1000, from, 1);
    const inBlocks = resampleInBlocks(input, from, to, 128);
    const whole = resampleInBlocks(input, from, to, input.length);
    expect(inBlocks.length).toBe(whole.length);
    expect(Math.abs(inBlocks.length - to)).toBeLessThan(50);
    expect(Array.from(inBlocks)).toEqual(Array.from(whole));
    const steady = inBlocks.subarray(200, inBlocks.length - 200);
    expect(amplitudeAt(steady, 1000, to)).toBeCloseTo(0.5, 2);
  });

  it('removes what the lower rate cannot carry instead of folding it into the voice band', () => {
    // 10 kHz at 24 kHz would alias to 6 kHz at 16 kHz.
    const out = resampleInBlocks(tone(10_000, 24_000, 1), 24_000, 16_000, 128);
    expect(rms(out.subarray(200))).toBeLessThan(0.005);
  });
});
