/** Test signals and a windowed spectrum for checking what a resampler or codec did to a tone. */

export function sine(options: {
  frequencyHz: number;
  sampleRate: number;
  length: number;
  amplitude?: number;
  /** Delay in seconds: sample n holds the tone at time n / sampleRate − delaySeconds. */
  delaySeconds?: number;
}): Int16Array {
  const { frequencyHz, sampleRate, length, amplitude = 10_000, delaySeconds = 0 } = options;
  const samples = new Int16Array(length);
  for (let n = 0; n < length; n++) {
    samples[n] = Math.round(
      amplitude * Math.sin(2 * Math.PI * frequencyHz * (n / sampleRate - delaySeconds)),
    );
  }
  return samples;
}

export function mix(...signals: Int16Array[]): Int16Array {
  const length = Math.min(...signals.map((s) => s.length));
  const mixed = new Int16Array(length);
  for (let n = 0; n < length; n++) {
    let sum = 0;
    for (const signal of signals) sum += signal[n] as number;
    mixed[n] = sum;
  }
  return mixed;
}

export type Spectrum = {
  /** Amplitude of a bin, scaled so a sine of amplitude A centred on a bin reads about A. */
  magnitudes: Float64Array;
  binHz: number;
};

/**
 * Blackman-Harris (4-term, sidelobes −92 dB) windowed FFT of `size` samples
 * starting at `start`: side lobes sit far below the −60 dB we assert, so any
 * image or alias shows up as its own peak.
 */
export function spectrum(
  samples: Int16Array,
  sampleRate: number,
  start: number,
  size: number,
): Spectrum {
  if ((size & (size - 1)) !== 0) throw new Error('FFT size must be a power of two');
  if (start + size > samples.length) throw new Error('Not enough samples for the FFT');
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  let windowSum = 0;
  for (let n = 0; n < size; n++) {
    const w = blackmanHarris(n, size);
    windowSum += w;
    re[n] = (samples[start + n] as number) * w;
  }
  fft(re, im);
  const magnitudes = new Float64Array(size / 2);
  for (let k = 0; k < size / 2; k++) {
    magnitudes[k] = (2 * Math.hypot(re[k] as number, im[k] as number)) / windowSum;
  }
  return { magnitudes, binHz: sampleRate / size };
}

/**
 * Amplitude of the component at exactly `frequencyHz` (windowed Goertzel /
 * single-bin DTFT), free of the up-to-0.8 dB scalloping of reading FFT bins.
 */
export function toneAmplitude(
  samples: Int16Array,
  sampleRate: number,
  start: number,
  size: number,
  frequencyHz: number,
): number {
  if (start + size > samples.length) throw new Error('Not enough samples for the tone measurement');
  let re = 0;
  let im = 0;
  let windowSum = 0;
  const omega = (2 * Math.PI * frequencyHz) / sampleRate;
  for (let n = 0; n < size; n++) {
    const w = blackmanHarris(n, size);
    windowSum += w;
    const value = (samples[start + n] as number) * w;
    re += value * Math.cos(omega * n);
    im -= value * Math.sin(omega * n);
  }
  return (2 * Math.hypot(re, im)) / windowSum;
}

/** Largest amplitude anywhere except within ±`guardHz` of the given frequencies (and DC). */
export function largestSpurAmplitude(
  s: Spectrum,
  excludeHz: number[],
  guardHz: number,
): {
  amplitude: number;
  frequencyHz: number;
} {
  let amplitude = 0;
  let frequencyHz = 0;
  for (let k = 0; k < s.magnitudes.length; k++) {
    const f = k * s.binHz;
    if (f < guardHz || excludeHz.some((x) => Math.abs(f - x) <= guardHz)) continue;
    if ((s.magnitudes[k] as number) > amplitude) {
      amplitude = s.magnitudes[k] as number;
      frequencyHz = f;
    }
  }
  return { amplitude, frequencyHz };
}

export const decibels = (ratio: number): number => 20 * Math.log10(ratio);

function blackmanHarris(n: number, size: number): number {
  const phase = (2 * Math.PI * n) / (size - 1);
  return (
    0.35875 -
    0.48829 * Math.cos(phase) +
    0.14128 * Math.cos(2 * phase) -
    0.01168 * Math.cos(3 * phase)
  );
}

function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j] as number, re[i] as number];
      [im[i], im[j]] = [im[j] as number, im[i] as number];
    }
  }
  for (let length = 2; length <= n; length <<= 1) {
    const angle = (-2 * Math.PI) / length;
    for (let i = 0; i < n; i += length) {
      for (let k = 0; k < length / 2; k++) {
        const wr = Math.cos(angle * k);
        const wi = Math.sin(angle * k);
        const a = i + k;
        const b = a + length / 2;
        const xr = (re[b] as number) * wr - (im[b] as number) * wi;
        const xi = (re[b] as number) * wi + (im[b] as number) * wr;
        re[b] = (re[a] as number) - xr;
        im[b] = (im[a] as number) - xi;
        re[a] = (re[a] as number) + xr;
        im[a] = (im[a] as number) + xi;
      }
    }
  }
}
