import { describe, expect, it } from 'vitest';
import {
  concatSamples,
  OddByteLengthError,
  pcm16FromBase64,
  pcm16FromBytes,
  pcm16ToBase64,
  pcm16ToBytes,
} from '../../../../src/server/voice/audio/pcm.js';

describe('PCM16 bytes ⇄ samples', () => {
  it('reads little-endian samples', () => {
    const bytes = Uint8Array.of(0x01, 0x00, 0xff, 0xff, 0x00, 0x80, 0xff, 0x7f, 0x34, 0x12);
    expect([...pcm16FromBytes(bytes)]).toEqual([1, -1, -32768, 32767, 0x1234]);
  });

  it('writes little-endian bytes', () => {
    expect([...pcm16ToBytes(Int16Array.of(1, -1, -32768, 32767, 0x1234))]).toEqual([
      0x01, 0x00, 0xff, 0xff, 0x00, 0x80, 0xff, 0x7f, 0x34, 0x12,
    ]);
  });

  it('reads from an odd byte offset (a slice of a larger message) without RangeError', () => {
    const message = Buffer.from([0xaa, 0x10, 0x00, 0xf0, 0xff, 0xbb]);
    const slice = message.subarray(1, 5);
    expect(slice.byteOffset % 2).toBe(1);
    expect([...pcm16FromBytes(slice)]).toEqual([16, -16]);
  });

  it('rejects a half sample with a clear error', () => {
    expect(() => pcm16FromBytes(Uint8Array.of(1, 2, 3))).toThrow(OddByteLengthError);
    expect(() => pcm16FromBytes(Uint8Array.of(1, 2, 3))).toThrow(
      'PCM16 data must have an even number of bytes, got 3',
    );
  });

  it('returns copies, never views of the caller’s memory', () => {
    const bytes = Uint8Array.of(1, 0, 2, 0);
    const samples = pcm16FromBytes(bytes);
    bytes[0] = 9;
    expect(samples[0]).toBe(1);
    const back = pcm16ToBytes(samples);
    samples[1] = 7;
    expect(back[2]).toBe(2);
  });

  it('round-trips through base64, the JSON wire form of realtime audio', () => {
    const samples = Int16Array.of(0, 1, -1, 12345, -32768, 32767);
    const base64 = pcm16ToBase64(samples);
    expect(base64).toBe(Buffer.from(pcm16ToBytes(samples)).toString('base64'));
    expect(pcm16FromBase64(base64)).toEqual(samples);
    expect(pcm16FromBase64('')).toEqual(new Int16Array(0));
    expect(() => pcm16FromBase64(Buffer.from([1, 2, 3]).toString('base64'))).toThrow(
      OddByteLengthError,
    );
  });

  it('concatenates runs of samples in order', () => {
    expect([...concatSamples([Int16Array.of(1, 2), new Int16Array(0), Int16Array.of(3)])]).toEqual([
      1, 2, 3,
    ]);
    expect(concatSamples([])).toEqual(new Int16Array(0));
  });
});
