import type { Config } from '../../../src/server/config.js';
import type { Database } from '../../../src/server/db/client.js';
import type { KnowledgeRetriever } from '../../../src/server/knowledge/retrieval.js';
import { agentProviderFactory } from '../../../src/server/voice/calls/provider-registry.js';
import type {
  AgentSession,
  AgentSessionConfig,
} from '../../../src/server/voice/providers/agent-session.js';
import { callSettingsSchema } from '../../../src/shared/chatbot-settings.js';
import {
  FAKE_GEMINI_KEY,
  type FakeGeminiLive,
  type GeminiLiveReply,
  startFakeGeminiLive,
} from '../../fakes/gemini-live-server.js';
import {
  FAKE_OPENAI_KEY,
  type FakeOpenAIRealtime,
  type FakeOpenAIRealtimeScript,
  startFakeOpenAIRealtime,
} from '../../fakes/openai-realtime-server.js';
import type { RecordingCallerLeg } from '../../fakes/recording-caller-leg.js';
import { localHarness } from './local-provider-harness.js';
import { logger } from './runner/runner-world.js';

const NO_PROVIDERS: Config['providers'] = {
  openai: { apiKey: undefined, baseUrl: undefined },
  gemini: { apiKey: undefined, baseUrl: undefined },
  twilioApiBaseUrl: undefined,
  metaGraphBaseUrl: undefined,
};

/** The company and chatbot a contract call belongs to, with the services a provider may use. */
export type HarnessWorld = {
  companyId: string;
  chatbotId: string;
  db: Database;
  retriever: KnowledgeRetriever;
};

const CONTRACT_MODEL_ROW = '00000000-0000-4000-8000-0000000000aa';

function remoteSession(
  harness: { provider: 'openai' | 'gemini'; modelId: string; providers: Config['providers'] },
  config: AgentSessionConfig,
  world: HarnessWorld,
): AgentSession {
  return agentProviderFactory({ providers: harness.providers, logger })(
    { id: CONTRACT_MODEL_ROW, provider: harness.provider, modelId: harness.modelId },
    {
      callId: config.callId,
      companyId: world.companyId,
      chatbotId: world.chatbotId,
      source: 'web',
      chatModelId: null,
      settings: callSettingsSchema.parse({}),
    },
  ).createSession(config);
}

/** What the agent does after a caller utterance. */
export type AgentMove =
  | { say: string }
  | { toolCall: { name: string; args: Record<string, unknown> }; answer: { say: string } };

/**
 * One realtime provider's fake server plus how to script it and read what
 * our code sent, so the contract suite runs unchanged against each provider.
 */
export type VoiceProviderHarness = {
  label: string;
  provider: 'openai' | 'gemini' | 'local';
  modelId: string;
  inputSampleRate: number;
  truncation: boolean;
  /** Whether the fake can refuse connections (the local engine has no connection to refuse). */
  canRefuseConnections: boolean;
  start(options?: { refuseConnects?: number }): Promise<void>;
  close(): Promise<void>;
  /** A session of this provider for a call of the world's chatbot. */
  createSession(config: AgentSessionConfig, world: HarnessWorld): AgentSession;
  /** The agent's spoken answer to the runner's next say(); `long` keeps it playing for a while. */
  answerSay(text: string, options?: { long?: boolean }): void;
  /** The caller's next utterance (its transcript) and the agent's move. */
  scriptUtterance(transcript: string, move: AgentMove): void;
  /** Caller audio that makes the provider's VAD detect the scripted utterance; returns the ms sent. */
  speak(leg: RecordingCallerLeg): number;
  /** Caller audio that cuts into an answer in flight. */
  bargeIn(leg: RecordingCallerLeg): void;
  callerAudio(): { sampleRates: number[]; samples: number };
  /** Texts the runner asked the provider to say, as they arrived on the wire. */
  sayRequests(): string[];
  toolOutputs(): string[];
  /** `audio_end_ms` of every truncation the provider received. */
  truncations(): number[];
  connectionAttempts(): number;
};

