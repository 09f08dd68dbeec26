import { describe, expect, it } from 'vitest';
import {
  isSilent,
  peakDbfs,
  rmsDbfs,
  SILENCE_DBFS,
} from '../../../../src/server/voice/audio/level.js';
import { sine } from './signal-analysis.js';

const FRAME = 480; // 20 ms at 24 kHz: a whole number of 1 kHz periods

describe('level meter', () => {
  it('reads a full-scale sine as −3.01 dBFS RMS and 0 dBFS peak', () => {
    const tone = sine({ frequencyHz: 1000, sampleRate: 24000, length: FRAME, amplitude: 32767 });
    expect(rmsDbfs(tone)).toBeCloseTo(-3.01, 2);
    expect(peakDbfs(tone)).toBeCloseTo(0, 2);
  });

  it('follows the amplitude: a tenth of the amplitude is 20 dB lower', () => {
    const loud = sine({ frequencyHz: 1000, sampleRate: 24000, length: FRAME, amplitude: 20000 });
    const quiet = sine({ frequencyHz: 1000, sampleRate: 24000, length: FRAME, amplitude: 2000 });
    expect(rmsDbfs(loud) - rmsDbfs(quiet)).toBeCloseTo(20, 1);
  });

  it('reads a full-scale square wave as 0 dBFS', () => {
    const square = Int16Array.from({ length: FRAME }, (_, n) => (n % 2 === 0 ? -32768 : 32767));
    expect(rmsDbfs(square)).toBeCloseTo(0, 3);
  });

  it('reports digital silence and empty frames as SILENCE_DBFS, a finite number', () => {
    expect(rmsDbfs(new Int16Array(FRAME))).toBe(SILENCE_DBFS);
    expect(rmsDbfs(new Int16Array(0))).toBe(SILENCE_DBFS);
    expect(peakDbfs(new Int16Array(FRAME))).toBe(SILENCE_DBFS);
    expect(JSON.stringify({ level: rmsDbfs(new Int16Array(FRAME)) })).toBe('{"level":-100}');
  });

  it('reads one LSB of noise near the 16-bit floor', () => {
    const lsb = Int16Array.from({ length: FRAME }, (_, n) => (n % 2 === 0 ? 1 : -1));
    expect(rmsDbfs(lsb)).toBeCloseTo(-90.31, 1);
  });

  it('tells silence from speech-level audio', () => {
    expect(isSilent(new Int16Array(FRAME))).toBe(true);
    expect(
      isSilent(sine({ frequencyHz: 300, sampleRate: 24000, length: FRAME, amplitude: 30 })),
    ).toBe(true);
    expect(
      isSilent(sine({ frequencyHz: 300, sampleRate: 24000, length: FRAME, amplitude: 3000 })),
    ).toBe(false);
    expect(
      isSilent(sine({ frequencyHz: 300, sampleRate: 24000, length: FRAME, amplitude: 3000 }), -10),
    ).toBe(true);
  });
});
