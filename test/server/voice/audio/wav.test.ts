import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pcm16ToBytes } from '../../../../src/server/voice/audio/pcm.js';
import {
  decodeWav,
  encodeWav,
  UNKNOWN_WAV_SIZE,
  WavFormatError,
  wavHeader,
} from '../../../../src/server/voice/audio/wav.js';
import { WavFileWriter } from '../../../../src/server/voice/audio/wav-file-writer.js';
import { sine } from './signal-analysis.js';

const tone = sine({ frequencyHz: 440, sampleRate: 16000, length: 1601 });

/** A WAV built chunk by chunk, for files our writer would never produce. */
function riff(...chunks: [string, Buffer][]): Buffer {
  const body = chunks.map(([id, data]) => {
    const header = Buffer.alloc(8);
    header.write(id, 0, 'ascii');
    header.writeUInt32LE(data.length, 4);
    return Buffer.concat([header, data, Buffer.alloc(data.length % 2)]);
  });
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(4 + body.reduce((n, b) => n + b.length, 0), 4);
  head.write('WAVE', 8, 'ascii');
  return Buffer.concat([head, ...body]);
}

function fmt(options: {
  format?: number;
  channels?: number;
  rate?: number;
  bits?: number;
  extensibleSubformat?: number;
}): Buffer {
  const { format = 1, channels = 1, rate = 8000, bits = 16, extensibleSubformat } = options;
  const chunk = Buffer.alloc(extensibleSubformat === undefined ? 16 : 40);
  chunk.writeUInt16LE(format, 0);
  chunk.writeUInt16LE(channels, 2);
  chunk.writeUInt32LE(rate, 4);
  chunk.writeUInt32LE((rate * channels * bits) / 8, 8);
  chunk.writeUInt16LE((channels * bits) / 8, 12);
  chunk.writeUInt16LE(bits, 14);
  if (extensibleSubformat !== undefined) {
    chunk.writeUInt16LE(22, 16);
    chunk.writeUInt16LE(bits, 18);
    chunk.writeUInt16LE(extensibleSubformat, 24);
  }
  return chunk;
}

describe('encodeWav', () => {
  it('writes the canonical 44-byte mono PCM16 header followed by little-endian samples', () => {
    const wav = encodeWav({ samples: Int16Array.of(1, -2, 300), sampleRate: 24000 });
    expect(wav.length).toBe(50);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(42);
    expect(wav.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect(wav.readUInt32LE(16)).toBe(16);
    expect(wav.readUInt16LE(20)).toBe(1);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(24000);
    expect(wav.readUInt32LE(28)).toBe(48000);
    expect(wav.readUInt16LE(32)).toBe(2);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.toString('ascii', 36, 40)).toBe('data');
    expect(wav.readUInt32LE(40)).toBe(6);
    expect([...wav.subarray(44)]).toEqual([1, 0, 0xfe, 0xff, 0x2c, 0x01]);
  });

  it('round-trips through decodeWav', () => {
    expect(decodeWav(encodeWav({ samples: tone, sampleRate: 16000 }))).toEqual({
      samples: tone,
      sampleRate: 16000,
    });
  });
});

