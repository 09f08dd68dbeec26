/**
 * PCM16 little-endian bytes ⇄ samples. Wire payloads (base64 from a provider,
 * a WebSocket message, a slice of a file) are rarely 2-byte aligned, so bytes
 * are read through a DataView instead of aliasing an Int16Array onto them, and
 * the result never shares memory with the input.
 */

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
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true);
  return samples;
}

/** Samples → little-endian PCM16 bytes (a copy, in a Buffer so it can go straight onto a socket). */
export function pcm16ToBytes(samples: Int16Array): Buffer {
  const bytes = Buffer.allocUnsafe(samples.length * 2);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i] ?? 0, true);
  return bytes;
}

/** Base64 PCM16 (the JSON-wire form of OpenAI Realtime and Gemini Live audio) → samples. */
export function pcm16FromBase64(base64: string): Int16Array {
  return pcm16FromBytes(Buffer.from(base64, 'base64'));
}

export function pcm16ToBase64(samples: Int16Array): string {
  return pcm16ToBytes(samples).toString('base64');
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
