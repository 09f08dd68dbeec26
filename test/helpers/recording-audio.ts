import { OggOpusDecoder } from 'ogg-opus-decoder';

export type DecodedRecording = { sampleRate: number; left: Float32Array; right: Float32Array };

/** Decodes an Ogg Opus file with an independent decoder (ogg-opus-decoder, libopus in WASM). */
export async function decodeOggOpus(bytes: Uint8Array): Promise<DecodedRecording> {
  const decoder = new OggOpusDecoder();
  await decoder.ready;
  try {
    const decoded = await decoder.decodeFile(bytes);
    if (decoded.errors.length > 0)
      throw new Error(`Ogg Opus decode errors: ${decoded.errors.length}`);
    const [left, right] = decoded.channelData;
    if (decoded.channelData.length !== 2 || !left || !right) {
      throw new Error(`Expected stereo, got ${decoded.channelData.length} channels`);
    }
    return { sampleRate: decoded.sampleRate, left, right };
  } finally {
    decoder.free();
  }
}

/** RMS of a channel between two times (ms). */
export function rmsBetween(
  channel: Float32Array,
  sampleRate: number,
  fromMs: number,
  toMs: number,
): number {
  const start = Math.max(0, Math.floor((fromMs * sampleRate) / 1000));
  const end = Math.min(channel.length, Math.floor((toMs * sampleRate) / 1000));
  if (end <= start) return 0;
  let sum = 0;
  for (let i = start; i < end; i++) sum += (channel[i] ?? 0) ** 2;
  return Math.sqrt(sum / (end - start));
}

/** Per-window RMS (windowMs) of a channel, for finding when a side spoke. */
export function rmsWindows(channel: Float32Array, sampleRate: number, windowMs: number): number[] {
  const size = Math.floor((sampleRate * windowMs) / 1000);
  const out: number[] = [];
  for (let start = 0; start + size <= channel.length; start += size) {
    let sum = 0;
    for (let i = start; i < start + size; i++) sum += (channel[i] ?? 0) ** 2;
    out.push(Math.sqrt(sum / size));
  }
  return out;
}
