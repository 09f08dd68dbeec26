import { describe, expect, it } from 'vitest';
import { concatSamples } from '../../../../src/server/voice/audio/pcm.js';
import {
  Resampler,
  resample,
  SAMPLE_RATES,
  type SampleRate,
} from '../../../../src/server/voice/audio/resampler.js';
import { randomChunks } from './random-chunks.js';
import {
  decibels,
  largestSpurAmplitude,
  mix,
  sine,
  spectrum,
  toneAmplitude,
} from './signal-analysis.js';

const PAIRS: [SampleRate, SampleRate][] = SAMPLE_RATES.flatMap((from) =>
  SAMPLE_RATES.filter((to) => to !== from).map((to): [SampleRate, SampleRate] => [from, to]),
);
const FFT_SIZE = 4096;
const AMPLITUDE = 10_000;

function streamThrough(resampler: Resampler, chunks: Int16Array[]): Int16Array {
  return concatSamples(chunks.map((chunk) => resampler.process(chunk)));
}

/** 1 s of input: enough for the FFT at every output rate once the filter has filled. */
const clipLength = (rate: number) => rate;
const levelAt = (output: Int16Array, rate: number, frequencyHz: number) =>
  toneAmplitude(output, rate, output.length - FFT_SIZE, FFT_SIZE, frequencyHz);

describe('Resampler keeps a tone and nothing else', () => {
  it.each(PAIRS)(
    '%i Hz → %i Hz: in-band tones keep their level, images/aliases stay below −60 dB',
    (from, to) => {
      const lower = Math.min(from, to);
      // A mid-band tone and one near the top of the passband (3.2 kHz at 8 kHz).
      for (const toneHz of [0.125 * lower, 0.4 * lower]) {
        const output = resample(
          sine({
            frequencyHz: toneHz,
            sampleRate: from,
            length: clipLength(from),
            amplitude: AMPLITUDE,
          }),
          from,
          to,
        );
        const s = spectrum(output, to, output.length - FFT_SIZE, FFT_SIZE);
        const toneLevel = levelAt(output, to, toneHz);
        expect(Math.abs(decibels(toneLevel / AMPLITUDE))).toBeLessThan(0.1);
        const spur = largestSpurAmplitude(s, [toneHz], 50);
        expect(decibels(spur.amplitude / toneLevel), `spur at ${spur.frequencyHz} Hz`).toBeLessThan(
          -60,
        );
      }
    },
  );

  it.each(PAIRS.filter(([from, to]) => from > to))(
    '%i Hz → %i Hz: a tone above the new Nyquist frequency is removed, not folded back',
    (from, to) => {
      const inBandHz = 0.125 * to;
      const outOfBandHz = 0.7 * to; // would fold back to 0.3 × the output rate
      const input = mix(
        sine({
          frequencyHz: inBandHz,
          sampleRate: from,
          length: clipLength(from),
          amplitude: AMPLITUDE,
        }),
        sine({
          frequencyHz: outOfBandHz,
          sampleRate: from,
          length: clipLength(from),
          amplitude: AMPLITUDE,
        }),
      );
      const output = resample(input, from, to);
      const s = spectrum(output, to, output.length - FFT_SIZE, FFT_SIZE);
      expect(decibels(levelAt(output, to, 0.3 * to) / AMPLITUDE)).toBeLessThan(-60);
      expect(decibels(largestSpurAmplitude(s, [inBandHz], 50).amplitude / AMPLITUDE)).toBeLessThan(
        -60,
      );
      expect(Math.abs(decibels(levelAt(output, to, inBandHz) / AMPLITUDE))).toBeLessThan(0.1);
    },
  );

  it.each(PAIRS)(
    '%i Hz → %i Hz: matches the ideal tone delayed by latencyMs (SNR > 60 dB)',
    (from, to) => {
      const toneHz = 0.1 * Math.min(from, to);
      const resampler = new Resampler(from, to);
      const output = resampler.process(
        sine({ frequencyHz: toneHz, sampleRate: from, length: clipLength(from) }),
      );
      const ideal = sine({
        frequencyHz: toneHz,
        sampleRate: to,
        length: output.length,
        delaySeconds: resampler.latencyMs / 1000,
      });
      let signal = 0;
      let noise = 0;
      for (let n = to / 100; n < output.length; n++) {
        signal += (ideal[n] as number) ** 2;
        noise += ((output[n] as number) - (ideal[n] as number)) ** 2;
      }
      expect(10 * Math.log10(signal / noise)).toBeGreaterThan(60);
      expect(resampler.latencyMs).toBeGreaterThan(0);
      expect(resampler.latencyMs).toBeLessThanOrEqual(5);
    },
  );
});

