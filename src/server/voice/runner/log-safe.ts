import { redactSecrets } from '../../chat/chat-model.js';

/**
 * What of an error may be logged from a call: its kind and database code.
 * A failed query's message carries its parameters (transcript text, phone
 * numbers, messages), so neither the message nor the error object goes in.
 */
export function safeError(error: unknown): { type: string; code?: string; status?: number } {
  const safe: { type: string; code?: string; status?: number } = {
    type: error instanceof Error ? error.name : typeof error,
  };
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number') safe.status = status;
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      safe.code = code;
      break;
    }
  }
  return safe;
}

/** A provider's own error text, shortened and with anything key-like removed. */
export const providerText = (text: string) => redactSecrets(text, []).slice(0, 200);
