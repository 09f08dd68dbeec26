import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AudioFrame } from '../../../../src/server/voice/audio/frame.js';
import { decodeMulaw, encodeMulaw } from '../../../../src/server/voice/audio/g711.js';
import { resample } from '../../../../src/server/voice/audio/resampler.js';
import {
  type PhraseGrammar,
  type RecognitionMode,
  TranscriptionError,
  type TranscriptionStream,
} from '../../../../src/server/voice/providers/local/parts.js';
import { buildPhraseGrammar } from '../../../../src/server/voice/providers/local/stt/phrase-grammar.js';
import { PocketsphinxTranscriber } from '../../../../src/server/voice/providers/local/stt/pocketsphinx-transcriber.js';
import { concatAudio, framesOf, silenceAudio, spokenAudio } from '../../../helpers/speech.js';

const MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

const grammar = buildPhraseGrammar({
  titles: ['Opening Hours', 'Teeth Whitening', 'Dental Implants', 'Refund Policy'],
  headings: ['Emergency appointments', 'Payment plans', 'Gift cards', 'Parking'],
  endCallPhrase: 'Goodbye',
});

/** What a caller's voice sounds like after a phone line: 8 kHz μ-law, heard again at 16 kHz. */
function phoneAudio(audio: AudioFrame): AudioFrame {
  const line = decodeMulaw(encodeMulaw(resample(audio.samples, 16000, 8000)));
  return { samples: resample(line, 8000, 16000), sampleRate: 16000 };
}

/** Speech with a little silence around it, as the voice activity detector hands it over. */
function utterance(text: string, voice = 'rms'): AudioFrame {
  return concatAudio([silenceAudio(100), spokenAudio(text, voice), silenceAudio(200)]);
}

function writeFrames(stream: TranscriptionStream, audio: AudioFrame): void {
  for (const frame of framesOf(audio)) stream.write(frame.samples);
}

let transcriber: PocketsphinxTranscriber;

async function transcribe(
  audio: AudioFrame,
  mode: RecognitionMode,
  phrases: PhraseGrammar | null = null,
): Promise<string> {
  const stream = transcriber.open({ mode, grammar: phrases });
  writeFrames(stream, audio);
  return stream.finish();
}

beforeAll(async () => {
  transcriber = await PocketsphinxTranscriber.start({
    modelDir: MODEL_DIR,
    workers: 1,
    decodersPerWorker: 2,
    logger,
  });
});
afterAll(() => transcriber?.close());

describe('PocketsphinxTranscriber', () => {
  it('hears open-vocabulary speech in general mode', async () => {
    const audio = utterance('what are your business hours');
    const text = await transcribe(audio, 'general');
    expect(transcriber.engine).toBe('pocketsphinx');
    expect(text.split(' ')).toEqual(expect.arrayContaining(['business', 'hours']));
  });

  it('hears the intended phrase in grammar mode at 16 kHz', async () => {
    const audio = utterance('tell me about teeth whitening', 'slt');
    const text = await transcribe(audio, 'grammar', grammar);
    expect(text).toBe('tell me about teeth whitening');
    expect(await transcribe(utterance('i want to talk to a person'), 'grammar', grammar)).toBe(
      'i want to talk to a person',
    );
  });

  it('hears the intended phrase in grammar mode on μ-law phone audio', async () => {
    for (const phrase of ['what are your business hours', 'do you have gift cards', 'goodbye']) {
      expect(await transcribe(phoneAudio(utterance(phrase)), 'grammar', grammar)).toBe(phrase);
    }
  });

  it('ignores hesitations and politeness around a grammar phrase', async () => {
    const audio = utterance('um where are you located please');
    expect(await transcribe(audio, 'grammar', grammar)).toBe('where are you located please');
  });

  it('gives the same text for 20 ms frames as for one write', async () => {
    const audio = utterance('i want to talk to a person about my order');
    const whole = transcriber.open({ mode: 'general', grammar: null });
    whole.write(audio.samples);
    const wholeText = await whole.finish();
    expect(wholeText.split(' ')).toEqual(expect.arrayContaining(['talk', 'person', 'order']));
    expect(await transcribe(audio, 'general')).toBe(wholeText);
  });

  it('keeps two concurrent utterances on one worker apart', async () => {
    const first = transcriber.open({ mode: 'general', grammar: null });
    const second = transcriber.open({ mode: 'grammar', grammar });
    const a = framesOf(utterance('i would like to cancel my subscription'));
    const b = framesOf(utterance('where are you located'));
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const frameA = a[i];
      const frameB = b[i];
      if (frameA) first.write(frameA.samples);
      if (frameB) second.write(frameB.samples);
    }
    const [textA, textB] = await Promise.all([first.finish(), second.finish()]);
    expect(textA.split(' ')).toEqual(expect.arrayContaining(['cancel', 'subscription']));
    expect(textB).toBe('where are you located');
  });

  it('reads a frame the caller reuses as it was when written', async () => {
    const audio = utterance('goodbye');
    const stream = transcriber.open({ mode: 'grammar', grammar });
    const buffer = new Int16Array(320);
    for (const frame of framesOf(audio)) {
      buffer.set(frame.samples);
      stream.write(buffer);
      buffer.fill(0);
    }
    expect(await stream.finish()).toBe('goodbye');
  });

  it('gives an empty text for an utterance without speech', async () => {
    expect(await transcribe(silenceAudio(0), 'general')).toBe('');
    expect(await transcribe(silenceAudio(0), 'grammar', grammar)).toBe('');
  });

  it('drops a cancelled utterance and frees its decoder for the next', async () => {
    for (let i = 0; i < 3; i++) {
      const cancelled = transcriber.open({ mode: 'general', grammar: null });
      writeFrames(cancelled, utterance('what is your phone number'));
      cancelled.cancel();
    }
    expect(await transcribe(utterance('thank you'), 'grammar', grammar)).toBe('thank you');
  });

  it('serves more chatbots than grammars a decoder keeps', async () => {
    const topics = ['parking', 'gift cards', 'insurance', 'pricing', 'refunds', 'delivery'];
    const grammars = topics.map((topic) =>
      buildPhraseGrammar({ titles: [topic], headings: [], endCallPhrase: 'goodbye' }),
    );
    for (const [i, topic] of [...topics, topics[0]].entries()) {
      const phrases = grammars[i % topics.length] ?? null;
      const text = await transcribe(utterance(`do you have ${topic}`), 'grammar', phrases);
      expect(text).toBe(`do you have ${topic}`);
    }
  });

  it('falls back to the open vocabulary when no grammar word is in the dictionary', async () => {
    const unknown: PhraseGrammar = { key: 'unknown-words', phrases: ['zyxqv blorptang'] };
    const text = await transcribe(utterance('what are your business hours'), 'grammar', unknown);
    expect(text.split(' ')).toEqual(expect.arrayContaining(['business', 'hours']));
  });
});

