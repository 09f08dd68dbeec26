import { describe, expect, it } from 'vitest';
import { OpusDecoder, OpusEncoder, OpusError } from '../../../../src/server/voice/audio/opus.js';
import { concatSamples } from '../../../../src/server/voice/audio/pcm.js';
import { sine, toneAmplitude } from './signal-analysis.js';

function roundTrip(input: Int16Array, sampleRate: 16000 | 48000) {
  const frameSamples = sampleRate / 50;
  const encoder = new OpusEncoder({ sampleRate });
  const decoder = new OpusDecoder({ sampleRate });
  const packets: Uint8Array[] = [];
  for (let offset = 0; offset + frameSamples <= input.length; offset += frameSamples) {
    packets.push(encoder.encode(input.subarray(offset, offset + frameSamples)));
  }
  return { packets, decoded: concatSamples(packets.map((packet) => decoder.decode(packet))) };
}

/** Best normalised cross-correlation over lags up to `maxLag` (Opus adds a few ms of delay). */
function bestCorrelation(reference: Int16Array, decoded: Int16Array, from: number, maxLag: number) {
  let best = { lag: 0, correlation: -1 };
  for (let lag = 0; lag <= maxLag; lag++) {
    let dot = 0;
    let refEnergy = 0;
    let decEnergy = 0;
    for (let n = from; n + lag < decoded.length; n++) {
      const r = reference[n] as number;
      const d = decoded[n + lag] as number;
      dot += r * d;
      refEnergy += r * r;
      decEnergy += d * d;
    }
    const correlation = dot / Math.sqrt(refEnergy * decEnergy);
    if (correlation > best.correlation) best = { lag, correlation };
  }
  return best;
}

describe('Opus', () => {
  it('round-trips a 20 ms-framed voice-band signal at 48 kHz closely enough to correlate above 0.95', () => {
    const length = 48000;
    const input = sine({ frequencyHz: 440, sampleRate: 48000, length, amplitude: 8000 });
    for (let n = 0; n < length; n++) {
      input[n] =
        (input[n] as number) + Math.round(3000 * Math.sin((2 * Math.PI * 1250 * n) / 48000));
    }
    const { packets, decoded } = roundTrip(input, 48000);
    expect(packets).toHaveLength(50);
    expect(decoded.length).toBe(length);
    // 32 kbps for 20 ms is 80 bytes on average; compressed, far below the 1920 bytes of raw PCM.
    const meanBytes = packets.reduce((n, p) => n + p.length, 0) / packets.length;
    expect(meanBytes).toBeGreaterThan(20);
    expect(meanBytes).toBeLessThan(200);

    const { lag, correlation } = bestCorrelation(input, decoded, 4800, 960);
    expect(correlation).toBeGreaterThan(0.95);
    expect(lag).toBeLessThan(960);
    expect(toneAmplitude(decoded, 48000, 24000, 16384, 440)).toBeGreaterThan(8000 * 0.8);
    expect(toneAmplitude(decoded, 48000, 24000, 16384, 1250)).toBeGreaterThan(3000 * 0.8);
  });

  it('works at 16 kHz as well', () => {
    const input = sine({ frequencyHz: 500, sampleRate: 16000, length: 16000, amplitude: 8000 });
    const { decoded } = roundTrip(input, 16000);
    expect(decoded.length).toBe(16000);
    expect(bestCorrelation(input, decoded, 1600, 320).correlation).toBeGreaterThan(0.95);
  });

  it('keeps packets independent of later encodes (no shared output buffer)', () => {
    const encoder = new OpusEncoder();
    const first = encoder.encode(sine({ frequencyHz: 300, sampleRate: 48000, length: 960 }));
    const copy = Uint8Array.from(first);
    encoder.encode(sine({ frequencyHz: 3000, sampleRate: 48000, length: 960, amplitude: 20000 }));
    expect(first).toEqual(copy);
  });

  it('rejects frame sizes Opus cannot encode', () => {
    const encoder = new OpusEncoder();
    expect(() => encoder.encode(new Int16Array(1000))).toThrow(OpusError);
    expect(() => encoder.encode(new Int16Array(1000))).toThrow(
      'Opus frames must last 2.5, 5, 10, 20, 40 or 60 ms; got 1000 samples at 48000 Hz',
    );
    expect(encoder.encode(new Int16Array(480)).length).toBeGreaterThan(0);
  });

  it('reports a corrupt or empty packet as OpusError and keeps decoding good ones', () => {
    const encoder = new OpusEncoder();
    const decoder = new OpusDecoder();
    const good = encoder.encode(sine({ frequencyHz: 440, sampleRate: 48000, length: 960 }));
    expect(() => decoder.decode(Uint8Array.of(0xff, 0xff, 0xff, 0x01, 2, 3))).toThrow(OpusError);
    expect(() => decoder.decode(new Uint8Array(0))).toThrow('Empty Opus packet');
    expect(decoder.decode(good).length).toBe(960);
  });
});
