import type { Logger } from 'pino';
import type {
  AgentProvider,
  AgentSession,
  AgentSessionConfig,
  ProviderCapabilities,
} from '../agent-session.js';
import { pcm16Codec, type RealtimeAudioCodec } from './audio-codec.js';
import { OpenAIRealtimeSession } from './session.js';
import { DEFAULT_TRANSCRIPTION_MODEL } from './session-config.js';
import { realtimeUrl } from './socket.js';
import { OPENAI_VOICES } from './wire.js';

export const OPENAI_REALTIME_DEFAULT_MODEL = 'gpt-realtime';

export type OpenAIRealtimeProviderOptions = {
  apiKey: string;
  /** An OpenAI-compatible REST root including `/v1` (OPENAI_BASE_URL); api.openai.com when absent. */
  baseUrl?: string | undefined;
  model?: string;
  /** PCM16 at 24 kHz unless the caller's own audio is μ-law (`pcmuCodec`, a phone leg). */
  codec?: RealtimeAudioCodec;
  transcriptionModel?: string;
  /** Handshake plus session setup, per attempt. */
  connectTimeoutMs?: number;
  /** How long a `response.create` may go unanswered before it is given up. */
  responseCreateTimeoutMs?: number;
  logger?: Logger;
};

/**
 * OpenAI Realtime (GA) as an agent brain: server VAD, truncation, both
 * transcriptions, 24 kHz PCM16 (or 8 kHz μ-law) both ways. Connect retries
 * belong to the caller (connectWithRetry); sessions connect once per connect().
 */
export class OpenAIRealtimeProvider implements AgentProvider {
  readonly name = 'openai' as const;
  readonly capabilities: ProviderCapabilities;
  readonly #url: URL;
  readonly #codec: RealtimeAudioCodec;

  constructor(private readonly options: OpenAIRealtimeProviderOptions) {
    this.#url = realtimeUrl(options.baseUrl, options.model ?? OPENAI_REALTIME_DEFAULT_MODEL);
    this.#codec = options.codec ?? pcm16Codec;
    this.capabilities = Object.freeze({
      serverVad: true,
      truncation: true,
      inputTranscription: true,
      outputTranscription: true,
      inputSampleRate: this.#codec.sampleRate,
      outputSampleRate: this.#codec.sampleRate,
      voices: OPENAI_VOICES,
    });
  }

  createSession(config: AgentSessionConfig): AgentSession {
    return new OpenAIRealtimeSession({
      apiKey: this.options.apiKey,
      url: this.#url,
      config,
      capabilities: this.capabilities,
      codec: this.#codec,
      transcriptionModel: this.options.transcriptionModel ?? DEFAULT_TRANSCRIPTION_MODEL,
      connectTimeoutMs: this.options.connectTimeoutMs ?? 10_000,
      responseCreateTimeoutMs: this.options.responseCreateTimeoutMs ?? 10_000,
      logger: this.options.logger,
    });
  }
}
