/**
 * Ogg pages (RFC 3533) for one logical stream. No maintained npm muxer writes
 * Ogg Opus on Node (the packages are decoders or browser recorders), and a
 * page is a 27-byte header, a lacing table and a CRC, so it is written here.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let bit = 0; bit < 8; bit++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

/** Ogg's CRC-32: polynomial 0x04c11db7, not reflected, initial value 0. */
export function oggCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ byte) & 0xff] ?? 0)) >>> 0;
  }
  return crc >>> 0;
}

const FLAG_BOS = 0x02;
const FLAG_EOS = 0x04;
/** Segments a page may hold: a lacing table entry is one byte, its count too. */
export const MAX_PAGE_SEGMENTS = 255;

/** Lacing values of one packet: 255s, then the remainder (0 when the length is a multiple of 255). */
export function lacingOf(length: number): number[] {
  const values = new Array<number>(Math.floor(length / 255)).fill(255);
  values.push(length % 255);
  return values;
}

/** Builds the pages of one stream, numbering them and marking its first and last page. */
export class OggStream {
  readonly #serial: number;
  #sequence = 0;

  constructor(serial: number) {
    this.#serial = serial >>> 0;
  }

  /**
   * One page of whole packets ending at `granule` (the packets' lacing must
   * fit in MAX_PAGE_SEGMENTS).
   */
  page(packets: Uint8Array[], granule: bigint, flags: { first?: boolean; last?: boolean } = {}) {
    const lacing = packets.flatMap((packet) => lacingOf(packet.length));
    if (lacing.length > MAX_PAGE_SEGMENTS) throw new RangeError('Too many segments for one page');
    const bodyLength = packets.reduce((sum, packet) => sum + packet.length, 0);
    const page = new Uint8Array(27 + lacing.length + bodyLength);
    const view = new DataView(page.buffer);
    page.set([0x4f, 0x67, 0x67, 0x53]); // "OggS"
    page[5] = (flags.first ? FLAG_BOS : 0) | (flags.last ? FLAG_EOS : 0);
    view.setBigInt64(6, granule, true);
    view.setUint32(14, this.#serial, true);
    view.setUint32(18, this.#sequence++, true);
    page[26] = lacing.length;
    page.set(lacing, 27);
    let offset = 27 + lacing.length;
    for (const packet of packets) {
      page.set(packet, offset);
      offset += packet.length;
    }
    view.setUint32(22, oggCrc(page), true);
    return page;
  }
}
