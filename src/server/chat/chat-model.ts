/** A message of the conversation as a chat model sees it. */
export type ChatModelMessage =
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ChatModelToolCall[] }
  | { role: 'tool'; toolCallId: string; name: string; content: string };

export type ChatModelToolCall = {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
  /**
   * Opaque token some providers attach to a call and require back in the
   * history (Gemini's thought signatures); other providers leave it unset.
   */
  signature?: string;
};

export type ChatModelTool = {
  name: string;
  description: string;
  /** JSON schema of the arguments object. */
  parameters: Record<string, unknown>;
};

export type ChatModelInput = {
  systemPrompt: string;
  messages: ChatModelMessage[];
  tools: ChatModelTool[];
  /** `none` makes the model answer in text even though tools are declared. */
  toolChoice?: 'auto' | 'none';
  signal?: AbortSignal | undefined;
};

export type ChatModelUsage = { inputTokens: number; outputTokens: number };

export type ChatModelEvent =
  | { type: 'text'; delta: string }
  | ({ type: 'tool_call' } & ChatModelToolCall)
  | { type: 'done'; usage: ChatModelUsage | null };

export type ChatModelProvider = 'openai' | 'gemini';

/** A provider's streaming chat API behind one shape, so the agent imports no SDK. */
export interface ChatModel {
  readonly provider: ChatModelProvider;
  /** The provider's model id, e.g. `gpt-5-mini`. */
  readonly model: string;
  /** Streams text deltas as they arrive, then whole tool calls, then `done`. Throws ChatModelError. */
  stream(input: ChatModelInput): AsyncIterable<ChatModelEvent>;
}

export const providerLabels: Record<ChatModelProvider, string> = {
  openai: 'OpenAI',
  gemini: 'Gemini',
};

/** A failed model request; carries what an operator needs and never the API key. */
export class ChatModelError extends Error {
  readonly provider: ChatModelProvider;
  /** HTTP status, or null when no response arrived (connection refused, timeout). */
  readonly status: number | null;
  readonly retryable: boolean;
  /** The provider's own error text, with anything key-like redacted. */
  readonly providerMessage: string;
  /** The provider's machine-readable error code or type, when it sent one. */
  readonly providerCode: string | null;

  constructor(options: {
    provider: ChatModelProvider;
    status: number | null;
    providerMessage: string;
    providerCode?: string | null;
    secrets?: Array<string | undefined>;
  }) {
    const providerMessage = redactSecrets(options.providerMessage, options.secrets ?? []);
    super(
      `${providerLabels[options.provider]} ${
        options.status === null ? 'request failed' : `returned ${options.status}`
      }: ${providerMessage}`,
    );
    this.name = 'ChatModelError';
    this.provider = options.provider;
    this.status = options.status;
    this.retryable = options.status === null || options.status === 429 || options.status >= 500;
    this.providerMessage = providerMessage;
    this.providerCode = options.providerCode ?? null;
  }
}

// OpenAI keys (sk-…) and Google API keys (AIza…), in case a provider echoes one.
const KEY_PATTERNS = [/sk-[A-Za-z0-9_*-]{8,}/g, /AIza[0-9A-Za-z_-]{20,}/g];

export function redactSecrets(text: string, secrets: Array<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  for (const pattern of KEY_PATTERNS) out = out.replace(pattern, '[redacted]');
  return out.slice(0, 500);
}