function openaiHarness(): VoiceProviderHarness {
  let fake: FakeOpenAIRealtime | undefined;
  const script: Required<Pick<FakeOpenAIRealtimeScript, 'turns' | 'replies' | 'refuse'>> = {
    turns: [],
    replies: [],
    refuse: [],
  };
  const running = () => {
    if (!fake) throw new Error('fake OpenAI Realtime not started');
    return fake;
  };
  return {
    label: 'OpenAI Realtime',
    provider: 'openai',
    modelId: 'gpt-realtime',
    inputSampleRate: 24000,
    truncation: true,
    canRefuseConnections: true,
    createSession: (config, world) =>
      remoteSession(
        {
          provider: 'openai',
          modelId: 'gpt-realtime',
          providers: {
            ...NO_PROVIDERS,
            openai: { apiKey: FAKE_OPENAI_KEY, baseUrl: running().url },
          },
        },
        config,
        world,
      ),
    async start(options = {}) {
      script.turns.length = 0;
      script.replies.length = 0;
      script.refuse.splice(
        0,
        script.refuse.length,
        ...Array(options.refuseConnects ?? 0).fill(500),
      );
      fake = await startFakeOpenAIRealtime(script);
    },
    close: async () => fake?.close(),
    answerSay(text, options = {}) {
      script.replies.push({ say: text, audioMs: options.long ? 3000 : 600 });
    },
    scriptUtterance(transcript, move) {
      if ('say' in move) {
        script.turns.push({ transcript, reply: { say: move.say } });
        return;
      }
      script.turns.push({
        transcript,
        reply: {
          toolCall: { name: move.toolCall.name, arguments: JSON.stringify(move.toolCall.args) },
        },
      });
      script.replies.push({ say: move.answer.say });
    },
    speak: (leg) => {
      leg.speak(400);
      return 400;
    },
    bargeIn(leg) {
      script.turns.push({ transcript: 'Sorry, one more thing.' });
      leg.speak(400);
    },
    callerAudio: () => ({ sampleRates: [24000], samples: running().callerAudio().length }),
    sayRequests: () =>
      running()
        .eventsOf('response.create')
        .map((e) =>
          String((e.response as { instructions?: string } | undefined)?.instructions ?? ''),
        )
        .filter(Boolean),
    toolOutputs: () =>
      running()
        .eventsOf('conversation.item.create')
        .map((e) => e.item as { type: string; output?: string })
        .filter((item) => item.type === 'function_call_output')
        .map((item) => item.output ?? ''),
    truncations: () =>
      running()
        .sentOf('conversation.item.truncated')
        .map((e) => Number(e.audio_end_ms)),
    connectionAttempts: () => running().handshakes.length,
  };
}

function geminiHarness(): VoiceProviderHarness {
  let fake: FakeGeminiLive | undefined;
  // The fake copies its script at start; each of its turns asks this queue, which tests fill as they go.
  const replies: GeminiLiveReply[] = [];
  const fromQueue = () => Array.from({ length: 100 }, () => () => replies.shift() ?? {});
  const running = () => {
    if (!fake) throw new Error('fake Gemini Live not started');
    return fake;
  };
  const messages = () => running().connections.flatMap((c) => c.messages);
  const spoken = (text: string, long = false): GeminiLiveReply => ({
    agentText: long ? text.split(/(?<=\s)/) : [text],
    ...(long ? { chunkIntervalMs: 25 } : {}),
  });
  return {
    label: 'Gemini Live',
    provider: 'gemini',
    modelId: 'gemini-3.8-live',
    inputSampleRate: 16000,
    truncation: false,
    canRefuseConnections: true,
    createSession: (config, world) =>
      remoteSession(
        {
          provider: 'gemini',
          modelId: 'gemini-3.8-live',
          providers: {
            ...NO_PROVIDERS,
            gemini: { apiKey: FAKE_GEMINI_KEY, baseUrl: running().url },
          },
        },
        config,
        world,
      ),
    async start(options = {}) {
      replies.length = 0;
      fake = await startFakeGeminiLive({
        replies: fromQueue(),
        // Google reports an internal failure as a close right after the upgrade.
        refuseConnections: Array.from({ length: options.refuseConnects ?? 0 }, () => ({
          closeCode: 1011,
          reason: 'Internal error encountered.',
        })),
      });
    },
    close: async () => fake?.close(),
    answerSay(text, options = {}) {
      replies.push(spoken(text, options.long));
    },
    scriptUtterance(transcript, move) {
      if ('say' in move) {
        replies.push({ callerText: [transcript], ...spoken(move.say) });
        return;
      }
      replies.push({
        callerText: [transcript],
        toolCalls: [{ name: move.toolCall.name, args: move.toolCall.args }],
      });
      replies.push(spoken(move.answer.say));
    },
    speak(leg) {
      leg.speak(400);
      leg.silence(600);
      return 1000;
    },
    bargeIn: (leg) => leg.speak(100),
    callerAudio: () => {
      const connection = running().connections.at(-1);
      return {
        sampleRates: connection?.audio.sampleRates ?? [],
        samples: connection?.audio.samples ?? 0,
      };
    },
    sayRequests: () =>
      messages()
        .map(
          (m) =>
            m.clientContent as { turns?: Array<{ parts: Array<{ text?: string }> }> } | undefined,
        )
        .filter((content) => content !== undefined)
        .map((content) =>
          (content.turns ?? []).flatMap((t) => t.parts.map((p) => p.text ?? '')).join(' '),
        ),
    toolOutputs: () =>
      messages()
        .map(
          (m) =>
            m.toolResponse as
              | { functionResponses: Array<{ response: { output?: string } }> }
              | undefined,
        )
        .filter((response) => response !== undefined)
        .flatMap((response) =>
          response.functionResponses.map((r) => String(r.response.output ?? '')),
        ),
    truncations: () => [],
    connectionAttempts: () => running().connections.length,
  };
}

export function voiceProviderHarnesses(): VoiceProviderHarness[] {
  return [openaiHarness(), geminiHarness(), localHarness()];
}
