import type { AudioFrame } from './frame.js';
import { decodeMulaw, encodeMulaw } from './g711.js';
import { base64ByteLength } from './wire-text.js';

/** The one rate G.711 μ-law is spoken at (telephony). */
export const MULAW_SAMPLE_RATE = 8000;
/** μ-law's code for a zero sample. */
const MULAW_SILENCE = 0xff;

/**
 * Audio that arrived as μ-law (a phone line, a provider answering in
 * `audio/pcmu`), as bytes or as the base64 text it came in. It carries that
 * on and converts only what a stage reads: the bytes (a leg cutting them up),
 * the base64 (a provider or a phone line taking it as text), the PCM
 * `samples` (a resampler, a PCM provider). A call whose caller and provider
 * both speak μ-law neither transcodes nor even decodes its audio.
 */
export class MulawFrame implements AudioFrame {
  readonly sampleRate = MULAW_SAMPLE_RATE;
  readonly sampleCount: number;
  #mulaw: Uint8Array | undefined;
  #base64: string | undefined;
  #samples: Int16Array | undefined;

  /** μ-law bytes, or padded base64 text already checked to be base64 (isBase64). */
  constructor(audio: Uint8Array | { base64: string }) {
    if (audio instanceof Uint8Array) {
      this.#mulaw = audio;
      this.sampleCount = audio.length;
    } else {
      this.#base64 = audio.base64;
      this.sampleCount = base64ByteLength(audio.base64);
    }
  }

  static silence(sampleCount: number): MulawFrame {
    return new MulawFrame(new Uint8Array(sampleCount).fill(MULAW_SILENCE));
  }

  get mulaw(): Uint8Array {
    this.#mulaw ??= Buffer.from(this.#base64 ?? '', 'base64');
    return this.#mulaw;
  }

  get base64(): string {
    if (this.#base64 === undefined) {
      const bytes = this.mulaw;
      this.#base64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
        'base64',
      );
    }
    return this.#base64;
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

/** The frame's audio as base64 μ-law: the text it came in when it did, else its bytes encoded. */
export function mulawBase64Of(frame: AudioFrame): string {
  if (frame instanceof MulawFrame) return frame.base64;
  const bytes = mulawBytesOf(frame);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