describe('decodeWav', () => {
  it('skips unrelated and odd-sized chunks before the data', () => {
    const wav = riff(
      ['fmt ', fmt({ rate: 8000 })],
      ['LIST', Buffer.from('INFOabc')],
      ['data', pcm16ToBytes(Int16Array.of(5, -5))],
    );
    expect(decodeWav(wav)).toEqual({ samples: Int16Array.of(5, -5), sampleRate: 8000 });
  });

  it('accepts WAVE_FORMAT_EXTENSIBLE with a PCM subformat', () => {
    const wav = riff(
      ['fmt ', fmt({ format: 0xfffe, extensibleSubformat: 1 })],
      ['data', pcm16ToBytes(Int16Array.of(7))],
    );
    expect(decodeWav(wav).samples).toEqual(Int16Array.of(7));
  });

  it('reads an unfinished recording (sizes still unknown) to the end of the file', () => {
    const wav = Buffer.concat([
      wavHeader(8000, UNKNOWN_WAV_SIZE),
      pcm16ToBytes(Int16Array.of(1, 2, 3)),
      Buffer.of(9),
    ]);
    expect(decodeWav(wav).samples).toEqual(Int16Array.of(1, 2, 3));
  });

  it.each([
    [
      'float samples',
      riff(['fmt ', fmt({ format: 3, bits: 32 })], ['data', Buffer.alloc(8)]),
      'WAV format 3 is not PCM; only 16-bit PCM is supported',
    ],
    [
      '8-bit PCM',
      riff(['fmt ', fmt({ bits: 8 })], ['data', Buffer.alloc(8)]),
      'WAV is 8-bit PCM; only 16-bit PCM is supported',
    ],
    [
      '24-bit PCM',
      riff(['fmt ', fmt({ bits: 24 })], ['data', Buffer.alloc(6)]),
      'WAV is 24-bit PCM; only 16-bit PCM is supported',
    ],
    [
      'μ-law',
      riff(['fmt ', fmt({ format: 7, bits: 8 })], ['data', Buffer.alloc(8)]),
      'WAV format 7 is not PCM',
    ],
    [
      'extensible float',
      riff(
        ['fmt ', fmt({ format: 0xfffe, bits: 32, extensibleSubformat: 3 })],
        ['data', Buffer.alloc(8)],
      ),
      'WAV format 3 is not PCM',
    ],
    [
      'stereo',
      riff(['fmt ', fmt({ channels: 2 })], ['data', Buffer.alloc(8)]),
      'WAV has 2 channels; only mono is supported',
    ],
    [
      'not RIFF',
      Buffer.from('ID3\u0003 not a wave file at all'),
      'Not a WAV file: missing RIFF/WAVE header',
    ],
    ['empty', Buffer.alloc(0), 'Not a WAV file'],
    ['no fmt', riff(['data', Buffer.alloc(4)]), 'WAV data chunk comes before its fmt chunk'],
    ['no data', riff(['fmt ', fmt({})]), 'WAV file has no data chunk'],
    ['truncated fmt', riff(['fmt ', Buffer.alloc(10)]), 'WAV fmt chunk is truncated'],
    [
      'data past the end',
      riff(['fmt ', fmt({})], ['data', Buffer.alloc(8)]).subarray(0, 50),
      'WAV data chunk declares 8 bytes but only 6 follow',
    ],
  ])('rejects %s clearly', (_name, bytes, message) => {
    expect(() => decodeWav(bytes)).toThrow(WavFormatError);
    expect(() => decodeWav(bytes)).toThrow(message);
  });
});

describe('WavFileWriter', () => {
  let directory = '';
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'buzzi-wav-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('streams frames to disk and patches the sizes on finish', async () => {
    const path = join(directory, 'call.wav');
    const writer = await WavFileWriter.create(path, 16000);
    for (let offset = 0; offset < tone.length; offset += 320)
      writer.write(tone.subarray(offset, offset + 320));
    writer.writeFrame({ samples: Int16Array.of(42), sampleRate: 16000 });
    const summary = await writer.finish();
    expect(summary).toEqual({
      path,
      dataBytes: (tone.length + 1) * 2,
      durationMs: ((tone.length + 1) / 16000) * 1000,
    });

    const bytes = await readFile(path);
    expect(bytes.length).toBe(44 + summary.dataBytes);
    expect(bytes.readUInt32LE(4)).toBe(36 + summary.dataBytes);
    expect(bytes.readUInt32LE(40)).toBe(summary.dataBytes);
    const decoded = decodeWav(bytes);
    expect(decoded.sampleRate).toBe(16000);
    expect(decoded.samples.subarray(0, tone.length)).toEqual(tone);
    expect(decoded.samples.at(-1)).toBe(42);
    expect(bytes.subarray(0, 44)).toEqual(wavHeader(16000, summary.dataBytes));
  });

  it('finishes an empty recording as a valid, empty WAV, once however often finish is called', async () => {
    const path = join(directory, 'empty.wav');
    const writer = await WavFileWriter.create(path, 8000);
    const [first, second] = await Promise.all([writer.finish(), writer.finish()]);
    expect(first).toEqual({ path, dataBytes: 0, durationMs: 0 });
    expect(second).toEqual(first);
    expect(decodeWav(await readFile(path))).toEqual({
      samples: new Int16Array(0),
      sampleRate: 8000,
    });
    expect(() => writer.write(Int16Array.of(1))).toThrow('WavFileWriter is already finished');
  });

  it('refuses a frame at another rate, which would play at the wrong speed', async () => {
    const writer = await WavFileWriter.create(join(directory, 'rate.wav'), 8000);
    expect(() => writer.writeFrame({ samples: new Int16Array(480), sampleRate: 24000 })).toThrow(
      'WAV recording is 8000 Hz, got a 24000 Hz frame',
    );
    expect((await writer.finish()).dataBytes).toBe(0);
  });

  it('rejects at create when the file cannot be opened', async () => {
    await expect(WavFileWriter.create(join(directory, 'missing', 'x.wav'), 8000)).rejects.toThrow(
      /ENOENT/,
    );
  });
});
