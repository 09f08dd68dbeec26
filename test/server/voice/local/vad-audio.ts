import type { AudioFrame } from '../../../../src/server/voice/audio/frame.js';

/** Deterministic white noise of peak `amplitude`, so a failing test fails the same way twice. */
export function whiteNoise(durationMs: number, amplitude: number, seed = 1): AudioFrame {
  const samples = new Int16Array((16000 * durationMs) / 1000);
  let x = seed;
  for (let i = 0; i < samples.length; i += 1) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    samples[i] = Math.round(((x / 0x7fffffff) * 2 - 1) * amplitude);
  }
  return { samples, sampleRate: 16000 };
}

/** `audio` scaled by `gain` with `noise` added (which must be at least as long). */
export function mixAudio(audio: AudioFrame, gain: number, noise: AudioFrame): AudioFrame {
  const samples = new Int16Array(audio.samples.length);
  for (let i = 0; i < samples.length; i += 1) {
    const mixed = (audio.samples[i] ?? 0) * gain + (noise.samples[i] ?? 0);
    samples[i] = Math.max(-32768, Math.min(32767, Math.round(mixed)));
  }
  return { samples, sampleRate: audio.sampleRate };
}

/** Where the voice really is: the first and last sample above 5 % of the peak, in ms. */
export function voicedSpanMs(audio: AudioFrame): { startMs: number; endMs: number } {
  let peak = 0;
  for (const s of audio.samples) peak = Math.max(peak, Math.abs(s));
  const loud = (s: number | undefined) => Math.abs(s ?? 0) > peak * 0.05;
  let first = 0;
  while (first < audio.samples.length && !loud(audio.samples[first])) first += 1;
  let last = audio.samples.length - 1;
  while (last > first && !loud(audio.samples[last])) last -= 1;
  const ms = (sample: number) => (sample * 1000) / audio.sampleRate;
  return { startMs: ms(first), endMs: ms(last + 1) };
}
