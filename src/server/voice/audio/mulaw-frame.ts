import type { AudioFrame } from './frame.js';
import { decodeMulaw, encodeMulaw } from './g711.js';

/** The one rate G.711 μ-law is spoken at (telephony). */
export const MULAW_SAMPLE_RATE = 8000;
/** μ-law's code for a zero sample. */
const MULAW_SILENCE = 0xff;

/**
 * Audio that arrived as μ-law bytes (a phone line, a provider answering in
 * `audio/pcmu`). It carries the bytes on and decodes them to PCM only when a
 * stage reads `samples` (a resampler, a PCM provider), so a call whose caller
 * and provider both speak μ-law never transcodes.
 */
export class MulawFrame implements AudioFrame {
  readonly sampleRate = MULAW_SAMPLE_RATE;
  #samples: Int16Array | undefined;

  constructor(readonly mulaw: Uint8Array) {}

  static silence(sampleCount: number): MulawFrame {
    return new MulawFrame(new Uint8Array(sampleCount).fill(MULAW_SILENCE));
  }

  get samples(): Int16Array {
    this.#samples ??= decodeMulaw(this.mulaw);
    return this.#samples;
  }
}

/** The frame's audio as μ-law: the bytes it carries, else its 8 kHz samples encoded. */
export function mulawBytesOf(frame: AudioFrame): Uint8Array {
  if (frame.mulaw) return frame.mulaw;
  // Resampling is the runner's job, with state carried across frames.
  if (frame.sampleRate !== MULAW_SAMPLE_RATE) {
    throw new RangeError(
      `μ-law audio is ${MULAW_SAMPLE_RATE} Hz, got a ${frame.sampleRate} Hz frame`,
    );
  }
  return encodeMulaw(frame.samples);
}
