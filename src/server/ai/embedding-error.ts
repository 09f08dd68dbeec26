/** An embedding request that failed; the message is safe to show to a company admin. */
export class EmbeddingError extends Error {
  override name = 'EmbeddingError';
}

const MAX_DETAIL_CHARS = 200;

/** The provider's own explanation, from an OpenAI APIError or a Gemini ApiError (JSON message). */
function providerDetail(error: unknown): string {
  const nested = (error as { error?: { message?: unknown } }).error?.message;
  if (typeof nested === 'string') return nested;
  const message = error instanceof Error ? error.message : '';
  try {
    const parsed = JSON.parse(message) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') return parsed.error.message;
  } catch {
    // Not JSON: the message itself.
  }
  return message;
}

/**
 * Turns an SDK error into a readable EmbeddingError. Rejected keys get a fixed
 * message, since providers echo part of the key back.
 */
export function embeddingError(provider: string, error: unknown): EmbeddingError {
  const status = (error as { status?: unknown }).status;
  if (status === 401 || status === 403) {
    return new EmbeddingError(`${provider} rejected the API key (HTTP ${status})`);
  }
  const detail = providerDetail(error).slice(0, MAX_DETAIL_CHARS).trim();
  if (typeof status === 'number') {
    const what = status === 429 ? 'rate limit or quota exceeded' : `answered HTTP ${status}`;
    return new EmbeddingError(`${provider} ${what}${detail ? `: ${detail}` : ''}`);
  }
  return new EmbeddingError(`${provider} could not be reached${detail ? `: ${detail}` : ''}`);
}
