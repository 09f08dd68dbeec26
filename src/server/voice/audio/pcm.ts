import { endianness } from 'node:os';

/**
 * PCM16 little-endian bytes ⇄ samples. Wire payloads (base64 from a provider,
 * a WebSocket message, a slice of a file) are rarely 2-byte aligned, so bytes
 * are copied into fresh sample memory (one memcpy on a little-endian host, a
 * DataView loop elsewhere) and the result never shares memory with the input.
 * These run for every 20 ms frame of every call, both ways.
 */

const littleEndianHost = endianness() === 'LE';

export class OddByteLengthError extends Error {
  constructor(byteLength: number) {
    super(`PCM16 data must have an even number of bytes, got ${byteLength}`);
    this.name = 'OddByteLengthError';
  }
}

/** Little-endian PCM16 bytes → samples (a copy). Throws OddByteLengthError on a half sample. */
export function pcm16FromBytes(bytes: Uint8Array): Int16Array {
  if (bytes.byteLength % 2 !== 0) throw new OddByteLengthError(bytes.byteLength);
  const samples = new Int16Array(bytes.byteLength / 2);
  if (littleEndianHost) {
    new Uint8Array(samples.buffer).set(bytes);
    return samples;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true);
  return samples;
}

/** The samples' memory as little-endian bytes: shared on a little-endian host, so never kept. */
function littleEndianBytesOf(samples: Int16Array): Uint8Array {
  if (littleEndianHost)
    return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i] ?? 0, true);
  return bytes;
}

/** Samples → little-endian PCM16 bytes (a copy, in a Buffer so it can go straight onto a socket). */
export function pcm16ToBytes(samples: Int16Array): Buffer {
  return Buffer.from(littleEndianBytesOf(samples));
}

/** Base64 PCM16 (the JSON-wire form of OpenAI Realtime and Gemini Live audio) → samples. */
export function pcm16FromBase64(base64: string): Int16Array {
  return pcm16FromBytes(Buffer.from(base64, 'base64'));
}

export function pcm16ToBase64(samples: Int16Array): string {
  const bytes = littleEndianBytesOf(samples);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Joins sample runs end to end, e.g. the frames of one utterance. */
export function concatSamples(parts: readonly Int16Array[]): Int16Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const joined = new Int16Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
