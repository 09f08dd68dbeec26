import type { Logger } from 'pino';
import type { CallSettings } from '../../../shared/chatbot-settings.js';
import type { AiProvider, CallSource } from '../../../shared/domain.js';
import type { Config } from '../../config.js';
import type { AgentProvider } from '../providers/agent-session.js';
import { GeminiLiveProvider } from '../providers/gemini/provider.js';
import { GEMINI_INPUT_SAMPLE_RATE } from '../providers/gemini/wire.js';
import { LOCAL_INPUT_RATE } from '../providers/local/parts.js';
import { pcm16Codec, pcmuCodec } from '../providers/openai/audio-codec.js';
import { OpenAIRealtimeProvider } from '../providers/openai/provider.js';
import { ProviderUnavailableError } from '../runner/provider-unavailable.js';

/** The `ai_models` row a call is answered by. */
export type CallModel = { id: string; provider: AiProvider; modelId: string };

/** The call a provider is built for: the local engine answers with the chatbot's own chat model and knowledge. */
export type CallContext = {
  callId: string;
  companyId: string;
  chatbotId: string;
  source: CallSource;
  /** ai_models.id of the chatbot's chat model, if it has one. */
  chatModelId: string | null;
  settings: CallSettings;
  /** The caller leg's wire codec (CallerLeg.codec): μ-law goes to a provider that takes it as it is. */
  callerCodec?: 'mulaw' | undefined;
  /** The call's logger (callId, companyId, nodeId); the app's when absent. */
  logger?: Logger | undefined;
};

/** Builds the agent provider for a call model; throws ProviderUnavailableError when it cannot. */
export type AgentProviderFactory = (model: CallModel, call: CallContext) => AgentProvider;

/**
 * The realtime brain of each `ai_models.provider`, keyed by the API keys and
 * base URLs in the configuration. Providers are built per call: they are
 * small, and a key changed by a restart is picked up without a cache.
 */
export function agentProviderFactory(options: {
  providers: Config['providers'];
  logger: Logger;
  /** The local voice engine for a call; absent where it is not wired (unit tests of other providers). */
  local?: ((call: CallContext) => AgentProvider) | undefined;
}): AgentProviderFactory {
  const { providers, local } = options;
  return (model, call) => {
    const logger = call.logger ?? options.logger;
    switch (model.provider) {
      case 'openai': {
        const { apiKey, baseUrl } = providers.openai;
        if (!apiKey) throw new ProviderUnavailableError(missingKey('OPENAI_API_KEY'));
        return new OpenAIRealtimeProvider({
          apiKey,
          baseUrl,
          model: model.modelId,
          codec: call.callerCodec === 'mulaw' ? pcmuCodec : pcm16Codec,
          logger,
        });
      }
      case 'gemini': {
        const { apiKey, baseUrl } = providers.gemini;
        if (!apiKey) throw new ProviderUnavailableError(missingKey('GEMINI_API_KEY'));
        return new GeminiLiveProvider({ apiKey, baseUrl, model: model.modelId, logger });
      }
      case 'local':
        if (!local) throw new ProviderUnavailableError('The local voice engine is not enabled');
        return local(call);
    }
  };
}

const missingKey = (variable: string) =>
  `Voice calls with this model need ${variable}, which is not set on the server`;

/**
 * The rate a provider listens at natively. Caller audio that arrives at it
 * goes to the provider without resampling, so a transport that can choose
 * (the browser) asks callers for it.
 */
export function providerInputSampleRate(provider: AiProvider): number {
  switch (provider) {
    case 'openai':
      return pcm16Codec.sampleRate;
    case 'gemini':
      return GEMINI_INPUT_SAMPLE_RATE;
    case 'local':
      return LOCAL_INPUT_RATE;
  }
}
