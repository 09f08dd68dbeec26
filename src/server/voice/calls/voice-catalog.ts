import type { AiProvider } from '../../../shared/domain.js';
import { GEMINI_LIVE_VOICES } from '../providers/gemini/provider.js';
import type { SpeechSynthesizer, VoiceOption } from '../providers/local/parts.js';
import { FLITE_INSTALL_HINT, FLITE_VOICES } from '../providers/local/tts/flite-synthesizer.js';
import { OPENAI_VOICES } from '../providers/openai/wire.js';

export type ModelVoices = {
  /** What speaks: `flite`, `openai-compatible`, `openai-realtime`, `gemini-live`. */
  engine: string;
  voices: readonly VoiceOption[];
  /** Speaks previews; null when this server cannot. */
  synthesizer: SpeechSynthesizer | null;
  /** Why there are no previews, for the admin. */
  unavailableReason?: string;
};

/** The voices a call model offers, and what can speak a preview of them. */
export interface VoiceCatalog {
  voicesFor(model: { provider: AiProvider; modelId: string }): Promise<ModelVoices>;
}

/** What the catalog needs of the local engine: its synthesizer, and whether it can speak here. */
export type LocalVoices = {
  synthesizer: SpeechSynthesizer;
  status(): Promise<{ tts: { ready: boolean; reason?: string } }>;
};

const NO_PROVIDER_PREVIEWS = "Previews of this provider's voices are not available";

export function createVoiceCatalog(local: LocalVoices): VoiceCatalog {
  const realtime = (engine: string, names: readonly string[]): ModelVoices => ({
    engine,
    voices: names.map((id) => ({ id, label: id.charAt(0).toUpperCase() + id.slice(1) })),
    synthesizer: null,
    unavailableReason: NO_PROVIDER_PREVIEWS,
  });
  const remote = {
    openai: realtime('openai-realtime', OPENAI_VOICES),
    gemini: realtime('gemini-live', GEMINI_LIVE_VOICES),
  };
  // Asked only when someone looks at the local engine's voices, so start-up runs nothing.
  const localVoices = async (): Promise<ModelVoices> => {
    const { tts } = await local.status();
    if (tts.ready) {
      return {
        engine: local.synthesizer.engine,
        voices: local.synthesizer.voices,
        synthesizer: local.synthesizer,
      };
    }
    return {
      // The voices the local engine speaks once flite is installed.
      engine: 'flite',
      voices: FLITE_VOICES,
      synthesizer: null,
      unavailableReason:
        tts.reason ?? `The local voice engine cannot speak on this server: ${FLITE_INSTALL_HINT}`,
    };
  };
  return {
    voicesFor: async (model) =>
      model.provider === 'local' ? localVoices() : remote[model.provider],
  };
}
