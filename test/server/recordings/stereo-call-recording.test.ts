import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StereoCallRecording } from '../../../src/server/recordings/call-recording.js';
import { FileRecordingStore } from '../../../src/server/recordings/file-recording-store.js';
import { encodeMulaw } from '../../../src/server/voice/audio/g711.js';
import { MulawFrame } from '../../../src/server/voice/audio/mulaw-frame.js';
import { toneSamples } from '../../fakes/pcm-tone.js';
import { decodeOggOpus, rmsBetween } from '../../helpers/recording-audio.js';

// The recording of one call fed frame by frame as the runner feeds it: μ-law
// caller frames at 8 kHz and 24 kHz agent frames land on one 16 kHz timeline.

const scope = {
  companyId: '11111111-1111-4111-8111-111111111111',
  callId: '22222222-2222-4222-8222-222222222222',
};
const logger = pino({ level: 'silent' });
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'buzzi-stereo-recording-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('StereoCallRecording', () => {
  it('stores μ-law caller and 24 kHz agent audio as one stereo file, each at its time', async () => {
    const store = new FileRecordingStore(path.join(dir, 'ok'));
    const recording = new StereoCallRecording({ store, scope, logger });
    // 0–1 s: the caller (8 kHz μ-law, 20 ms frames); 1–2 s: the agent (24 kHz), handed over at once.
    for (let ms = 20; ms <= 1000; ms += 20) {
      const tone = toneSamples(((ms - 20) * 8000) / 1000, 160, 8000);
      recording.caller(new MulawFrame(encodeMulaw(tone)), ms);
    }
    recording.agent({ samples: toneSamples(0, 24_000), sampleRate: 24_000 }, 1000, 'answer-1');
    for (let ms = 1020; ms <= 2000; ms += 20) recording.caller(MulawFrame.silence(160), ms);
    const stored = await recording.finish(2000);

    expect(stored).toEqual({ key: `${scope.companyId}/${scope.callId}.ogg`, durationMs: 2000 });
    const file = path.join(dir, 'ok', stored?.key ?? '');
    const { left, right, sampleRate } = await decodeOggOpus(await readFile(file));
    expect(rmsBetween(left, sampleRate, 100, 900)).toBeGreaterThan(0.05);
    expect(rmsBetween(right, sampleRate, 100, 900)).toBeLessThan(0.01);
    expect(rmsBetween(left, sampleRate, 1100, 1900)).toBeLessThan(0.01);
    expect(rmsBetween(right, sampleRate, 1100, 1900)).toBeGreaterThan(0.05);
  });

  it('gives no recording, and keeps taking frames, when the store cannot write', async () => {
    const blocked = path.join(dir, 'not-a-directory');
    await writeFile(blocked, 'a file where the recordings folder should be');
    const recording = new StereoCallRecording({
      store: new FileRecordingStore(blocked),
      scope,
      logger,
    });
    for (let ms = 20; ms <= 400; ms += 20) recording.caller(MulawFrame.silence(160), ms);
    expect(await recording.finish(400)).toBeNull();
  });
});
