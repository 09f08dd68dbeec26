/** Compressed PDFs can hold far more text than their size suggests. */
export const MAX_TEXT_CHARS = 10_000_000;

/** 10000000 → "10 million", for messages shown to the user. */
export function describeCount(count: number): string {
  if (count >= 1_000_000 && count % 1_000_000 === 0) return `${count / 1_000_000} million`;
  return count.toLocaleString('en-US');
}
