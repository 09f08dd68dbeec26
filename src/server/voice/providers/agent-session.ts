import type { EventEmitter } from 'node:events';
import type { AudioFrame } from '../audio/frame.js';

/** What a realtime brain can do, so the runner never calls what would only warn. */
export type ProviderCapabilities = {
  /** Detects the caller's turns itself (emits speech.started / speech.stopped). */
  serverVad: boolean;
  /** Can drop the unheard tail of its last answer (truncate). */
  truncation: boolean;
  inputTranscription: boolean;
  outputTranscription: boolean;
  /** Rates the session takes and produces; the runner resamples around them. */
  inputSampleRate: number;
  outputSampleRate: number;
  voices: readonly string[];
};

export type ToolDefinition = {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
};

export type AgentSessionConfig = {
  instructions: string;
  voice: string;
  /** 0.5–2.0; providers clamp to what they support. */
  speed: number;
  tools: ToolDefinition[];
  vad: { threshold: number; prefixPaddingMs: number; silenceDurationMs: number };
  inputTranscription: boolean;
  /** Identifies the call in provider logs; never secret. */
  callId: string;
};

export type Speaker = 'caller' | 'agent';

export type AgentSessionEvents = {
  /** The provider's VAD heard the caller start / stop. */
  'speech.started': [];
  'speech.stopped': [];
  /** A new agent answer begins; its audio and transcript carry this id. */
  'response.started': [{ responseId: string }];
  audio: [{ responseId: string; frame: AudioFrame }];
  'response.done': [{ responseId: string; status: 'completed' | 'cancelled' | 'failed' }];
  'transcript.delta': [{ speaker: Speaker; text: string }];
  'transcript.final': [{ speaker: Speaker; text: string }];
  'tool.call': [{ callId: string; name: string; arguments: Record<string, unknown> }];
  usage: [
    { inputTokens: number; outputTokens: number; inputAudioMs?: number; outputAudioMs?: number },
  ];
  /** fatal: the session is unusable and will close. */
  error: [{ code: string; message: string; fatal: boolean }];
  closed: [{ reason: string }];
};

/**
 * One live conversation with a realtime brain (OpenAI Realtime, Gemini Live,
 * the local engine). Providers map their wire events onto this and know
 * nothing of call policy.
 */
export interface AgentSession extends EventEmitter<AgentSessionEvents> {
  readonly capabilities: ProviderCapabilities;
  /** Opens the connection and applies the config; rejects when it cannot. */
  connect(): Promise<void>;
  sendAudio(frame: AudioFrame): void;
  /** Stops the answer in flight. */
  cancelResponse(): void;
  /** Tells the provider the caller heard only the first `playedMs` of the current answer. */
  truncate(responseId: string, playedMs: number): void;
  /** Speaks exactly this text (greeting, "are you still there?", closing line). */
  say(text: string): void;
  sendToolResult(callId: string, output: string): void;
  /**
   * Adds to the conversation what was said while the agent was away (a
   * person had the call), without answering it.
   */
  remember(text: string): void;
  close(): Promise<void>;
}

export interface AgentProvider {
  readonly name: 'openai' | 'gemini' | 'local';
  readonly capabilities: ProviderCapabilities;
  createSession(config: AgentSessionConfig): AgentSession;
}
