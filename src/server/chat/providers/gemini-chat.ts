import { randomUUID } from 'node:crypto';
import {
  ApiError,
  type Content,
  FunctionCallingConfigMode,
  type GenerateContentParameters,
  GoogleGenAI,
  type Part,
} from '@google/genai';
import {
  type ChatModel,
  ChatModelError,
  type ChatModelEvent,
  type ChatModelInput,
  type ChatModelMessage,
} from '../chat-model.js';
import { parseToolArguments } from './tool-arguments.js';

export type GeminiChatOptions = {
  apiKey: string;
  /** Replaces `https://generativelanguage.googleapis.com`; the SDK appends `/v1beta/models/…`. */
  baseUrl?: string | undefined;
  model: string;
  maxOutputTokens?: number;
};

// Gemini's thinking tokens count against the output limit.
const DEFAULT_MAX_OUTPUT_TOKENS = 8192;
// The Gemini API mostly omits call ids; ours are never sent back to it.
const LOCAL_ID_PREFIX = 'local-';
const isLocalId = (id: string) => id.startsWith(LOCAL_ID_PREFIX);

/** Gemini's streaming generateContent with function declarations. */
export class GeminiChatModel implements ChatModel {
  readonly provider = 'gemini' as const;
  readonly model: string;
  readonly #client: GoogleGenAI;
  readonly #apiKey: string;
  readonly #maxOutputTokens: number;

  constructor(options: GeminiChatOptions) {
    this.model = options.model;
    this.#apiKey = options.apiKey;
    this.#maxOutputTokens = options.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
    this.#client = new GoogleGenAI({
      apiKey: options.apiKey,
      ...(options.baseUrl ? { httpOptions: { baseUrl: options.baseUrl } } : {}),
    });
  }

  async *stream(input: ChatModelInput): AsyncIterable<ChatModelEvent> {
    let usage: { inputTokens: number; outputTokens: number } | null = null;
    const calls: ChatModelEvent[] = [];
    try {
      const chunks = await this.#client.models.generateContentStream(this.#params(input));
      for await (const chunk of chunks) {
        const meta = chunk.usageMetadata;
        if (meta) {
          usage = {
            inputTokens: meta.promptTokenCount ?? 0,
            outputTokens: (meta.candidatesTokenCount ?? 0) + (meta.thoughtsTokenCount ?? 0),
          };
        }
        for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
          if (part.text && !part.thought) yield { type: 'text', delta: part.text };
          if (part.functionCall?.name) {
            calls.push({
              type: 'tool_call',
              id: part.functionCall.id ?? `${LOCAL_ID_PREFIX}${randomUUID()}`,
              name: part.functionCall.name,
              arguments: parseToolArguments(part.functionCall.args ?? {}),
              ...(part.thoughtSignature ? { signature: part.thoughtSignature } : {}),
            });
          }
        }
      }
    } catch (error) {
      throw this.#toChatModelError(error);
    }
    // However the SDK ends an aborted stream, a cut-off answer must not pass for a whole one.
    input.signal?.throwIfAborted();
    yield* calls;
    yield { type: 'done', usage };
  }

  #params(input: ChatModelInput): GenerateContentParameters {
    return {
      model: this.model,
      contents: toGeminiContents(input.messages),
      config: {
        systemInstruction: input.systemPrompt,
        maxOutputTokens: this.#maxOutputTokens,
        ...(input.signal ? { abortSignal: input.signal } : {}),
        ...(input.tools.length > 0
          ? {
              tools: [
                {
                  functionDeclarations: input.tools.map((tool) => ({
                    name: tool.name,
                    description: tool.description,
                    parametersJsonSchema: tool.parameters,
                  })),
                },
              ],
              toolConfig: {
                functionCallingConfig: {
                  mode:
                    input.toolChoice === 'none'
                      ? FunctionCallingConfigMode.NONE
                      : FunctionCallingConfigMode.AUTO,
                },
              },
            }
          : {}),
      },
    };
  }

  #toChatModelError(error: unknown): unknown {
    if (!(error instanceof ApiError)) {
      if (error instanceof Error && error.name === 'AbortError') return error;
      // fetch failures (refused, reset, DNS) arrive as plain errors without a status.
      if (error instanceof TypeError) {
        return new ChatModelError({
          provider: 'gemini',
          status: null,
          providerMessage: error.message,
          secrets: [this.#apiKey],
        });
      }
      return error;
    }
    const body = parseErrorBody(error.message);
    return new ChatModelError({
      provider: 'gemini',
      status: error.status,
      providerMessage: body.message ?? error.message,
      providerCode: body.status ?? null,
      secrets: [this.#apiKey],
    });
  }
}

/** The SDK's ApiError message is the response body, `{"error":{"code","message","status"}}`. */
function parseErrorBody(text: string): { message?: string; status?: string } {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown; status?: unknown } };
    return {
      ...(typeof parsed.error?.message === 'string' ? { message: parsed.error.message } : {}),
      ...(typeof parsed.error?.status === 'string' ? { status: parsed.error.status } : {}),
    };
  } catch {
    return {};
  }
}

/** Gemini wants alternating user/model turns; tool results travel as user-side function responses. */
function toGeminiContents(messages: ChatModelMessage[]): Content[] {
  const contents: Content[] = [];
  for (const message of messages) {
    const role = message.role === 'assistant' ? 'model' : 'user';
    const parts = toParts(message);
    const last = contents.at(-1);
    if (last?.role === role) last.parts?.push(...parts);
    else contents.push({ role, parts });
  }
  return contents;
}

function toParts(message: ChatModelMessage): Part[] {
  switch (message.role) {
    case 'user':
      return [{ text: message.content }];
    case 'tool':
      return [
        {
          functionResponse: {
            ...(isLocalId(message.toolCallId) ? {} : { id: message.toolCallId }),
            name: message.name,
            response: { result: message.content },
          },
        },
      ];
    case 'assistant':
      return [
        ...(message.content ? [{ text: message.content }] : []),
        ...(message.toolCalls ?? []).map(
          (call): Part => ({
            functionCall: {
              ...(isLocalId(call.id) ? {} : { id: call.id }),
              name: call.name,
              args: call.arguments,
            },
            ...(call.signature ? { thoughtSignature: call.signature } : {}),
          }),
        ),
      ];
  }
}
