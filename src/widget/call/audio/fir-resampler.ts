export type StreamResampler = {
  /** Most samples `process` can write for `inputLength` input samples. */
  maxOutput(inputLength: number): number;
  /** Resamples the next block of the stream into `output`; returns how many samples it wrote. */
  process(input: Float32Array, output: Float32Array): number;
};

/**
 * A streaming polyphase windowed-sinc resampler between two integer rates,
 * keeping its history across blocks so block edges do not click. Its cutoff
 * sits just under the lower Nyquist frequency, so downsampling does not alias.
 *
 * This function is also stringified into the audio worklet, so it must not
 * use anything defined outside its own body.
 */
export function createFirResampler(inputRate: number, outputRate: number): StreamResampler {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const divisor = gcd(inputRate, outputRate);
  const up = outputRate / divisor;
  const down = inputRate / divisor;
  const cutoff = 0.9 * Math.min(1, up / down);
  const zeroCrossings = 8;
  const half = Math.ceil(zeroCrossings / cutoff);
  const taps = 2 * half;

  // kernels[phase][k] weighs input sample (position - half + 1 + k) for an
  // output at fractional position phase / up.
  const kernels: Float32Array[] = [];
  for (let phase = 0; phase < up; phase++) {
    const kernel = new Float32Array(taps);
    let sum = 0;
    for (let k = 0; k < taps; k++) {
      const x = k - half + 1 - phase / up;
      const t = x * cutoff;
      const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
      const w = (x + half) / (2 * half);
      const blackman = 0.42 - 0.5 * Math.cos(2 * Math.PI * w) + 0.08 * Math.cos(4 * Math.PI * w);
      kernel[k] = sinc * blackman;
      sum += sinc * blackman;
    }
    for (let k = 0; k < taps; k++) kernel[k] = (kernel[k] ?? 0) / sum;
    kernels.push(kernel);
  }

  // history[0] is input sample `start`; the next output sits at input
  // position `position + phase / up`, which needs samples up to position + half.
  let history = new Float32Array(taps + 1024);
  let length = half - 1;
  let start = -(half - 1);
  let position = 0;
  let phase = 0;

  return {
    maxOutput: (inputLength) => Math.ceil(((inputLength + taps) * up) / down) + 1,
    process(input, output) {
      if (length + input.length > history.length) {
        const grown = new Float32Array((length + input.length) * 2);
        grown.set(history.subarray(0, length));
        history = grown;
      }
      history.set(input, length);
      length += input.length;
      let written = 0;
      while (position + half < start + length && written < output.length) {
        const kernel = kernels[phase] as Float32Array;
        const from = position - half + 1 - start;
        let y = 0;
        for (let k = 0; k < taps; k++) y += (history[from + k] ?? 0) * (kernel[k] ?? 0);
        output[written++] = y;
        phase += down;
        position += Math.floor(phase / up);
        phase %= up;
      }
      const keepFrom = Math.min(length, position - half + 1 - start);
      if (keepFrom > 0) {
        history.copyWithin(0, keepFrom, length);
        length -= keepFrom;
        start += keepFrom;
      }
      return written;
    },
  };
}
