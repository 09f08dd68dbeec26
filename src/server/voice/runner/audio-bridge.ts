import type { AudioFrame } from '../audio/frame.js';
import { MulawFrame } from '../audio/mulaw-frame.js';
import { isSampleRate, Resampler, type SampleRate } from '../audio/resampler.js';

/**
 * One stream converter per direction (and per input rate actually seen):
 * the caller's audio into the rate the provider takes, the provider's audio
 * into the rate the caller leg plays. Each keeps filter state across frames,
 * so 20 ms in gives 20 ms out without clicks at frame edges. A frame already
 * at the target rate passes as it is, μ-law bytes included, so a μ-law leg
 * and a μ-law provider exchange their bytes untouched.
 */
export class AudioBridge {
  readonly #toProvider: DirectionalResampler;
  readonly #toCaller: DirectionalResampler;

  constructor(rates: { providerInputRate: number; callerOutputRate: number }) {
    this.#toProvider = new DirectionalResampler(rates.providerInputRate);
    this.#toCaller = new DirectionalResampler(rates.callerOutputRate);
  }

  /** Caller audio → the provider's input rate. */
  toProvider(frame: AudioFrame): AudioFrame {
    return this.#toProvider.convert(frame);
  }

  /** Agent audio → the caller leg's output rate. */
  toCaller(frame: AudioFrame): AudioFrame {
    return this.#toCaller.convert(frame);
  }

  /** The agent's audio was cut off: the next answer starts a fresh stream. */
  resetAgentStream(): void {
    this.#toCaller.reset();
  }

  /** Frees the converters' native memory; the bridge is unusable afterwards. */
  close(): void {
    this.#toProvider.destroy();
    this.#toCaller.destroy();
  }
}

class DirectionalResampler {
  readonly #targetRate: number;
  readonly #byInputRate = new Map<number, Resampler>();

  constructor(targetRate: number) {
    this.#targetRate = targetRate;
  }

  convert(frame: AudioFrame): AudioFrame {
    if (frame.sampleRate === this.#targetRate) return frame;
    let resampler = this.#byInputRate.get(frame.sampleRate);
    if (!resampler) {
      resampler = new Resampler(asSampleRate(frame.sampleRate), asSampleRate(this.#targetRate));
      this.#byInputRate.set(frame.sampleRate, resampler);
    }
    return resampler.processFrame(frame);
  }

  reset(): void {
    for (const resampler of this.#byInputRate.values()) resampler.reset();
  }

  destroy(): void {
    for (const resampler of this.#byInputRate.values()) resampler.destroy();
    this.#byInputRate.clear();
  }
}

function asSampleRate(rate: number): SampleRate {
  if (!isSampleRate(rate)) throw new RangeError(`Unsupported sample rate ${rate}`);
  return rate;
}

/**
 * Silence as long as `frame` and in its form (μ-law stays μ-law), for keeping
 * a provider's input clock running while audio is held back.
 */
export function silenceLike(frame: AudioFrame): AudioFrame {
  if (frame.mulaw) return MulawFrame.silence(frame.mulaw.length);
  return { samples: new Int16Array(frame.samples.length), sampleRate: frame.sampleRate };
}
