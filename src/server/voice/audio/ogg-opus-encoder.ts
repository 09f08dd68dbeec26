import { randomInt } from 'node:crypto';
import { Encoder } from '@evan/opus';
import { lacingOf, MAX_PAGE_SEGMENTS, OggStream } from './ogg-pages.js';

/** Ogg Opus counts every position in 48 kHz samples, whatever the input rate (RFC 7845). */
const GRANULE_RATE = 48_000;
export const STEREO_RECORDING_RATE = 16_000;
/** Samples per channel in one 20 ms Opus packet at the recording rate. */
export const STEREO_FRAME_SAMPLES = (STEREO_RECORDING_RATE * 20) / 1000;
/** About a second of packets per page: a player can seek to within a second. */
const PACKETS_PER_PAGE = 50;
/** The binding's typings misname this getter, so it is asked for by its libopus code. */
const OPUS_GET_LOOKAHEAD = 4027;
/** Two speech channels at 16 kHz: about 4 KB per second of call. */
const BITRATE = 32_000;

/**
 * Encodes interleaved stereo PCM16 at 16 kHz into an Ogg Opus byte stream
 * (RFC 7845), handing out bytes as pages fill so a call's recording never
 * sits in memory. Feed it whole 20 ms frames; `end` pads the last one.
 */
export class OggOpusEncoder {
  readonly #encoder = new Encoder({
    channels: 2,
    sample_rate: STEREO_RECORDING_RATE,
    application: 'voip',
  });
  readonly #ogg = new OggStream(randomInt(0, 2 ** 32));
  readonly #write: (bytes: Uint8Array) => void;
  readonly #preSkip: number;
  #packets: Uint8Array[] = [];
  #segments = 0;
  #samples = 0;
  #ended = false;

  constructor(write: (bytes: Uint8Array) => void) {
    this.#write = write;
    this.#encoder.bitrate = BITRATE;
    // Channels stay apart: a mid/side trick across caller and agent would blur which side spoke.
    this.#encoder.phase_inversion_disabled = true;
    this.#preSkip = this.#encoder.ctl(OPUS_GET_LOOKAHEAD) * (GRANULE_RATE / STEREO_RECORDING_RATE);
    write(this.#ogg.page([opusHead(this.#preSkip)], 0n, { first: true }));
    write(this.#ogg.page([opusTags()], 0n));
  }

  /** Samples per channel encoded so far. */
  get samplesPerChannel(): number {
    return this.#samples;
  }

  get durationMs(): number {
    return Math.round((this.#samples * 1000) / STEREO_RECORDING_RATE);
  }

  /** One 20 ms frame: STEREO_FRAME_SAMPLES × 2 interleaved samples (left, right). */
  encodeFrame(interleaved: Int16Array): void {
    if (this.#ended) throw new Error('OggOpusEncoder has ended');
    if (interleaved.length !== STEREO_FRAME_SAMPLES * 2) {
      throw new RangeError(`A stereo frame is ${STEREO_FRAME_SAMPLES * 2} samples`);
    }
    // The binding returns a view of one buffer shared by every encoder: copy it out.
    const packet = this.#encoder.encode(interleaved).slice();
    const segments = lacingOf(packet.length).length;
    if (this.#segments + segments > MAX_PAGE_SEGMENTS) this.#flushPage(false);
    this.#packets.push(packet);
    this.#segments += segments;
    this.#samples += STEREO_FRAME_SAMPLES;
    if (this.#packets.length >= PACKETS_PER_PAGE) this.#flushPage(false);
  }

  /** Writes the last page (marked end of stream). */
  end(): void {
    if (this.#ended) return;
    this.#flushPage(true);
    this.#ended = true;
  }

  #flushPage(last: boolean): void {
    if (this.#packets.length === 0 && !last) return;
    const granule = BigInt(this.#preSkip + this.#samples * (GRANULE_RATE / STEREO_RECORDING_RATE));
    this.#write(this.#ogg.page(this.#packets, granule, { last }));
    this.#packets = [];
    this.#segments = 0;
  }
}

function opusHead(preSkip: number): Uint8Array {
  const head = new Uint8Array(19);
  const view = new DataView(head.buffer);
  head.set(new TextEncoder().encode('OpusHead'));
  head[8] = 1; // version
  head[9] = 2; // channels
  view.setUint16(10, preSkip, true);
  view.setUint32(12, STEREO_RECORDING_RATE, true);
  view.setInt16(16, 0, true); // output gain
  head[18] = 0; // channel mapping family: mono or stereo, no table
  return head;
}

function opusTags(): Uint8Array {
  const vendor = new TextEncoder().encode('buzzi');
  const tags = new Uint8Array(8 + 4 + vendor.length + 4);
  const view = new DataView(tags.buffer);
  tags.set(new TextEncoder().encode('OpusTags'));
  view.setUint32(8, vendor.length, true);
  tags.set(vendor, 12);
  view.setUint32(12 + vendor.length, 0, true);
  return tags;
}
