import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FakeRequest, FakeRoutes } from './fake-http-server.js';
import { sendJson } from './fake-http-server.js';

/** One answer of the fake, consumed in order, one per request. */
export type OpenAIChatTurn =
  | {
      text: string[];
      /** The fake sends the first text chunk, then waits for this before sending the rest. */
      pauseAfterFirst?: Promise<unknown>;
    }
  | { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }>; text?: string[] }
  | { error: { status: number; message: string; type?: string; code?: string | null } };

/** Turns, or functions of the request that return one (to answer from what was sent). */
export type OpenAIChatScript = Array<OpenAIChatTurn | ((request: FakeRequest) => OpenAIChatTurn)>;

type Body = {
  model?: unknown;
  messages?: Array<{ role?: string; tool_call_id?: string; tool_calls?: Array<{ id: string }> }>;
  stream?: unknown;
  stream_options?: { include_usage?: boolean };
  temperature?: unknown;
  max_tokens?: unknown;
};

const ARGUMENT_FRAGMENT_CHARS = 7;

/**
 * `POST /v1/chat/completions` as OpenAI streams it: SSE chunks of
 * `chat.completion.chunk`, tool-call arguments in fragments, a usage chunk
 * with empty choices when asked for, then `data: [DONE]`. Requests the real
 * API rejects (no key, orphan tool results, GPT-5 sampling parameters) get
 * OpenAI's error body. Empty the script array to reset it between tests.
 */
export function openaiChatRoutes(script: OpenAIChatScript): FakeRoutes {
  return {
    'POST /v1/chat/completions': async (request, response) => {
      const rejection = validate(request);
      if (rejection) return sendError(response, 400, rejection);
      const next = script.shift();
      if (!next) return sendError(response, 400, 'fake OpenAI: no scripted turn left');
      const turn = typeof next === 'function' ? next(request) : next;
      if ('error' in turn) {
        return sendError(response, turn.error.status, turn.error.message, turn.error);
      }
      await streamTurn(request.body as Body, turn, response);
    },
  };
}

function validate(request: FakeRequest): string | null {
  const auth = request.headers.authorization ?? '';
  if (!/^Bearer \S+/.test(auth)) return "You didn't provide an API key.";
  const body = request.body as Body | undefined;
  if (typeof body?.model !== 'string' || !Array.isArray(body.messages)) {
    return "Missing required parameter: 'model' or 'messages'.";
  }
  if (body.stream !== true) return 'fake OpenAI: only streaming is scripted';
  if (/^gpt-5/.test(body.model)) {
    if (body.max_tokens !== undefined) {
      return "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.";
    }
    if (body.temperature !== undefined && body.temperature !== 1) {
      return "Unsupported value: 'temperature' does not support this value with this model. Only the default (1) value is supported.";
    }
  }
  const callIds = new Set<string>();
  for (const message of body.messages) {
    for (const call of message.tool_calls ?? []) callIds.add(call.id);
    if (message.role === 'tool' && !callIds.has(message.tool_call_id ?? '')) {
      return "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.";
    }
  }
  return null;
}

function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  extra: { type?: string; code?: string | null } = {},
): void {
  const type = extra.type ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
  sendJson(response, status, { error: { message, type, param: null, code: extra.code ?? null } });
}

async function streamTurn(
  body: Body,
  turn: Exclude<OpenAIChatTurn, { error: unknown }>,
  response: ServerResponse,
): Promise<void> {
  const id = `chatcmpl-${randomBytes(12).toString('base64url')}`;
  const created = Math.floor(Date.now() / 1000);
  const model = String(body.model);
  const withUsage = body.stream_options?.include_usage === true;
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    service_tier: 'default',
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(withUsage ? { usage: null } : {}),
  });
  const events: unknown[] = [chunk({ role: 'assistant', content: '', refusal: null })];
  const text = turn.text ?? [];
  for (const piece of text) events.push(chunk({ content: piece }));
  const calls = 'toolCalls' in turn ? turn.toolCalls : [];
  calls.forEach((call, index) => {
    const args = JSON.stringify(call.arguments);
    events.push(
      chunk({
        tool_calls: [
          {
            index,
            id: `call_${randomBytes(9).toString('base64url')}`,
            type: 'function',
            function: { name: call.name, arguments: '' },
          },
        ],
      }),
    );
    for (let at = 0; at < args.length; at += ARGUMENT_FRAGMENT_CHARS) {
      const fragment = args.slice(at, at + ARGUMENT_FRAGMENT_CHARS);
      events.push(chunk({ tool_calls: [{ index, function: { arguments: fragment } }] }));
    }
  });
  events.push(chunk({}, calls.length > 0 ? 'tool_calls' : 'stop'));
  if (withUsage) {
    const promptTokens = Math.ceil(JSON.stringify(body.messages).length / 4);
    const completionTokens = Math.ceil(text.join('').length / 4) + calls.length * 10;
    events.push({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      service_tier: 'default',
      system_fingerprint: null,
      choices: [],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
      },
    });
  }
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'x-request-id': `req_${randomBytes(8).toString('hex')}`,
  });
  const pause = 'pauseAfterFirst' in turn ? turn.pauseAfterFirst : undefined;
  for (const [index, event] of events.entries()) {
    response.write(`data: ${JSON.stringify(event)}\n\n`);
    // events[1] is the first text chunk (events[0] announces the role).
    if (index === 1 && pause) await pause;
  }
  response.end('data: [DONE]\n\n');
}
