import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AudioFrame } from '../../../../src/server/voice/audio/frame.js';
import { SileroVadModel } from '../../../../src/server/voice/providers/local/vad/silero-vad.js';
import {
  SpeechDetector,
  type SpeechDetectorOptions,
} from '../../../../src/server/voice/providers/local/vad/speech-detector.js';
import { concatAudio, silenceAudio, spokenAudio } from '../../../helpers/speech.js';
import { mixAudio, voicedSpanMs, whiteNoise } from './vad-audio.js';

let model: SileroVadModel;

beforeAll(async () => {
  model = await SileroVadModel.load();
});

afterAll(async () => {
  await model.close();
});

type Utterance = {
  startMs: number;
  preRoll: Int16Array;
  audio: Int16Array[];
  end: { speechMs: number; endMs: number } | null;
};

type Options = Partial<Omit<SpeechDetectorOptions, 'vad'>>;

function listen(detector: SpeechDetector): { utterances: Utterance[]; errors: Error[] } {
  const utterances: Utterance[] = [];
  const errors: Error[] = [];
  detector.on('speech.start', ({ preRoll, startMs }) => {
    utterances.push({ startMs, preRoll, audio: [], end: null });
  });
  detector.on('audio', (samples) => utterances.at(-1)?.audio.push(samples));
  detector.on('speech.end', (end) => {
    const current = utterances.at(-1);
    if (current) current.end = end;
  });
  detector.on('error', (error) => errors.push(error));
  return { utterances, errors };
}

async function detect(audio: AudioFrame, options: Options = {}, frameSamples = 320) {
  const detector = new SpeechDetector({ vad: model.createStream(), threshold: 0.5, ...options });
  const heard = listen(detector);
  for (let at = 0; at < audio.samples.length; at += frameSamples) {
    detector.push(audio.samples.subarray(at, at + frameSamples));
  }
  await detector.flush();
  return heard.utterances;
}

const joined = (parts: Int16Array[]) =>
  concatAudio(parts.map((samples) => ({ samples, sampleRate: 16000 }))).samples;

/** Speech between silences, with the voice's real span on the padded timeline. */
function padded(speech: AudioFrame, beforeMs = 1000, afterMs = 1000) {
  const span = voicedSpanMs(speech);
  return {
    audio: concatAudio([silenceAudio(beforeMs), speech, silenceAudio(afterMs)]),
    voiceStartMs: beforeMs + span.startMs,
    voiceEndMs: beforeMs + span.endMs,
  };
}

const booking = () => spokenAudio('Hello, I would like to book a table for two tonight.');

