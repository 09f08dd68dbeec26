import { setTimeout as sleep } from 'node:timers/promises';
import type { AgentSession } from './agent-session.js';

export type ProviderConnectErrorCode =
  /** The key was refused (HTTP 401/403): retrying cannot help. */
  | 'auth_failed'
  /** HTTP 429 at the handshake. */
  | 'rate_limited'
  /** HTTP 5xx at the handshake. */
  | 'server_error'
  /** Refused for a reason retrying cannot fix: another 4xx, or the session config was rejected. */
  | 'rejected'
  /** DNS, TCP or TLS failure before any HTTP answer. */
  | 'unreachable'
  /** No answer in time (handshake or session setup). */
  | 'timeout'
  /** The socket closed while the session was being set up. */
  | 'closed'
  /** connect() on a session that was closed or is already connecting/connected. */
  | 'invalid_state';

const RETRYABLE: ReadonlySet<ProviderConnectErrorCode> = new Set([
  'rate_limited',
  'server_error',
  'unreachable',
  'timeout',
  'closed',
]);

/** Why one connect() attempt failed; every provider rejects connect() with this. */
export class ProviderConnectError extends Error {
  override readonly name = 'ProviderConnectError';
  readonly retryable: boolean;

  constructor(
    readonly code: ProviderConnectErrorCode,
    message: string,
    /** HTTP status of a refused handshake, when there was one. */
    readonly status?: number,
  ) {
    super(message);
    this.retryable = RETRYABLE.has(code);
  }
}

/** HTTP status of a refused WebSocket handshake → error code. */
export function connectErrorCodeForStatus(status: number): ProviderConnectErrorCode {
  if (status === 401 || status === 403) return 'auth_failed';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'rejected';
}

export type ConnectRetryOptions = {
  /** Attempts in all, the first included. */
  attempts?: number;
  /** Wait before the second attempt; doubles for each further one. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Stops waiting and rejects with the last error when aborted. */
  signal?: AbortSignal;
  onRetry?: (info: { attempt: number; delayMs: number; error: ProviderConnectError }) => void;
};

/**
 * Calls `session.connect()` up to `attempts` times with exponential backoff
 * (`baseDelayMs`, ×2 each time). Only retryable ProviderConnectErrors are
 * retried: a refused key or a rejected config fails at once.
 */
export async function connectWithRetry(
  session: Pick<AgentSession, 'connect'>,
  options: ConnectRetryOptions = {},
): Promise<void> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 8_000;
  for (let attempt = 1; ; attempt++) {
    try {
      await session.connect();
      return;
    } catch (error) {
      if (!(error instanceof ProviderConnectError) || !error.retryable || attempt >= attempts) {
        throw error;
      }
      if (options.signal?.aborted) throw error;
      const delayMs = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      options.onRetry?.({ attempt, delayMs, error });
      try {
        await sleep(delayMs, undefined, { signal: options.signal });
      } catch {
        throw error;
      }
    }
  }
}
