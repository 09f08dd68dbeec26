import { describe, expect, it } from 'vitest';
import {
  decodeAlaw,
  decodeG711,
  decodeMulaw,
  encodeAlaw,
  encodeG711,
  encodeMulaw,
} from '../../../../src/server/voice/audio/g711.js';

/** ITU-T G.711 μ-law expansion, written from the spec (the same formula sox's `ulaw` uses). */
function specMulawToLinear(code: number): number {
  const u = ~code & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << exponent) - 0x84;
  return u & 0x80 ? -magnitude : magnitude;
}

/** ITU-T G.711 A-law expansion (even bits inverted; sign bit set means positive). */
function specAlawToLinear(code: number): number {
  const a = code ^ 0x55;
  const exponent = (a >> 4) & 0x07;
  const mantissa = a & 0x0f;
  const magnitude =
    exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return a & 0x80 ? magnitude : -magnitude;
}

const ALL_CODES = Uint8Array.from({ length: 256 }, (_, i) => i);
const ALL_SAMPLES = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);

describe('μ-law (G.711)', () => {
  it('decodes the well-known codes', () => {
    const decoded = decodeMulaw(Uint8Array.of(0xff, 0x7f, 0x00, 0x80, 0xfe, 0x7e, 0xf0, 0x70));
    expect([...decoded]).toEqual([0, 0, -32124, 32124, 8, -8, 120, -120]);
  });

  it('decodes all 256 codes exactly as the spec formula does', () => {
    expect(decodeMulaw(ALL_CODES)).toEqual(Int16Array.from(ALL_CODES, specMulawToLinear));
  });

  it('re-encodes every decoded code to itself (negative zero 0x7f becomes 0xff)', () => {
    const reencoded = encodeMulaw(decodeMulaw(ALL_CODES));
    expect([...reencoded]).toEqual([...ALL_CODES].map((code) => (code === 0x7f ? 0xff : code)));
  });

  it('encodes known samples', () => {
    expect([...encodeMulaw(Int16Array.of(0, -1, 1000, -1000, 32767, -32768))]).toEqual([
      0xff, 0x7f, 0xce, 0x4e, 0x80, 0x00,
    ]);
  });

  it('keeps the round-trip error within half a quantisation step over the whole int16 range', () => {
    const roundTrip = decodeMulaw(encodeMulaw(ALL_SAMPLES));
    for (let i = 0; i < ALL_SAMPLES.length; i++) {
      const x = ALL_SAMPLES[i] as number;
      const error = Math.abs((roundTrip[i] as number) - x);
      // Segment step is 2^(exponent+3) in the biased domain (|x| + 132); beyond 32124 it clips.
      const bound = Math.abs(x) > 32124 ? Math.abs(x) - 32124 + 1 : (Math.abs(x) + 132) / 32;
      if (error > bound) expect.fail(`μ-law round trip of ${x} is off by ${error} (> ${bound})`);
    }
  });
});

describe('A-law (G.711)', () => {
  it('decodes the well-known codes', () => {
    const decoded = decodeAlaw(Uint8Array.of(0xd5, 0x55, 0xaa, 0x2a, 0xd4, 0x54));
    expect([...decoded]).toEqual([8, -8, 32256, -32256, 24, -24]);
  });

  it('decodes all 256 codes exactly as the spec formula does', () => {
    expect(decodeAlaw(ALL_CODES)).toEqual(Int16Array.from(ALL_CODES, specAlawToLinear));
  });

  it('re-encodes every decoded code to itself', () => {
    expect([...encodeAlaw(decodeAlaw(ALL_CODES))]).toEqual([...ALL_CODES]);
  });

  it('encodes known samples', () => {
    expect([...encodeAlaw(Int16Array.of(0, -1, 1000, -1000, 32767, -32768))]).toEqual([
      0xd5, 0x55, 0xfa, 0x7a, 0xaa, 0x2a,
    ]);
  });

  it('keeps the round-trip error within half a quantisation step over the whole int16 range', () => {
    const roundTrip = decodeAlaw(encodeAlaw(ALL_SAMPLES));
    for (let i = 0; i < ALL_SAMPLES.length; i++) {
      const x = ALL_SAMPLES[i] as number;
      const error = Math.abs((roundTrip[i] as number) - x);
      // Step 16 in the two lowest segments, doubling per segment above; clips beyond 32256.
      const bound = Math.abs(x) > 32256 ? Math.abs(x) - 32256 + 1 : Math.max(8, Math.abs(x) / 32);
      if (error > bound) expect.fail(`A-law round trip of ${x} is off by ${error} (> ${bound})`);
    }
  });
});

describe('encodeG711 / decodeG711', () => {
  it('dispatch on the law', () => {
    const samples = Int16Array.of(-20000, -300, 0, 300, 20000);
    expect(encodeG711('mulaw', samples)).toEqual(encodeMulaw(samples));
    expect(encodeG711('alaw', samples)).toEqual(encodeAlaw(samples));
    expect(decodeG711('mulaw', ALL_CODES)).toEqual(decodeMulaw(ALL_CODES));
    expect(decodeG711('alaw', ALL_CODES)).toEqual(decodeAlaw(ALL_CODES));
  });

  it('turns one 20 ms frame at 8 kHz into 160 bytes and back', () => {
    const frame = Int16Array.from({ length: 160 }, (_, n) => Math.round(8000 * Math.sin(n / 3)));
    for (const law of ['mulaw', 'alaw'] as const) {
      const encoded = encodeG711(law, frame);
      expect(encoded.length).toBe(160);
      expect(decodeG711(law, encoded).length).toBe(160);
    }
  });
});