describe('SpeechDetector', () => {
  it('finds one utterance where the voice starts and stops', async () => {
    const { audio, voiceStartMs, voiceEndMs } = padded(booking());

    const utterances = await detect(audio);

    expect(utterances).toHaveLength(1);
    const [utterance] = utterances;
    expect(Math.abs((utterance?.startMs ?? 0) - voiceStartMs)).toBeLessThanOrEqual(200);
    expect(Math.abs((utterance?.end?.endMs ?? 0) - voiceEndMs)).toBeLessThanOrEqual(200);
    expect(utterance?.end?.speechMs).toBe((utterance?.end?.endMs ?? 0) - (utterance?.startMs ?? 0));
  });

  it('finds two utterances a second apart', async () => {
    const audio = concatAudio([
      silenceAudio(500),
      spokenAudio('Do you have a table free tonight?'),
      silenceAudio(1000),
      spokenAudio('For two people, please.'),
      silenceAudio(1000),
    ]);

    const utterances = await detect(audio);

    expect(utterances.map((u) => u.end !== null)).toEqual([true, true]);
  });

  it('hears nothing in silence and low noise', async () => {
    const audio = concatAudio([silenceAudio(2000), whiteNoise(3000, 300), whiteNoise(2000, 1000)]);

    expect(await detect(audio)).toEqual([]);
  });

  it('ignores a burst of voice shorter than minSpeechMs', async () => {
    // The first 96 ms of a word: the model rates it speech for about three windows.
    const yes = spokenAudio('Yes.');
    const onset = Math.round((voicedSpanMs(yes).startMs * 16000) / 1000);
    const burst = { samples: yes.samples.slice(onset, onset + 1536), sampleRate: 16000 };
    const audio = concatAudio([silenceAudio(500), burst, silenceAudio(1000)]);

    expect(await detect(audio, { minSpeechMs: 160 })).toEqual([]);
    expect(await detect(audio, { minSpeechMs: 32 })).toHaveLength(1);
  });

  it('hears quiet speech in noise at threshold 0.3 but not at 0.9', async () => {
    const speech = concatAudio([silenceAudio(500), spokenAudio('Yes.'), silenceAudio(1000)]);
    const quietInNoise = mixAudio(speech, 0.05, whiteNoise(3000, 200));

    expect(await detect(quietInNoise, { threshold: 0.3 })).toHaveLength(1);
    expect(await detect(quietInNoise, { threshold: 0.9 })).toEqual([]);
  });

  it('gives the same result whatever the frame size', async () => {
    const audio = concatAudio([
      padded(booking()).audio,
      spokenAudio('For two people, please.'),
      silenceAudio(1000),
    ]);

    const byWindow = await detect(audio, {}, 512);
    expect(byWindow).toHaveLength(2);
    for (const frameSamples of [160, 333, 4096, audio.samples.length]) {
      expect(await detect(audio, {}, frameSamples)).toEqual(byWindow);
    }
  });

  it('hands over the prefix padding and the speech so far as pre-roll', async () => {
    const { audio } = padded(booking());

    for (const prefixPaddingMs of [300, 100]) {
      const [utterance] = await detect(audio, { prefixPaddingMs, minSpeechMs: 160 });

      const startSample = ((utterance?.startMs ?? 0) * 16000) / 1000;
      const prefixSamples = (prefixPaddingMs * 16000) / 1000;
      // Speech is confirmed at the end of the first whole window past 160 ms (2560 samples).
      const speechSoFar = Math.ceil(2560 / 512) * 512;
      expect(utterance?.preRoll).toEqual(
        audio.samples.slice(startSample - prefixSamples, startSample + speechSoFar),
      );
    }
  });

  it('passes on pre-roll and audio that together cover the speech without gaps', async () => {
    const { audio, voiceStartMs, voiceEndMs } = padded(booking());

    const [utterance] = await detect(audio);

    const heard = joined([utterance?.preRoll ?? new Int16Array(), ...(utterance?.audio ?? [])]);
    const firstSample = ((utterance?.startMs ?? 0) - 300) * 16;
    expect(heard).toEqual(audio.samples.slice(firstSample, firstSample + heard.length));
    expect(firstSample / 16).toBeLessThan(voiceStartMs);
    expect((firstSample + heard.length) / 16).toBeGreaterThan(voiceEndMs);
  });

  it('starts over on reset and ignores audio after close', async () => {
    const { audio } = padded(booking());
    const fresh = await detect(audio);
    const detector = new SpeechDetector({ vad: model.createStream(), threshold: 0.5 });
    const { utterances } = listen(detector);
    detector.push(spokenAudio('Something else first.').samples);
    await detector.flush();

    detector.reset();
    utterances.length = 0;
    detector.push(audio.samples);
    await detector.flush();
    expect(utterances).toEqual(fresh);

    detector.close();
    detector.push(audio.samples);
    await detector.flush();
    expect(utterances).toEqual(fresh);
  });

  it('reports a failing model as an error event and keeps going', async () => {
    const broken = await SileroVadModel.load();
    await broken.close();
    const detector = new SpeechDetector({ vad: broken.createStream(), threshold: 0.5 });
    const { utterances, errors } = listen(detector);

    expect(() => detector.push(booking().samples)).not.toThrow();
    await detector.flush();

    expect(errors.length).toBeGreaterThan(0);
    expect(utterances).toEqual([]);
  });
});
