import type { ByteRange } from './recording-store.js';

/**
 * The one byte range an HTTP Range header asks of `size` bytes: 'all' when
 * there is no usable header (absent, not bytes, several ranges), null when
 * it cannot be satisfied (416).
 */
export function byteRangeOf(header: string | undefined, size: number): ByteRange | 'all' | null {
  if (!header) return 'all';
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return 'all';
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return 'all';
  if (from === '') {
    // A suffix: the last N bytes.
    const length = Number(to);
    if (length === 0 || size === 0) return null;
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return null;
  return { start, end };
}
