import {
  decodeAlaw,
  decodeMulaw,
  encodeAlaw,
  encodeMulaw,
} from '../src/server/voice/audio/g711.js';
import { OpusDecoder, OpusEncoder } from '../src/server/voice/audio/opus.js';
import { Resampler, type SampleRate } from '../src/server/voice/audio/resampler.js';
import { type Summary, summarize } from './stats.js';

const FRAMES = 20_000;
const WARMUP_FRAMES = 2_000;
const CONCURRENT_CALLS = 200;
const RESAMPLING_PATHS: [SampleRate, SampleRate][] = [
  [8000, 16000],
  [8000, 24000],
  [16000, 24000],
  [16000, 48000],
  [24000, 48000],
];

/** Speech-like test signal: two drifting tones plus noise, so codecs do real work. */
function voiceLike(sampleRate: number, seconds: number): Int16Array {
  const samples = new Int16Array(sampleRate * seconds);
  let seed = 12345;
  for (let n = 0; n < samples.length; n++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const t = n / sampleRate;
    const envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t);
    samples[n] = Math.round(
      envelope *
        (6000 * Math.sin(2 * Math.PI * (180 + 40 * Math.sin(t)) * t) +
          2500 * Math.sin(2 * Math.PI * 1100 * t)) +
        ((seed / 0x7fffffff) * 2 - 1) * 300,
    );
  }
  return samples;
}

/** Consecutive 20 ms frames of `signal`, cycling. */
function frames(signal: Int16Array, sampleRate: number): Int16Array[] {
  const size = sampleRate / 50;
  const result: Int16Array[] = [];
  for (let offset = 0; offset + size <= signal.length; offset += size)
    result.push(signal.slice(offset, offset + size));
  return result;
}

/** Synchronous per-call timing in µs (stats.time awaits each call, which costs as much as a μ-law frame). */
function timeFrames<T>(inputs: readonly T[], work: (input: T) => unknown): Summary {
  for (let i = 0; i < WARMUP_FRAMES; i++) work(inputs[i % inputs.length] as T);
  const micros: number[] = [];
  for (let i = 0; i < FRAMES; i++) {
    const input = inputs[i % inputs.length] as T;
    const start = process.hrtime.bigint();
    work(input);
    micros.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return summarize(micros);
}

/**
 * µs per 20 ms frame (p50/p95/p99/mean) for G.711, every resampling path in
 * both directions, Opus, and the whole per-call audio work of a phone call
 * (μ-law 8 kHz ⇄ PCM16 24 kHz both ways), with what that costs for
 * CONCURRENT_CALLS calls as a share of one core.
 */
export async function audioBench() {
  const at8k = frames(voiceLike(8000, 4), 8000);
  const mulawFrames = at8k.map(encodeMulaw);
  const alawFrames = at8k.map(encodeAlaw);

  const resamplingUs: Record<string, Summary> = {};
  for (const [low, high] of RESAMPLING_PATHS) {
    for (const [from, to] of [
      [low, high],
      [high, low],
    ] as const) {
      const resampler = new Resampler(from, to);
      resamplingUs[`${from / 1000}k->${to / 1000}k`] = timeFrames(
        frames(voiceLike(from, 4), from),
        (f) => resampler.process(f),
      );
    }
  }

  const opusEncoder = new OpusEncoder();
  const opusDecoder = new OpusDecoder();
  const at48k = frames(voiceLike(48000, 4), 48000);
  const packets = at48k.map((f) => new OpusEncoder().encode(f));

  const inbound = new Resampler(8000, 24000);
  const outbound = new Resampler(24000, 8000);
  const at24k = frames(voiceLike(24000, 4), 24000);
  const phoneCall = timeFrames(
    mulawFrames.map((m, i) => [m, at24k[i % at24k.length] as Int16Array] as const),
    ([caller, agent]) => {
      inbound.process(decodeMulaw(caller));
      encodeMulaw(outbound.process(agent));
    },
  );
  const framesPerSecond = 1000 / 20;

  return {
    unit: 'µs per 20 ms frame',
    mulaw: {
      encodeUs: timeFrames(at8k, encodeMulaw),
      decodeUs: timeFrames(mulawFrames, decodeMulaw),
    },
    alaw: {
      encodeUs: timeFrames(at8k, encodeAlaw),
      decodeUs: timeFrames(alawFrames, decodeAlaw),
    },
    resamplingUs,
    opus48k: {
      encodeUs: timeFrames(at48k, (f) => opusEncoder.encode(f)),
      decodeUs: timeFrames(packets, (p) => opusDecoder.decode(p)),
      meanPacketBytes: Math.round(packets.reduce((n, p) => n + p.length, 0) / packets.length),
    },
    phoneCallBothWays: {
      description: 'μ-law decode + 8k->24k in, 24k->8k + μ-law encode out, per 20 ms',
      us: phoneCall,
      [`coreShareFor${CONCURRENT_CALLS}Calls`]: Number(
        ((phoneCall.mean * framesPerSecond * CONCURRENT_CALLS) / 1e6).toFixed(3),
      ),
    },
  };
}
