import createSpeexResamplerModule from '@echogarden/speex-resampler-wasm/simd';
import type { AudioFrame } from './frame.js';
import { concatSamples } from './pcm.js';

/**
 * Streaming sample-rate converter between the telephony/realtime rates, on
 * SpeexDSP's resampler compiled to WASM (`@echogarden/speex-resampler-wasm`,
 * BSD-3; the .wasm ships in the npm tarball, no download or build step).
 *
 * Chosen by measurement on the 2-core box (20 ms frames, while other test
 * suites were running; see bench/audio.bench.ts for current figures):
 * - speex at quality 4 (SPEEX_RESAMPLER_QUALITY_DEFAULT): ~3–5 µs per frame
 *   per direction for 8↔24 kHz, images/aliases of a tone ≤ −87 dB, 4 ms of
 *   latency;
 * - a 90-tap Kaiser polyphase FIR in TypeScript (our first version): 11–18 µs,
 *   ≤ −70 dB;
 * - `@alexanderolsen/libsamplerate-js` ~150 µs; `wave-resampler` keeps no
 *   state between calls, so every frame edge clicks.
 * Speex carries its fractional phase across calls: feeding a stream in any
 * cuts gives the same samples as one call, the total never drifts from
 * input × ratio, and a 20 ms frame in gives a 20 ms frame out (checked by the
 * tests for every pair), so no FIFO is needed.
 *
 * One WASM instance serves every resampler in the process (calls are
 * synchronous, so they never interleave); each resampler owns a few KB of its
 * heap, freed by `destroy()` or, as a safety net, when it is garbage-collected.
 */

export const SAMPLE_RATES = [8000, 16000, 24000, 48000] as const;
export type SampleRate = (typeof SAMPLE_RATES)[number];

export function isSampleRate(rate: number): rate is SampleRate {
  return (SAMPLE_RATES as readonly number[]).includes(rate);
}

const SPEEX_QUALITY = 4;
/** Input samples per WASM call: covers a 20 ms frame at 48 kHz and bounds each resampler's buffers. */
const MAX_INPUT_PER_CALL = 1024;

const speex = await createSpeexResamplerModule();

/** Heap addresses owned by one resampler. `lengths` holds two uint32: input then output length. */
type NativeResampler = { state: number; input: number; output: number; lengths: number };

const releaseNative = (native: NativeResampler): void => {
  speex._speex_resampler_destroy(native.state);
  speex._free(native.input);
  speex._free(native.output);
  speex._free(native.lengths);
};
const unreachableResamplers = new FinalizationRegistry(releaseNative);

export class Resampler {
  readonly fromRate: SampleRate;
  readonly toRate: SampleRate;
  /** Filter delay: an input sample comes out this much later in the output stream. */
  readonly latencyMs: number;
  private readonly native: NativeResampler | null;
  private readonly outputCapacity: number;
  private destroyed = false;

  constructor(fromRate: SampleRate, toRate: SampleRate) {
    for (const rate of [fromRate, toRate]) {
      if (!isSampleRate(rate)) {
        throw new RangeError(
          `Unsupported sample rate ${rate}; use one of ${SAMPLE_RATES.join(', ')}`,
        );
      }
    }
    this.fromRate = fromRate;
    this.toRate = toRate;
    this.outputCapacity = Math.ceil((MAX_INPUT_PER_CALL * toRate) / fromRate) + 8;
    if (fromRate === toRate) {
      this.native = null;
      this.latencyMs = 0;
      return;
    }
    const lengths = speex._malloc(8);
    const state = speex._speex_resampler_init(1, fromRate, toRate, SPEEX_QUALITY, lengths);
    if (state === 0) {
      speex._free(lengths);
      throw new Error(`Speex resampler init failed with code ${speex.HEAPU32[lengths >> 2]}`);
    }
    this.native = {
      state,
      lengths,
      input: speex._malloc(MAX_INPUT_PER_CALL * 2),
      output: speex._malloc(this.outputCapacity * 2),
    };
    unreachableResamplers.register(this, this.native, this);
    this.latencyMs = (speex._speex_resampler_get_input_latency(state) / fromRate) * 1000;
  }

  /**
   * Converts the next run of the stream. Passthrough (same rate) returns the
   * input array itself; otherwise a new array with every sample now due.
   */
  process(input: Int16Array): Int16Array {
    if (this.destroyed) throw new Error('Resampler is destroyed');
    if (!this.native) return input;
    if (input.length <= MAX_INPUT_PER_CALL) return this.run(this.native, input);
    const parts: Int16Array[] = [];
    for (let offset = 0; offset < input.length; offset += MAX_INPUT_PER_CALL) {
      parts.push(this.run(this.native, input.subarray(offset, offset + MAX_INPUT_PER_CALL)));
    }
    return concatSamples(parts);
  }

  /** `process` for a frame, checking that it is at this resampler's input rate. */
  processFrame(frame: AudioFrame): AudioFrame {
    if (frame.sampleRate !== this.fromRate) {
      throw new RangeError(
        `Resampler expects ${this.fromRate} Hz frames, got ${frame.sampleRate} Hz`,
      );
    }
    return { samples: this.process(frame.samples), sampleRate: this.toRate };
  }

  /** Forgets the stream (e.g. after the caller's audio was cleared on barge-in). */
  reset(): void {
    if (this.destroyed) throw new Error('Resampler is destroyed');
    if (this.native) speex._speex_resampler_reset_mem(this.native.state);
  }

  /** Frees the WASM memory now (at the end of a call). Idempotent. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (!this.native) return;
    unreachableResamplers.unregister(this);
    releaseNative(this.native);
  }

  private run(native: NativeResampler, input: Int16Array): Int16Array {
    // Heap views are re-read on every call: they are replaced when the WASM memory grows.
    const lengthIndex = native.lengths >> 2;
    speex.HEAP16.set(input, native.input >> 1);
    speex.HEAPU32[lengthIndex] = input.length;
    speex.HEAPU32[lengthIndex + 1] = this.outputCapacity;
    const error = speex._speex_resampler_process_int(
      native.state,
      0,
      native.input,
      native.lengths,
      native.output,
      native.lengths + 4,
    );
    if (error !== 0 || speex.HEAPU32[lengthIndex] !== input.length) {
      throw new Error(`Speex resampler failed with code ${error}`);
    }
    const produced = speex.HEAPU32[lengthIndex + 1] ?? 0;
    const start = native.output >> 1;
    return speex.HEAP16.slice(start, start + produced);
  }
}

/** One-shot conversion of a whole clip (a fresh stream: the same output as feeding it in pieces). */
export function resample(
  samples: Int16Array,
  fromRate: SampleRate,
  toRate: SampleRate,
): Int16Array {
  const resampler = new Resampler(fromRate, toRate);
  try {
    return resampler.process(samples);
  } finally {
    resampler.destroy();
  }
}
