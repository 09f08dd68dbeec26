/**
 * Maps an RMS amplitude (0–1) to a meter level (0–1) on a decibel scale:
 * -60 dBFS and below is 0, full scale is 1, so speech (about -40 to -12 dBFS
 * over 20 ms) moves the meter between 0.3 and 0.8 instead of hugging the bottom.
 */
export function meterLevel(rms: number): number {
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.max(0, Math.min(1, (db + 60) / 60));
}