describe('PocketsphinxTranscriber with every decoder busy', () => {
  it('holds the audio of a waiting utterance until a decoder frees', async () => {
    const single = await PocketsphinxTranscriber.start({
      modelDir: MODEL_DIR,
      workers: 1,
      decodersPerWorker: 1,
      logger,
    });
    try {
      const first = single.open({ mode: 'grammar', grammar });
      const waiting = single.open({ mode: 'grammar', grammar });
      const cancelledWhileWaiting = single.open({ mode: 'general', grammar: null });
      writeFrames(first, utterance('when are you open'));
      writeFrames(waiting, utterance('can i speak to someone'));
      writeFrames(cancelledWhileWaiting, utterance('hello'));
      cancelledWhileWaiting.cancel();
      const waited = waiting.finish();
      expect(await first.finish()).toBe('when are you open');
      expect(await waited).toBe('can i speak to someone');
    } finally {
      await single.close();
    }
  });
});

describe('PocketsphinxTranscriber failures', () => {
  it('rejects start with a TranscriptionError naming what is missing', async () => {
    const start = PocketsphinxTranscriber.start({
      modelDir: '/nonexistent/pocketsphinx',
      workers: 2,
      logger,
    });
    await expect(start).rejects.toBeInstanceOf(TranscriptionError);
    await expect(start).rejects.toThrow(/model .*\/nonexistent\/pocketsphinx/);
  });

  it('fails the utterances of a crashed worker and replaces it', async () => {
    const crashing = await PocketsphinxTranscriber.start({
      modelDir: MODEL_DIR,
      workers: 1,
      logger,
    });
    try {
      const inFlight = crashing.open({ mode: 'general', grammar: null });
      writeFrames(inFlight, utterance('hello'));
      // A grammar without phrases makes the worker throw: a bug in it, as far as the pool can tell.
      const broken = { key: 'broken' } as unknown as PhraseGrammar;
      crashing.open({ mode: 'grammar', grammar: broken });
      await expect(inFlight.finish()).rejects.toBeInstanceOf(TranscriptionError);
      expect(await transcribeWith(crashing, utterance('goodbye'))).toBe('goodbye');
    } finally {
      await crashing.close();
    }
  });

  it('fails utterances still open when it is closed', async () => {
    const closing = await PocketsphinxTranscriber.start({
      modelDir: MODEL_DIR,
      workers: 1,
      logger,
    });
    const stream = closing.open({ mode: 'general', grammar: null });
    writeFrames(stream, utterance('hello'));
    await closing.close();
    await expect(stream.finish()).rejects.toBeInstanceOf(TranscriptionError);
    await expect(closing.open({ mode: 'general', grammar: null }).finish()).rejects.toBeInstanceOf(
      TranscriptionError,
    );
  });
});

async function transcribeWith(target: PocketsphinxTranscriber, audio: AudioFrame): Promise<string> {
  const stream = target.open({ mode: 'grammar', grammar });
  writeFrames(stream, audio);
  return stream.finish();
}
