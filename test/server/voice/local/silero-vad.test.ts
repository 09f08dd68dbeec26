import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AudioFrame } from '../../../../src/server/voice/audio/frame.js';
import type { VadStream } from '../../../../src/server/voice/providers/local/parts.js';
import {
  SileroVadModel,
  VAD_WINDOW_SAMPLES,
} from '../../../../src/server/voice/providers/local/vad/silero-vad.js';
import { concatAudio, silenceAudio, spokenAudio } from '../../../helpers/speech.js';
import { whiteNoise } from './vad-audio.js';

let model: SileroVadModel;

beforeAll(async () => {
  model = await SileroVadModel.load();
});

afterAll(async () => {
  await model.close();
});

function windowsOf(audio: AudioFrame): Int16Array[] {
  const windows: Int16Array[] = [];
  for (let at = 0; at + VAD_WINDOW_SAMPLES <= audio.samples.length; at += VAD_WINDOW_SAMPLES) {
    windows.push(audio.samples.slice(at, at + VAD_WINDOW_SAMPLES));
  }
  return windows;
}

async function probabilities(stream: VadStream, audio: AudioFrame): Promise<number[]> {
  const result: number[] = [];
  for (const window of windowsOf(audio)) result.push(await stream.speechProbability(window));
  return result;
}

const sentence = () => spokenAudio('Hello, I would like to book a table for two tonight.');

describe('SileroVadModel', () => {
  it('hears speech as speech, and silence and low noise as not', async () => {
    const speech = await probabilities(model.createStream(), sentence());
    const quiet = await probabilities(
      model.createStream(),
      concatAudio([silenceAudio(1000), whiteNoise(1000, 300)]),
    );

    expect(speech.filter((p) => p > 0.9).length).toBeGreaterThan(speech.length / 2);
    expect(Math.max(...quiet)).toBeLessThan(0.2);
  });

  it('keeps each stream’s state apart, even when they run side by side', async () => {
    const audio = sentence();
    const alone = await probabilities(model.createStream(), audio);

    const a = model.createStream();
    const b = model.createStream();
    const silence = windowsOf(silenceAudio(3000));
    const interleaved = await Promise.all(
      windowsOf(audio).map((window, i) =>
        Promise.all([
          a.speechProbability(window),
          b.speechProbability(silence[i] ?? new Int16Array(VAD_WINDOW_SAMPLES)),
        ]).then(([p]) => p),
      ),
    );

    expect(interleaved).toEqual(alone);
  });

  it('judges windows of one stream in the order they were given', async () => {
    const audio = sentence();
    const sequential = await probabilities(model.createStream(), audio);
    const stream = model.createStream();

    const unawaited = await Promise.all(windowsOf(audio).map((w) => stream.speechProbability(w)));

    expect(unawaited).toEqual(sequential);
  });

  it('forgets what it heard on reset', async () => {
    const audio = sentence();
    const fresh = await probabilities(model.createStream(), audio);
    const stream = model.createStream();
    await probabilities(stream, spokenAudio('Something else first.'));

    stream.reset();

    expect(await probabilities(stream, audio)).toEqual(fresh);
  });

  it('rejects windows that are not 512 samples', async () => {
    await expect(model.createStream().speechProbability(new Int16Array(480))).rejects.toThrow(
      /512 samples, got 480/,
    );
  });

  it('names the path when the model file is missing', async () => {
    await expect(SileroVadModel.load({ modelPath: '/nowhere/silero_vad.onnx' })).rejects.toThrow(
      '/nowhere/silero_vad.onnx',
    );
  });
});
