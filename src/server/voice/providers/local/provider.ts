import type { Logger } from 'pino';
import type { AgentProvider, AgentSessionConfig, ProviderCapabilities } from '../agent-session.js';
import type { LocalVoiceEngine } from './engine.js';
import { LOCAL_INPUT_RATE } from './parts.js';
import { LocalAgentSession, type LocalCallContext } from './session.js';

/** The local voice engine as an agent provider, for one call's context. */
export class LocalVoiceProvider implements AgentProvider {
  readonly name = 'local' as const;
  readonly capabilities: ProviderCapabilities;

  constructor(
    private readonly options: { engine: LocalVoiceEngine; call: LocalCallContext; logger: Logger },
  ) {
    const { synthesizer } = options.engine;
    this.capabilities = {
      serverVad: true,
      truncation: true,
      inputTranscription: true,
      outputTranscription: true,
      inputSampleRate: LOCAL_INPUT_RATE,
      outputSampleRate: synthesizer.sampleRate,
      voices: synthesizer.voices.map((voice) => voice.id),
    };
  }

  createSession(config: AgentSessionConfig): LocalAgentSession {
    const { engine, call, logger } = this.options;
    const { synthesizer } = engine;
    const voice = synthesizer.voices.some((v) => v.id === config.voice)
      ? config.voice
      : synthesizer.defaultVoice;
    return new LocalAgentSession({
      parts: () => engine.parts(),
      call,
      config: { ...config, voice },
      capabilities: this.capabilities,
      logger,
    });
  }
}
