import type { AiProvider } from '../../shared/domain.js';
import type { Config } from '../config.js';

/**
 * The configured key and base URL of a model provider, or null when it has no
 * key (or is the `local` provider): then chat falls back to the offline responder.
 */
export function providerCredentials(
  providers: Config['providers'],
  provider: AiProvider,
): { apiKey: string; baseUrl: string | undefined } | null {
  const configured =
    provider === 'openai' ? providers.openai : provider === 'gemini' ? providers.gemini : null;
  return configured?.apiKey ? { apiKey: configured.apiKey, baseUrl: configured.baseUrl } : null;
}
