const FREQUENCY_HZ = 440;
const AMPLITUDE = 6000;

/**
 * `count` samples of a 440 Hz sine starting at sample `offset`, so audio sent
 * in chunks joins up into one continuous tone that a test can compare against.
 */
export function toneSamples(offset: number, count: number, sampleRate = 24000): Int16Array {
  const samples = new Int16Array(count);
  for (let i = 0; i < count; i++) {
    samples[i] = Math.round(
      AMPLITUDE * Math.sin((2 * Math.PI * FREQUENCY_HZ * (offset + i)) / sampleRate),
    );
  }
  return samples;
}

/** `ms` of a pure `hz` tone, for telling who hears whom by pitch. */
export function tone(hz: number, ms: number, sampleRate: number): Int16Array {
  const samples = new Int16Array((sampleRate * ms) / 1000);
  for (let n = 0; n < samples.length; n++) {
    samples[n] = Math.round(8000 * Math.sin((2 * Math.PI * hz * n) / sampleRate));
  }
  return samples;
}