describe('Resampler as a stream', () => {
  it.each(PAIRS)(
    '%i Hz → %i Hz: random cuts give the one-shot result, with exact total length',
    (from, to) => {
      const input = mix(
        sine({ frequencyHz: 440, sampleRate: from, length: from }),
        sine({
          frequencyHz: 0.3 * Math.min(from, to),
          sampleRate: from,
          length: from,
          amplitude: 5000,
        }),
      );
      const oneShot = resample(input, from, to);
      for (const seed of [1, 2, 3]) {
        const streamed = streamThrough(new Resampler(from, to), randomChunks(input, seed, 700));
        expect(streamed).toEqual(oneShot);
      }
      // 1 s in is exactly 1 s out; 1 s minus 1 sample is within one sample of the ideal length.
      expect(oneShot.length).toBe(to);
      const shorter = resample(input.subarray(1), from, to).length;
      expect(Math.abs(shorter - ((from - 1) * to) / from)).toBeLessThanOrEqual(1);
    },
  );

  it.each(PAIRS)(
    '%i Hz → %i Hz: every 20 ms frame in gives a 20 ms frame out, for a minute, without drift',
    (from, to) => {
      const resampler = new Resampler(from, to);
      const frame = new Int16Array(from / 50);
      let total = 0;
      for (let i = 0; i < 3000; i++) {
        const out = resampler.processFrame({ samples: frame, sampleRate: from });
        expect(out.sampleRate).toBe(to);
        if (out.samples.length !== to / 50)
          expect.fail(`frame ${i} gave ${out.samples.length} samples`);
        total += out.samples.length;
      }
      expect(total).toBe(60 * to);
    },
  );

  it('leaves no step at frame edges: the streamed sine never jumps more than its own slope allows', () => {
    const [from, to] = [8000, 24000] as const;
    const toneHz = 1000;
    const streamed = streamThrough(
      new Resampler(from, to),
      randomChunks(
        sine({ frequencyHz: toneHz, sampleRate: from, length: from, amplitude: AMPLITUDE }),
        7,
        97,
      ),
    );
    const maxStep = (2 * Math.PI * toneHz * AMPLITUDE) / to;
    let largest = 0;
    for (let n = to / 100; n < streamed.length; n++) {
      largest = Math.max(largest, Math.abs((streamed[n] as number) - (streamed[n - 1] as number)));
    }
    expect(largest).toBeLessThanOrEqual(maxStep * 1.01 + 2);
  });

  it('clips a full-scale square wave instead of wrapping around (no loud clicks)', () => {
    const square = new Int16Array(8000).map((_, n) =>
      Math.floor(n / 20) % 2 === 0 ? 32767 : -32768,
    );
    const output = resample(square, 8000, 48000);
    // Gibbs overshoot must saturate: a wrapped sample would flip sign right next to a rail.
    for (let n = 1; n < output.length; n++) {
      const step = Math.abs((output[n] as number) - (output[n - 1] as number));
      if (step > 40_000) expect.fail(`jump of ${step} at sample ${n}`);
    }
    expect(Math.max(...output)).toBe(32767);
    expect(Math.min(...output)).toBe(-32768);
  });

  it('passes audio through untouched when the rates match', () => {
    const resampler = new Resampler(24000, 24000);
    const input = sine({ frequencyHz: 440, sampleRate: 24000, length: 480 });
    expect(resampler.process(input)).toBe(input);
    expect(resampler.latencyMs).toBe(0);
  });

  it('starts over after reset, as a fresh resampler would', () => {
    const input = sine({ frequencyHz: 700, sampleRate: 16000, length: 1000 });
    const resampler = new Resampler(16000, 24000);
    resampler.process(sine({ frequencyHz: 300, sampleRate: 16000, length: 333 }));
    resampler.reset();
    expect(resampler.process(input)).toEqual(resample(input, 16000, 24000));
  });

  it('refuses to run once destroyed, and destroying twice is harmless', () => {
    const resampler = new Resampler(8000, 24000);
    expect(resampler.process(new Int16Array(160))).toHaveLength(480);
    resampler.destroy();
    resampler.destroy();
    expect(() => resampler.process(new Int16Array(160))).toThrow('Resampler is destroyed');
    expect(() => resampler.reset()).toThrow('Resampler is destroyed');
  });

  it('keeps serving after thousands of calls have come and gone', () => {
    for (let call = 0; call < 5000; call++) {
      const resampler = new Resampler(8000, 24000);
      resampler.process(new Int16Array(160));
      resampler.destroy();
    }
    const input = sine({ frequencyHz: 1000, sampleRate: 8000, length: 8000 });
    expect(resample(input, 8000, 24000)).toHaveLength(24000);
  });

  it('rejects unsupported rates and frames at the wrong rate', () => {
    expect(() => new Resampler(44100 as SampleRate, 16000)).toThrow(
      /Unsupported sample rate 44100/,
    );
    const resampler = new Resampler(8000, 16000);
    expect(() =>
      resampler.processFrame({ samples: new Int16Array(320), sampleRate: 16000 }),
    ).toThrow(/expects 8000 Hz frames, got 16000 Hz/);
  });
});
