import { loadConfig } from '../../../src/server/config.js';
import type { AudioFrame } from '../../../src/server/voice/audio/frame.js';
import { resample, type SampleRate } from '../../../src/server/voice/audio/resampler.js';
import { localProviderFactory } from '../../../src/server/voice/calls/local-provider-factory.js';
import type { AgentSession } from '../../../src/server/voice/providers/agent-session.js';
import { LocalVoiceEngine } from '../../../src/server/voice/providers/local/engine.js';
import { callSettingsSchema } from '../../../src/shared/chatbot-settings.js';
import { type FakeServer, startFakeServer } from '../../fakes/fake-http-server.js';
import { type OpenAIChatScript, openaiChatRoutes } from '../../fakes/openai-chat.js';
import { openaiTranscriptionServer } from '../../fakes/openai-transcriptions.js';
import type { RecordingCallerLeg } from '../../fakes/recording-caller-leg.js';
import { concatAudio, silenceAudio, spokenAudio } from '../../helpers/speech.js';
import { logger } from './runner/runner-world.js';
import type { AgentMove, VoiceProviderHarness } from './voice-provider-harness.js';

type ChatMessage = { role: string; content?: unknown; tool_call_id?: string };

// The caller's silence after speaking: longer than the engine's end-of-turn hang time.
const TRAILING_SILENCE_MS = 800;

/**
 * The local engine with its pluggable parts pointed at fakes of the
 * OpenAI-compatible transcription and chat APIs (to script what the caller
 * said and what the model answers), and its built-in parts real: Silero VAD
 * hears flite speech, flite speaks the answers.
 */
export function localHarness(): VoiceProviderHarness {
  let stt: FakeServer | undefined;
  let llm: FakeServer | undefined;
  let engine: LocalVoiceEngine | undefined;
  let config = loadConfig({});
  const transcripts: string[] = [];
  const chat: OpenAIChatScript = [];
  const said: string[] = [];
  const truncations: number[] = [];
  const callerAudio = { sampleRates: new Set<number>(), samples: 0 };
  let nextSpeech = 'Hello there.';

  const speakInto = (leg: RecordingCallerLeg, text: string, trailingSilenceMs: number): number => {
    const speech = concatAudio([spokenAudio(text), silenceAudio(trailingSilenceMs)]);
    const rate = leg.inputSampleRate as SampleRate;
    const samples = rate === 16000 ? speech.samples : resample(speech.samples, 16000, rate);
    return leg.sayAudio({ samples, sampleRate: rate });
  };
  const spy = (session: AgentSession): AgentSession => {
    const { say, truncate, sendAudio } = session;
    session.say = (text) => {
      said.push(text);
      say.call(session, text);
    };
    session.truncate = (responseId, playedMs) => {
      truncations.push(playedMs);
      truncate.call(session, responseId, playedMs);
    };
    session.sendAudio = (frame: AudioFrame) => {
      callerAudio.sampleRates.add(frame.sampleRate);
      callerAudio.samples += frame.samples.length;
      sendAudio.call(session, frame);
    };
    return session;
  };

  return {
    label: 'the local engine',
    provider: 'local',
    modelId: 'buzzi-local',
    inputSampleRate: 16000,
    truncation: true,
    canRefuseConnections: false,
    async start() {
      for (const list of [transcripts, chat, said, truncations]) list.length = 0;
      callerAudio.sampleRates.clear();
      callerAudio.samples = 0;
      stt = await startFakeServer(
        openaiTranscriptionServer({ texts: transcripts, queue: true }).routes,
      );
      llm = await startFakeServer(openaiChatRoutes(chat));
      config = loadConfig({
        LOCAL_STT_BASE_URL: `${stt.url}/v1`,
        LOCAL_LLM_BASE_URL: `${llm.url}/v1`,
        LOCAL_LLM_API_KEY: 'sk-local-llm',
        LOCAL_LLM_MODEL: 'llama-local',
      });
      engine = new LocalVoiceEngine({ config: config.localVoice, logger });
    },
    async close() {
      await engine?.close();
      await stt?.close();
      await llm?.close();
    },
    createSession(sessionConfig, world) {
      if (!engine) throw new Error('local harness not started');
      const build = localProviderFactory({
        engine,
        db: world.db,
        retriever: world.retriever,
        config,
        logger,
      });
      return spy(
        build({
          callId: sessionConfig.callId,
          companyId: world.companyId,
          chatbotId: world.chatbotId,
          source: 'web',
          chatModelId: null,
          settings: callSettingsSchema.parse({}),
        }).createSession(sessionConfig),
      );
    },
    // The local engine speaks exactly what it is asked to say.
    answerSay() {},
    scriptUtterance(transcript: string, move: AgentMove) {
      transcripts.push(transcript);
      nextSpeech = transcript;
      if ('say' in move) {
        chat.push({ text: [move.say] });
        return;
      }
      chat.push({ toolCalls: [{ name: move.toolCall.name, arguments: move.toolCall.args }] });
      chat.push({ text: [move.answer.say] });
    },
    speak: (leg) => speakInto(leg, nextSpeech, TRAILING_SILENCE_MS),
    // The caller is still talking when the test looks: their turn has not ended.
    bargeIn: (leg) => {
      speakInto(leg, 'Sorry, one more thing, if you have a moment', 0);
    },
    callerAudio: () => ({
      sampleRates: [...callerAudio.sampleRates],
      samples: callerAudio.samples,
    }),
    sayRequests: () => [...said],
    toolOutputs: () => {
      // Every later request repeats the history: each result counts once.
      const outputs = new Map<string, string>();
      for (const request of llm?.requests ?? []) {
        const { messages = [] } = request.body as { messages?: ChatMessage[] };
        for (const m of messages) {
          if (m.role === 'tool') outputs.set(m.tool_call_id ?? '', String(m.content ?? ''));
        }
      }
      return [...outputs.values()];
    },
    truncations: () => [...truncations],
    connectionAttempts: () => 0,
  };
}
