import type { AudioFrame } from './frame.js';
import { pcm16FromBytes, pcm16ToBytes } from './pcm.js';

/**
 * RIFF/WAVE for mono PCM16, the only shape Buzzi records and the shape test
 * fixtures (flite, sox, Chromium's fake microphone) are read in.
 */

export const WAV_HEADER_BYTES = 44;
/** Written as the RIFF and data sizes until a streaming writer knows them: readers treat it as "to end of file". */
export const UNKNOWN_WAV_SIZE = 0xffffffff;

export class WavFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WavFormatError';
  }
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/** The 44-byte canonical header for `dataBytes` of mono PCM16 (sizes may be UNKNOWN_WAV_SIZE). */
export function wavHeader(sampleRate: number, dataBytes: number): Buffer {
  const header = Buffer.alloc(WAV_HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(riffSizeFor(dataBytes), 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(WAVE_FORMAT_PCM, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

export function riffSizeFor(dataBytes: number): number {
  return dataBytes === UNKNOWN_WAV_SIZE ? UNKNOWN_WAV_SIZE : 36 + dataBytes;
}

/** A whole clip as a WAV file in memory. */
export function encodeWav(frame: AudioFrame): Buffer {
  const data = pcm16ToBytes(frame.samples);
  return Buffer.concat([wavHeader(frame.sampleRate, data.length), data]);
}

/**
 * Reads a mono PCM16 WAV, skipping chunks it does not need (LIST, fact, …).
 * Anything else (float, 8/24-bit, stereo, compressed) is rejected with a
 * WavFormatError that says what was found.
 */
export function decodeWav(bytes: Uint8Array): AudioFrame {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (offset: number) =>
    String.fromCharCode(...bytes.subarray(offset, Math.min(offset + 4, bytes.length)));
  if (bytes.length < 12 || ascii(0) !== 'RIFF' || ascii(8) !== 'WAVE') {
    throw new WavFormatError('Not a WAV file: missing RIFF/WAVE header');
  }

  let sampleRate: number | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = ascii(offset);
    const declaredSize = view.getUint32(offset + 4, true);
    const bodyStart = offset + 8;
    if (id === 'fmt ') {
      sampleRate = readFormat(view, bodyStart, declaredSize);
    } else if (id === 'data') {
      if (sampleRate === null)
        throw new WavFormatError('WAV data chunk comes before its fmt chunk');
      const available = bytes.length - bodyStart;
      if (declaredSize !== UNKNOWN_WAV_SIZE && declaredSize > available) {
        throw new WavFormatError(
          `WAV data chunk declares ${declaredSize} bytes but only ${available} follow`,
        );
      }
      const size = Math.min(declaredSize, available);
      const evenSize = size - (size % 2);
      return {
        samples: pcm16FromBytes(bytes.subarray(bodyStart, bodyStart + evenSize)),
        sampleRate,
      };
    }
    offset = bodyStart + declaredSize + (declaredSize % 2);
  }
  throw new WavFormatError(
    sampleRate === null ? 'WAV file has no fmt chunk' : 'WAV file has no data chunk',
  );
}

function readFormat(view: DataView, start: number, size: number): number {
  if (size < 16 || start + size > view.byteLength)
    throw new WavFormatError('WAV fmt chunk is truncated');
  let format = view.getUint16(start, true);
  const channels = view.getUint16(start + 2, true);
  const sampleRate = view.getUint32(start + 4, true);
  const bitsPerSample = view.getUint16(start + 14, true);
  if (format === WAVE_FORMAT_EXTENSIBLE) {
    if (size < 26) throw new WavFormatError('WAV extensible fmt chunk is truncated');
    format = view.getUint16(start + 24, true);
  }
  if (format !== WAVE_FORMAT_PCM) {
    throw new WavFormatError(`WAV format ${format} is not PCM; only 16-bit PCM is supported`);
  }
  if (bitsPerSample !== 16) {
    throw new WavFormatError(`WAV is ${bitsPerSample}-bit PCM; only 16-bit PCM is supported`);
  }
  if (channels !== 1)
    throw new WavFormatError(`WAV has ${channels} channels; only mono is supported`);
  if (sampleRate === 0) throw new WavFormatError('WAV sample rate is 0');
  return sampleRate;
}
