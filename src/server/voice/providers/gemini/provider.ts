import type { Logger } from 'pino';
import type {
  AgentProvider,
  AgentSession,
  AgentSessionConfig,
  ProviderCapabilities,
} from '../agent-session.js';
import { GEMINI_DEFAULT_BASE_URL } from './live-connection.js';
import { GeminiLiveSession } from './session.js';
import { GEMINI_INPUT_SAMPLE_RATE, GEMINI_OUTPUT_SAMPLE_RATE } from './wire.js';

/**
 * The 30 prebuilt voices Google's Live API voice page lists (the page that
 * names gemini-3.8-live, on Vertex AI); the Developer API is assumed to offer
 * the same set, and which voice every Live model supports is unconfirmed
 * (PROTOCOLS.md §2.7).
 */
export const GEMINI_LIVE_VOICES = [
  'Zephyr',
  'Puck',
  'Charon',
  'Kore',
  'Fenrir',
  'Leda',
  'Orus',
  'Aoede',
  'Callirrhoe',
  'Autonoe',
  'Enceladus',
  'Iapetus',
  'Umbriel',
  'Algieba',
  'Despina',
  'Erinome',
  'Algenib',
  'Rasalgethi',
  'Laomedeia',
  'Achernar',
  'Alnilam',
  'Schedar',
  'Gacrux',
  'Pulcherrima',
  'Achird',
  'Zubenelgenubi',
  'Vindemiatrix',
  'Sadachbia',
  'Sadaltager',
  'Sulafat',
] as const;

/** Gemini's own default voice, used when a chatbot names a voice Gemini does not have. */
export const GEMINI_DEFAULT_VOICE = 'Puck';

/**
 * serverVad: Gemini detects turns itself, but reports speech only indirectly
 * (an interruption, the first transcribed words), so speech.started can come
 * late when the agent was silent. truncation: false, Gemini has no truncate;
 * on a barge-in the server itself drops what it had not sent.
 */
export const GEMINI_LIVE_CAPABILITIES: ProviderCapabilities = {
  serverVad: true,
  truncation: false,
  inputTranscription: true,
  outputTranscription: true,
  inputSampleRate: GEMINI_INPUT_SAMPLE_RATE,
  outputSampleRate: GEMINI_OUTPUT_SAMPLE_RATE,
  voices: GEMINI_LIVE_VOICES,
};

export type GeminiLiveProviderOptions = {
  apiKey: string;
  /** GEMINI_BASE_URL; defaults to the public endpoint. */
  baseUrl?: string | undefined;
  /** The call model's id, e.g. `gemini-3.8-live` (sent as `models/<id>`). */
  model: string;
  logger: Logger;
  connectTimeoutMs?: number;
};

/** Matches a configured voice to Gemini's spelling (`kore` → `Kore`); null when unknown. */
export function geminiVoice(voice: string): string | null {
  const wanted = voice.trim().toLowerCase();
  return GEMINI_LIVE_VOICES.find((name) => name.toLowerCase() === wanted) ?? null;
}

export class GeminiLiveProvider implements AgentProvider {
  readonly name = 'gemini' as const;
  readonly capabilities = GEMINI_LIVE_CAPABILITIES;
  readonly #options: GeminiLiveProviderOptions;

  constructor(options: GeminiLiveProviderOptions) {
    this.#options = options;
  }

  createSession(config: AgentSessionConfig): AgentSession {
    const { apiKey, baseUrl, model, logger, connectTimeoutMs } = this.#options;
    const voice = geminiVoice(config.voice);
    if (!voice) logger.warn({ voice: config.voice }, 'unknown gemini voice, using the default');
    return new GeminiLiveSession({
      apiKey,
      baseUrl: baseUrl ?? GEMINI_DEFAULT_BASE_URL,
      model,
      config: { ...config, voice: voice ?? GEMINI_DEFAULT_VOICE },
      capabilities: this.capabilities,
      logger,
      ...(connectTimeoutMs ? { connectTimeoutMs } : {}),
    });
  }
}
