import type { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/server/config.js';
import type { AgentSessionEvents } from '../../../../src/server/voice/providers/agent-session.js';
import { OfflineBrain } from '../../../../src/server/voice/providers/local/brain/offline-brain.js';
import { LocalVoiceEngine } from '../../../../src/server/voice/providers/local/engine.js';
import { LocalVoiceProvider } from '../../../../src/server/voice/providers/local/provider.js';
import { buildPhraseGrammar } from '../../../../src/server/voice/providers/local/stt/phrase-grammar.js';
import { type FakeServer, startFakeServer } from '../../../fakes/fake-http-server.js';
import { openaiSpeechRoutes } from '../../../fakes/openai-speech.js';
import { logger } from '../runner/runner-world.js';

const WRITTEN =
  '## Opening hours\n- We are open **Mon–Fri** 8:00–18:00; call +1 555 0199 to book. Whitening costs €290.';

describe('the local engine speaks answers written for the ear', () => {
  let speech: FakeServer;
  let engine: LocalVoiceEngine;
  beforeAll(async () => {
    speech = await startFakeServer(openaiSpeechRoutes({ apiKey: 'sk-tts' }));
    engine = new LocalVoiceEngine({
      config: loadConfig({
        LOCAL_TTS_BASE_URL: `${speech.url}/v1`,
        LOCAL_TTS_API_KEY: 'sk-tts',
        LOCAL_TTS_MODEL: 'kokoro',
        LOCAL_TTS_VOICES: 'af_heart',
      }).localVoice,
      logger,
    });
  });
  afterAll(async () => {
    await engine.close();
    await speech.close();
  });

  it('sends the spoken form to the synthesizer and keeps the written form in the transcript', async () => {
    const provider = new LocalVoiceProvider({
      engine,
      logger,
      call: {
        recognition: 'general',
        grammar: async () => buildPhraseGrammar({ titles: [], headings: [], endCallPhrase: 'bye' }),
        brain: async () => new OfflineBrain({ search: null, endCallPhrase: 'bye' }),
      },
    });
    const session = provider.createSession({
      instructions: 'You are the front desk.',
      voice: 'af_heart',
      speed: 1,
      tools: [],
      vad: { threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 500 },
      inputTranscription: true,
      callId: 'spoken-answers-test',
    });
    const finals: Array<{ speaker: string; text: string }> = [];
    (session as unknown as EventEmitter<AgentSessionEvents>).on('transcript.final', (t) =>
      finals.push(t),
    );
    await session.connect();
    session.say(WRITTEN);
    const deadline = Date.now() + 15_000;
    while (finals.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await session.close();

    const heard = speech.requests.map((r) => (r.body as { input: string }).input);
    expect(heard).toEqual([
      'Opening hours.',
      'We are open Monday to Friday 8 AM to 6 PM. Call plus 1, 5 5 5, 0 1 9 9 to book.',
      'Whitening costs 290 euros.',
    ]);
    expect(finals).toEqual([
      {
        speaker: 'agent',
        text: '## Opening hours - We are open **Mon–Fri** 8:00–18:00; call +1 555 0199 to book. Whitening costs €290.',
      },
    ]);
  }, 30_000);
});
