import type { EventEmitter } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/server/config.js';
import type { RetrievedChunk } from '../../../../src/server/knowledge/retrieval.js';
import type { AudioFrame } from '../../../../src/server/voice/audio/frame.js';
import { decodeMulaw, encodeMulaw } from '../../../../src/server/voice/audio/g711.js';
import { resample } from '../../../../src/server/voice/audio/resampler.js';
import type {
  AgentSession,
  AgentSessionConfig,
  AgentSessionEvents,
} from '../../../../src/server/voice/providers/agent-session.js';
import { OfflineBrain } from '../../../../src/server/voice/providers/local/brain/offline-brain.js';
import { LocalVoiceEngine } from '../../../../src/server/voice/providers/local/engine.js';
import type { RecognitionMode } from '../../../../src/server/voice/providers/local/parts.js';
import { LocalVoiceProvider } from '../../../../src/server/voice/providers/local/provider.js';
import { NOT_UNDERSTOOD } from '../../../../src/server/voice/providers/local/session.js';
import { buildPhraseGrammar } from '../../../../src/server/voice/providers/local/stt/phrase-grammar.js';
import { type FakeServer, startFakeServer } from '../../../fakes/fake-http-server.js';
import { FAKE_SPEECH_SAMPLE_RATE, openaiSpeechRoutes } from '../../../fakes/openai-speech.js';
import { openaiTranscriptionServer } from '../../../fakes/openai-transcriptions.js';
import { concatAudio, framesOf, silenceAudio, spokenAudio } from '../../../helpers/speech.js';
import { logger } from '../runner/runner-world.js';

const HOURS = 'Our business hours are Monday to Friday from 8 am to 6 pm.';

const hoursChunk: RetrievedChunk = {
  chunkId: 'c1',
  documentId: 'd1',
  documentTitle: 'Business hours',
  heading: 'Business hours',
  content: HOURS,
  score: 1,
  textRank: 1,
};

const sessionConfig: AgentSessionConfig = {
  instructions: 'You are the front desk.',
  voice: 'not-a-voice-here',
  speed: 1,
  tools: [],
  vad: { threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 500 },
  inputTranscription: true,
  callId: 'local-session-test',
};

/** Every event a session emits, in order, for assertions. */
function record(session: AgentSession) {
  const events: Array<{ name: keyof AgentSessionEvents; args: unknown[] }> = [];
  const original = session.emit.bind(session) as EventEmitter['emit'];
  (session as unknown as EventEmitter).emit = (name: string, ...args: unknown[]) => {
    events.push({ name: name as keyof AgentSessionEvents, args });
    return original(name, ...args);
  };
  return events;
}

function sessionOf(engine: LocalVoiceEngine, recognition: RecognitionMode) {
  const searches: string[] = [];
  const provider = new LocalVoiceProvider({
    engine,
    logger,
    call: {
      recognition,
      grammar: async () =>
        buildPhraseGrammar({ titles: ['Business hours'], headings: [], endCallPhrase: 'goodbye' }),
      brain: async () =>
        new OfflineBrain({
          search: async (query) => {
            searches.push(query);
            return [hoursChunk];
          },
          endCallPhrase: 'goodbye',
        }),
    },
  });
  const session = provider.createSession(sessionConfig);
  return { session, searches, events: record(session), provider };
}

const feed = (session: AgentSession, audio: AudioFrame) => {
  for (const frame of framesOf(audio)) session.sendAudio(frame);
};

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The frame of a session's first `audio` event. */
function firstFrame(events: Array<{ name: string; args: unknown[] }>): AudioFrame {
  const audio = events.find((e) => e.name === 'audio');
  if (!audio) throw new Error('no audio');
  return (audio.args[0] as { frame: AudioFrame }).frame;
}

const texts = (events: Array<{ name: string; args: unknown[] }>, speaker: 'caller' | 'agent') =>
  events
    .filter((e) => e.name === 'transcript.final')
    .map((e) => e.args[0] as { speaker: string; text: string })
    .filter((t) => t.speaker === speaker)
    .map((t) => t.text);

