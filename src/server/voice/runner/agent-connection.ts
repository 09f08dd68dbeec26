import type { Logger } from 'pino';
import type { CallSettings } from '../../../shared/chatbot-settings.js';
import type {
  AgentSession,
  AgentSessionConfig,
  ToolDefinition,
} from '../providers/agent-session.js';
import { connectWithRetry } from '../providers/connect-with-retry.js';
import { providerText, safeError } from './log-safe.js';
import { ProviderUnavailableError } from './provider-unavailable.js';

const VAD_PREFIX_PADDING_MS = 300;
const VAD_SILENCE_DURATION_MS = 500;
const SESSION_CLOSE_TIMEOUT_MS = 3000;

/** What the provider session is configured with, from the call settings. */
export function agentSessionConfig(input: {
  callId: string;
  settings: CallSettings;
  instructions: string;
  tools: ToolDefinition[];
}): AgentSessionConfig {
  const { settings } = input;
  return {
    instructions: input.instructions,
    voice: settings.voice,
    speed: settings.speed,
    tools: input.tools,
    vad: {
      threshold: settings.vadThreshold,
      prefixPaddingMs: VAD_PREFIX_PADDING_MS,
      silenceDurationMs: VAD_SILENCE_DURATION_MS,
    },
    inputTranscription: settings.realtimeTranscription,
    callId: input.callId,
  };
}

export type ConnectAgentOptions = {
  create(): AgentSession;
  /** Told as soon as the session exists, so a call ended meanwhile can close it. */
  onSession(session: AgentSession): void;
  attempts: number;
  baseDelayMs: number;
  signal: AbortSignal;
  log: Logger;
};

/**
 * Builds the provider session and connects it, retrying with exponential
 * backoff. Resolves with what to tell the caller when the provider stays
 * unavailable (null once connected); rejects only on a programming error.
 */
export async function connectAgent(options: ConnectAgentOptions): Promise<string | null> {
  const { log } = options;
  let session: AgentSession;
  try {
    session = options.create();
  } catch (err) {
    if (!(err instanceof ProviderUnavailableError)) throw err;
    log.warn({ reason: err.message }, 'call provider unavailable');
    return err.message;
  }
  options.onSession(session);
  // Until the runner listens for real, an error event must not become an uncaught exception.
  session.on('error', () => {});
  try {
    await connectWithRetry(session, {
      attempts: options.attempts,
      baseDelayMs: options.baseDelayMs,
      signal: options.signal,
      onRetry: ({ attempt, delayMs, error }) =>
        log.warn({ attempt, delayMs, code: error.code }, 'call provider connect failed; retrying'),
    });
    return null;
  } catch (err) {
    if (!options.signal.aborted) {
      const code = (err as { code?: unknown }).code;
      log.error(
        { code, reason: providerText((err as Error).message ?? '') },
        'call provider unavailable',
      );
    }
    return 'Unable to connect';
  }
}

/** Closes the session, waiting at most a few seconds for a provider that does not answer. */
export async function closeAgent(session: AgentSession, log: Logger): Promise<void> {
  for (const event of ['audio', 'transcript.delta', 'transcript.final', 'tool.call'] as const) {
    session.removeAllListeners(event);
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      session.close(),
      new Promise((resolve) => {
        timer = setTimeout(resolve, SESSION_CLOSE_TIMEOUT_MS);
      }),
    ]);
  } catch (err) {
    log.warn({ err: safeError(err) }, 'call provider session did not close cleanly');
  } finally {
    clearTimeout(timer);
  }
}
