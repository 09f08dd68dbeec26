/**
 * The provider cannot serve calls at all (no API key, engine not installed):
 * the call ends with `provider_unavailable` and the caller hears why.
 */
export class ProviderUnavailableError extends Error {
  override readonly name = 'ProviderUnavailableError';
}
