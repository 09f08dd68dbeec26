/**
 * Loudness of a frame for level meters and VAD-free silence checks.
 *
 * dBFS here is RMS relative to a full-scale square wave (the convention of
 * sox `stats` "RMS lev dB"), so a full-scale sine reads −3.01 dBFS. Digital
 * silence reads SILENCE_DBFS instead of −Infinity so levels stay plain numbers
 * in JSON.
 */

export const SILENCE_DBFS = -100;

const FULL_SCALE = 32768;

export function rmsDbfs(samples: Int16Array): number {
  if (samples.length === 0) return SILENCE_DBFS;
  let sumOfSquares = 0;
  for (let i = 0; i < samples.length; i++) {
    const value = samples[i] as number;
    sumOfSquares += value * value;
  }
  if (sumOfSquares === 0) return SILENCE_DBFS;
  const rms = Math.sqrt(sumOfSquares / samples.length) / FULL_SCALE;
  return Math.max(SILENCE_DBFS, 20 * Math.log10(rms));
}

export function peakDbfs(samples: Int16Array): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const value = Math.abs(samples[i] as number);
    if (value > peak) peak = value;
  }
  if (peak === 0) return SILENCE_DBFS;
  return Math.max(SILENCE_DBFS, 20 * Math.log10(peak / FULL_SCALE));
}

/** True when the frame's RMS level is below `thresholdDbfs` (default −50 dBFS, quieter than room noise on a phone line). */
export function isSilent(samples: Int16Array, thresholdDbfs = -50): boolean {
  return rmsDbfs(samples) < thresholdDbfs;
}
