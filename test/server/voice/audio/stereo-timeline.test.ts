import { describe, expect, it } from 'vitest';
import { StereoTimeline } from '../../../../src/server/voice/audio/stereo-timeline.js';

// 1 kHz keeps the arithmetic readable: one sample per millisecond, 10-sample chunks.
const RATE = 1000;
const CHUNK = 10;

function timeline(jitterMs = 30) {
  const left: number[] = [];
  const right: number[] = [];
  const t = new StereoTimeline({
    sampleRate: RATE,
    chunkSamples: CHUNK,
    jitterMs,
    emit: (interleaved) => {
      expect(interleaved.length).toBe(CHUNK * 2);
      for (let i = 0; i < CHUNK; i++) {
        left.push(interleaved[2 * i] ?? 0);
        right.push(interleaved[2 * i + 1] ?? 0);
      }
    },
  });
  return { t, left, right };
}

const filled = (length: number, value: number) => new Int16Array(length).fill(value);

/** Where a channel holds `value`, as [first, last + 1) sample index ranges. */
function spans(channel: number[], value: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  channel.forEach((sample, i) => {
    const last = out.at(-1);
    if (sample !== value) return;
    if (last && last[1] === i) last[1] = i + 1;
    else out.push([i, i + 1]);
  });
  return out;
}

describe('StereoTimeline', () => {
  it('lays caller frames back to back despite jitter, and where heard after a gap', () => {
    const { t, left } = timeline();
    // 20 ms frames arriving at 20, 45 (late), 60, then nothing until 200.
    t.caller(filled(20, 1), 20);
    t.caller(filled(20, 1), 45);
    t.caller(filled(20, 1), 60);
    t.caller(filled(20, 2), 200);
    t.end(220);
    expect(spans(left, 1)).toEqual([[0, 60]]);
    expect(spans(left, 2)).toEqual([[180, 200]]);
    expect(left).toHaveLength(220);
  });

  it('queues agent audio handed over in a burst, each piece after the last, never before now', () => {
    const { t, right } = timeline();
    t.agent(filled(50, 3), 100);
    t.agent(filled(50, 4), 100);
    t.agent(filled(10, 5), 400);
    t.end(450);
    expect(spans(right, 3)).toEqual([[100, 150]]);
    expect(spans(right, 4)).toEqual([[150, 200]]);
    expect(spans(right, 5)).toEqual([[400, 410]]);
  });

  it('drops the agent audio not yet played when the caller barges in', () => {
    const { t, right } = timeline();
    t.agent(filled(1000, 7), 0);
    t.clearAgent(300);
    t.agent(filled(50, 8), 320);
    t.end(600);
    expect(spans(right, 7)).toEqual([[0, 300]]);
    expect(spans(right, 8)).toEqual([[320, 370]]);
    expect(right.slice(370)).toEqual(new Array(230).fill(0));
  });

  it('cuts an interrupted answer where the leg says the caller stopped hearing it', () => {
    const { t, right } = timeline();
    t.agent(filled(100, 6), 50, true);
    t.agent(filled(1000, 7), 100, true);
    t.agent(filled(1000, 7), 100);
    // At 600 the leg had played 250 ms of the second answer (it lagged behind the clock).
    t.clearAgent(600, 250);
    t.end(800);
    expect(spans(right, 6)).toEqual([[50, 150]]);
    expect(spans(right, 7)).toEqual([[150, 400]]);
  });

  it('never cuts later than now, whatever the leg reports', () => {
    const { t, right } = timeline();
    t.agent(filled(1000, 7), 0, true);
    t.clearAgent(300, 900);
    t.end(500);
    expect(spans(right, 7)).toEqual([[0, 300]]);
  });

  it('emits as the call goes, holding back only the jitter window', () => {
    const { t, left } = timeline(30);
    for (let ms = 20; ms <= 1000; ms += 20) t.caller(filled(20, 1), ms);
    // Everything older than 30 ms before the last frame is out, in whole chunks.
    expect(left.length).toBe(970);
    expect(t.emittedSamples).toBe(970);
    t.end(1000);
    expect(left.length).toBe(1000);
  });

  it('ends on a whole chunk past the last thing heard and ignores audio after the end', () => {
    const { t, left, right } = timeline();
    t.caller(filled(20, 1), 20);
    t.agent(filled(500, 2), 20);
    t.end(33);
    t.caller(filled(20, 1), 60);
    expect(left).toHaveLength(40);
    expect(spans(right, 2)).toEqual([[20, 33]]);
  });
});
