import { randomUUID } from 'node:crypto';
import OpenAI, { APIError, APIUserAbortError } from 'openai';
import {
  type ChatModel,
  ChatModelError,
  type ChatModelEvent,
  type ChatModelInput,
  type ChatModelMessage,
  type ChatModelTool,
} from '../chat-model.js';
import { parseToolArguments } from './tool-arguments.js';

export type OpenAIChatOptions = {
  apiKey: string;
  /** An OpenAI-compatible server's base URL including `/v1`; OpenAI's own when unset. */
  baseUrl?: string | undefined;
  model: string;
  maxOutputTokens?: number;
  /** Retries of a failed request before the first token; a visitor is waiting. */
  maxRetries?: number;
};

type Params = OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming;

const DEFAULT_MAX_OUTPUT_TOKENS = 4096;
const ANSWER_TEMPERATURE = 0.3;

// Reasoning models reject `temperature` and `max_tokens`.
const isReasoningModel = (model: string) => /^(gpt-5|o\d)/.test(model);

/**
 * Chat Completions with streaming and function calling: the API every
 * OpenAI-compatible server speaks, so a self-hoster's local LLM works too.
 */
export class OpenAIChatModel implements ChatModel {
  readonly provider = 'openai' as const;
  readonly model: string;
  readonly #client: OpenAI;
  readonly #apiKey: string;
  readonly #maxOutputTokens: number;

  constructor(options: OpenAIChatOptions) {
    this.model = options.model;
    this.#apiKey = options.apiKey;
    this.#maxOutputTokens = options.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
    this.#client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseUrl ?? null,
      maxRetries: options.maxRetries ?? 1,
    });
  }

  async *stream(input: ChatModelInput): AsyncIterable<ChatModelEvent> {
    const calls = new Map<number, { id: string; name: string; arguments: string }>();
    let usage: { inputTokens: number; outputTokens: number } | null = null;
    try {
      const chunks = await this.#client.chat.completions.create(this.#params(input), {
        signal: input.signal,
      });
      for await (const chunk of chunks) {
        if (chunk.usage) {
          usage = {
            inputTokens: chunk.usage.prompt_tokens,
            outputTokens: chunk.usage.completion_tokens,
          };
        }
        const delta = chunk.choices[0]?.delta;
        if (delta?.content) yield { type: 'text', delta: delta.content };
        for (const part of delta?.tool_calls ?? []) {
          const call = calls.get(part.index) ?? { id: '', name: '', arguments: '' };
          call.id ||= part.id ?? '';
          call.name += part.function?.name ?? '';
          call.arguments += part.function?.arguments ?? '';
          calls.set(part.index, call);
        }
      }
    } catch (error) {
      throw this.#toChatModelError(error);
    }
    // The SDK ends an aborted stream quietly; a cut-off answer must not pass for a whole one.
    input.signal?.throwIfAborted();
    for (const [, call] of [...calls.entries()].sort(([a], [b]) => a - b)) {
      yield {
        type: 'tool_call',
        id: call.id || `call_${randomUUID()}`,
        name: call.name,
        arguments: parseToolArguments(call.arguments),
      };
    }
    yield { type: 'done', usage };
  }

  #params(input: ChatModelInput): Params {
    const reasoning = isReasoningModel(this.model);
    return {
      model: this.model,
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: 'system', content: input.systemPrompt },
        ...input.messages.map(toOpenAIMessage),
      ],
      ...(input.tools.length > 0
        ? { tools: input.tools.map(toOpenAITool), tool_choice: input.toolChoice ?? 'auto' }
        : {}),
      ...(reasoning
        ? { max_completion_tokens: this.#maxOutputTokens }
        : { max_tokens: this.#maxOutputTokens, temperature: ANSWER_TEMPERATURE }),
    };
  }

  #toChatModelError(error: unknown): unknown {
    if (error instanceof APIUserAbortError) return error;
    if (!(error instanceof APIError)) return error;
    const body = error.error as { message?: unknown } | undefined;
    return new ChatModelError({
      provider: 'openai',
      status: error.status ?? null,
      providerMessage:
        typeof body?.message === 'string' ? body.message : (error.message ?? 'unknown error'),
      providerCode: stringOrNull(error.code) ?? stringOrNull(error.type),
      secrets: [this.#apiKey],
    });
  }
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

function toOpenAITool(tool: ChatModelTool): OpenAI.Chat.Completions.ChatCompletionTool {
  return {
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  };
}

function toOpenAIMessage(
  message: ChatModelMessage,
): OpenAI.Chat.Completions.ChatCompletionMessageParam {
  switch (message.role) {
    case 'user':
      return { role: 'user', content: message.content };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
    case 'assistant':
      if (!message.toolCalls?.length) return { role: 'assistant', content: message.content };
      return {
        role: 'assistant',
        content: message.content || null,
        tool_calls: message.toolCalls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: JSON.stringify(call.arguments) },
        })),
      };
  }
}