describe('the local engine session with its built-in parts', () => {
  let engine: LocalVoiceEngine;
  let session: AgentSession | undefined;
  beforeAll(() => {
    engine = new LocalVoiceEngine({ config: loadConfig({}).localVoice, logger });
  });
  afterEach(() => session?.close());
  afterAll(() => engine.close());

  it('hears a phone caller through the phrase grammar and answers from the knowledge', async () => {
    const built = sessionOf(engine, 'grammar');
    session = built.session;
    await session.connect();
    const speech = spokenAudio('What are your business hours?');
    // The phone line: 8 kHz μ-law, back up to 16 kHz as the call runner does.
    const line = resample(
      decodeMulaw(encodeMulaw(resample(speech.samples, 16000, 8000))),
      8000,
      16000,
    );
    feed(session, concatAudio([{ samples: line, sampleRate: 16000 }, silenceAudio(800)]));
    await until(() => texts(built.events, 'agent').length === 1);
    expect(texts(built.events, 'caller')).toEqual(['what are your business hours']);
    expect(built.searches).toEqual(['what are your business hours']);
    expect(texts(built.events, 'agent')).toEqual([HOURS]);
    const names = built.events.map((e) => e.name);
    expect(names.indexOf('speech.started')).toBeLessThan(names.indexOf('speech.stopped'));
    expect(names.indexOf('response.started')).toBeLessThan(names.indexOf('audio'));
    const audio = built.events.filter((e) => e.name === 'audio');
    const frame = firstFrame(built.events);
    // An unknown voice falls back to flite's default; flite speaks at 16 kHz in 20 ms frames.
    expect(frame).toMatchObject({ sampleRate: 16000 });
    expect(frame.samples.length).toBe(320);
    expect(audio.length * 20).toBeGreaterThan(2000);
  }, 30_000);

  it('stops speaking at once when told to cancel, and says nothing for noise-free silence', async () => {
    const built = sessionOf(engine, 'general');
    session = built.session;
    await session.connect();
    feed(session, silenceAudio(2000));
    session.say('This is a long sentence about our opening hours. And here is a second one.');
    await until(() => built.events.some((e) => e.name === 'audio'));
    const frames = () => built.events.filter((e) => e.name === 'audio').length;
    const framesAtCancel = frames();
    session.cancelResponse();
    await until(() => built.events.some((e) => e.name === 'response.done'));
    const done = built.events.find((e) => e.name === 'response.done');
    expect(done?.args[0]).toMatchObject({ status: 'cancelled' });
    // response.done comes after the last frame of its answer.
    expect(frames()).toBe(framesAtCancel);
    expect(texts(built.events, 'agent')).toEqual([]);
    expect(built.events.some((e) => e.name === 'speech.started')).toBe(false);
  }, 30_000);
});

describe('the local engine with an OpenAI-compatible speech server', () => {
  let speech: FakeServer;
  let engine: LocalVoiceEngine;
  beforeAll(async () => {
    speech = await startFakeServer(openaiSpeechRoutes({ apiKey: 'sk-tts' }));
    engine = new LocalVoiceEngine({
      config: loadConfig({
        LOCAL_TTS_BASE_URL: `${speech.url}/v1`,
        LOCAL_TTS_API_KEY: 'sk-tts',
        LOCAL_TTS_MODEL: 'kokoro',
        LOCAL_TTS_VOICES: 'af_heart,am_adam',
      }).localVoice,
      logger,
    });
  });
  afterAll(async () => {
    await engine.close();
    await speech.close();
  });

  it('speaks at the server rate in the chosen voice, one request per sentence', async () => {
    const built = sessionOf(engine, 'general');
    expect(built.provider.capabilities).toMatchObject({
      outputSampleRate: FAKE_SPEECH_SAMPLE_RATE,
      voices: ['af_heart', 'am_adam'],
    });
    const session = built.provider.createSession({ ...sessionConfig, voice: 'am_adam' });
    const events = record(session);
    await session.connect();
    session.say('Hello there. We are open today.');
    await until(() => texts(events, 'agent').length === 1);
    await session.close();
    expect(texts(events, 'agent')).toEqual(['Hello there. We are open today.']);
    const bodies = speech.requests.map((r) => r.body as Record<string, unknown>);
    expect(bodies).toEqual([
      expect.objectContaining({ model: 'kokoro', voice: 'am_adam', input: 'Hello there.' }),
      expect.objectContaining({ model: 'kokoro', voice: 'am_adam', input: 'We are open today.' }),
    ]);
    const frame = firstFrame(events);
    expect(frame.sampleRate).toBe(24000);
  }, 30_000);
});

describe('the local engine when speech-to-text hears no words', () => {
  let stt: FakeServer;
  let engine: LocalVoiceEngine;
  beforeAll(async () => {
    stt = await startFakeServer(openaiTranscriptionServer({ texts: [] }).routes);
    engine = new LocalVoiceEngine({
      config: loadConfig({ LOCAL_STT_BASE_URL: `${stt.url}/v1` }).localVoice,
      logger,
    });
  });
  afterAll(async () => {
    await engine.close();
    await stt.close();
  });

  it('asks the caller to say it again', async () => {
    const built = sessionOf(engine, 'general');
    await built.session.connect();
    feed(built.session, concatAudio([spokenAudio('Mumble mumble.'), silenceAudio(800)]));
    await until(() => texts(built.events, 'agent').length === 1);
    expect(texts(built.events, 'agent')).toEqual([NOT_UNDERSTOOD]);
    expect(texts(built.events, 'caller')).toEqual([]);
    expect(built.searches).toEqual([]);
    await built.session.close();
  }, 30_000);
});
