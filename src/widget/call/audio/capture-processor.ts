import type { createFirResampler, StreamResampler } from './fir-resampler';
import type { CaptureMessage, CaptureOptions, WorkletScope } from './worklet-scope';

/**
 * Registers the capture processor: mixes the microphone to mono, resamples
 * it to the server's input rate and posts fixed chunks of PCM16 with their
 * RMS level.
 *
 * Stringified into the worklet module: it may use only its parameters. Its
 * class fields are `declare`d and set in the constructor so no bundler turns
 * them into calls to helpers that live outside this function.
 */
export function registerCaptureProcessor(
  scope: WorkletScope,
  createResampler: typeof createFirResampler,
  name: string,
): void {
  class CaptureProcessor extends scope.AudioWorkletProcessor {
    declare resampler: StreamResampler;
    declare mono: Float32Array;
    declare resampled: Float32Array;
    declare chunkSamples: number;
    declare chunk: Int16Array;
    declare filled: number;
    declare sumSquares: number;

    constructor(options: { processorOptions?: unknown }) {
      super();
      const { outputRate, chunkSamples } = options.processorOptions as CaptureOptions;
      this.resampler = createResampler(scope.sampleRate, outputRate);
      this.mono = new Float32Array(128);
      this.resampled = new Float32Array(this.resampler.maxOutput(128));
      this.chunkSamples = chunkSamples;
      this.chunk = new Int16Array(chunkSamples);
      this.filled = 0;
      this.sumSquares = 0;
    }

    process(inputs: Float32Array[][]): boolean {
      const channels = inputs[0] ?? [];
      const first = channels[0];
      if (!first) return true;
      if (this.mono.length !== first.length) {
        this.mono = new Float32Array(first.length);
        this.resampled = new Float32Array(this.resampler.maxOutput(first.length));
      }
      for (let i = 0; i < first.length; i++) {
        let sum = 0;
        for (const channel of channels) sum += channel[i] ?? 0;
        this.mono[i] = sum / channels.length;
      }
      const count = this.resampler.process(this.mono, this.resampled);
      for (let i = 0; i < count; i++) {
        const sample = Math.max(-1, Math.min(1, this.resampled[i] ?? 0));
        this.sumSquares += sample * sample;
        this.chunk[this.filled++] = sample < 0 ? sample * 0x8000 : sample * 0x7fff;
        if (this.filled === this.chunkSamples) this.flush();
      }
      return true;
    }

    flush(): void {
      const message: CaptureMessage = {
        samples: this.chunk,
        rms: Math.sqrt(this.sumSquares / this.chunkSamples),
      };
      // Transferring detaches the chunk (its length reads 0 after), so a fresh one takes its place.
      this.port.postMessage(message, [this.chunk.buffer]);
      this.chunk = new Int16Array(this.chunkSamples);
      this.filled = 0;
      this.sumSquares = 0;
    }
  }
  scope.registerProcessor(name, CaptureProcessor);
}
