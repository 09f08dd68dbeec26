import type { AiProvider } from '../../../shared/domain.js';
import type { Config } from '../../config.js';
import type { EngineStatus } from '../providers/local/availability.js';

/** Why calls with a model cannot connect on this server, for the company's admins. */
export type CallModelProblem = {
  reason: 'no_call_model' | 'missing_key' | 'local_engine_unavailable';
  message: string;
};

export type CallReadinessEnv = {
  providers: Config['providers'];
  /** The local voice engine's status; absent where the engine is not wired. */
  localVoice?: { status(): Promise<EngineStatus> } | undefined;
};

const KEY_OF = { openai: 'OPENAI_API_KEY', gemini: 'GEMINI_API_KEY' } as const;
/** How the dashboard names each provider to admins. */
export const PROVIDER_NAME = {
  openai: 'OpenAI',
  gemini: 'Google Gemini',
  local: 'The local voice engine',
} as const;
const CANNOT_CONNECT = 'callers will not be able to connect';

/**
 * What stops a call model from answering calls here, judged from the server's
 * configuration alone (keys, installed speech packages); null when nothing does.
 */
export async function callModelProblem(
  model: { provider: AiProvider } | null,
  env: CallReadinessEnv,
): Promise<CallModelProblem | null> {
  if (!model) {
    return {
      reason: 'no_call_model',
      message: `No active call model exists on this server: ${CANNOT_CONNECT}. A platform administrator can add one under AI Models.`,
    };
  }
  if (model.provider === 'local') {
    const status = await env.localVoice?.status();
    if (status?.available) return null;
    return {
      reason: 'local_engine_unavailable',
      message: status
        ? `The local voice engine cannot run on this server, so ${CANNOT_CONNECT}. ${status.message}`
        : `The local voice engine is not enabled on this server: ${CANNOT_CONNECT}.`,
    };
  }
  if (env.providers[model.provider].apiKey) return null;
  return {
    reason: 'missing_key',
    message: `${PROVIDER_NAME[model.provider]} is not configured on this server (${KEY_OF[model.provider]}): ${CANNOT_CONNECT}.`,
  };
}
