import { describe, expect, it } from 'vitest';
import type { AudioFrame } from '../../../../src/server/voice/audio/frame.js';
import { Framer } from '../../../../src/server/voice/audio/framer.js';
import { concatSamples } from '../../../../src/server/voice/audio/pcm.js';
import { randomChunks } from './random-chunks.js';

const ramp = (length: number, start = 1) =>
  Int16Array.from({ length }, (_, i) => (start + i) % 32768);

describe('Framer', () => {
  it.each([8000, 16000, 24000, 48000])(
    'cuts arbitrary chunks at %i Hz into exact 20 ms frames, in order, losing nothing',
    (rate) => {
      const input = ramp(rate + 123);
      const framer = new Framer(rate);
      const frames: AudioFrame[] = [];
      for (const chunk of randomChunks(input, rate, rate / 10)) frames.push(...framer.push(chunk));
      expect(frames).toHaveLength(Math.floor(input.length / (rate / 50)));
      for (const frame of frames) {
        expect(frame.sampleRate).toBe(rate);
        expect(frame.samples.length).toBe(rate / 50);
      }
      expect(framer.bufferedSamples).toBe(input.length % (rate / 50));
      const last = framer.flush();
      expect(last?.samples.length).toBe(input.length % (rate / 50));
      expect(concatSamples([...frames, ...(last ? [last] : [])].map((f) => f.samples))).toEqual(
        input,
      );
    },
  );

  it('keeps the remainder across pushes and emits nothing until a frame is full', () => {
    const framer = new Framer(8000);
    expect(framer.push(ramp(100))).toEqual([]);
    expect(framer.bufferedSamples).toBe(100);
    const frames = framer.push(ramp(400, 101));
    expect(frames.map((f) => f.samples.length)).toEqual([160, 160, 160]);
    expect([...(frames[0]?.samples.subarray(98, 102) ?? [])]).toEqual([99, 100, 101, 102]);
    expect(framer.bufferedSamples).toBe(20);
  });

  it('hands out frames that do not change when the caller reuses its buffer', () => {
    const framer = new Framer(8000);
    const buffer = ramp(320);
    const frames = framer.push(buffer);
    buffer.fill(0);
    expect(frames[1]?.samples[0]).toBe(161);
  });

  it('pads the last frame with silence on request', () => {
    const framer = new Framer(16000);
    framer.push(ramp(10));
    const padded = framer.flush({ padWithSilence: true });
    expect(padded?.samples.length).toBe(320);
    expect([...(padded?.samples.subarray(8, 12) ?? [])]).toEqual([9, 10, 0, 0]);
    expect(framer.flush()).toBeNull();
  });

  it('drops held-back audio on clear (barge-in)', () => {
    const framer = new Framer(8000);
    framer.push(ramp(150));
    framer.clear();
    expect(framer.bufferedSamples).toBe(0);
    const frames = framer.push(ramp(160, 1000));
    expect(frames).toHaveLength(1);
    expect(frames[0]?.samples[0]).toBe(1000);
  });

  it('supports other frame durations and rejects ones that are not whole samples', () => {
    expect(new Framer(48000, 10).frameSamples).toBe(480);
    expect(() => new Framer(11025)).toThrow('20 ms at 11025 Hz is not a whole number of samples');
    expect(() => new Framer(8000, 0)).toThrow(RangeError);
  });
});
