import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FakeRequest, FakeRoutes } from './fake-http-server.js';
import { sendJson } from './fake-http-server.js';

/** One answer of the fake, consumed in order, one per request. */
export type GeminiChatTurn =
  | {
      text: string[];
      /** The fake sends the first text chunk, then waits for this before sending the rest. */
      pauseAfterFirst?: Promise<unknown>;
    }
  | { functionCalls: Array<{ name: string; args: Record<string, unknown> }>; text?: string[] }
  | { error: { status: number; message: string } };

/** Turns, or functions of the request that return one (to answer from what was sent). */
export type GeminiChatScript = Array<GeminiChatTurn | ((request: FakeRequest) => GeminiChatTurn)>;

type Part = {
  text?: string;
  functionCall?: { name: string; args?: unknown };
  functionResponse?: { name: string; response?: unknown };
  thoughtSignature?: string;
};
type Body = { contents?: Array<{ role?: string; parts?: Part[] }> };

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** The chat models the routes answer for: the seeded Gemini chat models unless told otherwise. */
const DEFAULT_MODELS = ['gemini-3-flash-preview', 'gemini-3-pro-preview'];

/**
 * `POST /v1beta/models/<model>:streamGenerateContent?alt=sse` as the Gemini
 * API streams it. Like Gemini 3 it signs each function call and rejects a
 * history that drops the signature or answers a different number of calls.
 * Routes are exact per model so embedding routes on the same prefix compose.
 * Empty the script array to reset it between tests.
 */
export function geminiChatRoutes(
  script: GeminiChatScript,
  options: { models?: string[] } = {},
): FakeRoutes {
  const signatures = new Set<string>();
  const handler = async (request: FakeRequest, response: ServerResponse) => {
    if (request.query.get('alt') !== 'sse') {
      return sendError(response, 400, 'fake Gemini: only alt=sse streaming is scripted');
    }
    if (!request.headers['x-goog-api-key']) {
      return sendError(
        response,
        403,
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      );
    }
    const rejection = validate(request.body as Body | undefined, signatures);
    if (rejection) return sendError(response, 400, rejection);
    const next = script.shift();
    if (!next) return sendError(response, 400, 'fake Gemini: no scripted turn left');
    const turn = typeof next === 'function' ? next(request) : next;
    if ('error' in turn) return sendError(response, turn.error.status, turn.error.message);
    await streamTurn(request, turn, response, signatures);
  };
  return Object.fromEntries(
    (options.models ?? DEFAULT_MODELS).map((model) => [
      `POST /v1beta/models/${model}:streamGenerateContent`,
      handler,
    ]),
  );
}

function validate(body: Body | undefined, signatures: Set<string>): string | null {
  const contents = body?.contents;
  if (!Array.isArray(contents) || contents.length === 0) {
    return '* GenerateContentRequest.contents: contents is not specified';
  }
  let pendingCalls = 0;
  for (const content of contents) {
    if (content.role !== 'user' && content.role !== 'model') {
      return `Please use a valid role: user, model.`;
    }
    const parts = content.parts ?? [];
    if (parts.length === 0) return 'contents.parts must not be empty.';
    const responses = parts.filter((p) => p.functionResponse).length;
    if (pendingCalls > 0 && responses !== pendingCalls) {
      return 'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.';
    }
    const calls = parts.filter((p) => p.functionCall);
    if (calls.some((p) => !p.thoughtSignature || !signatures.has(p.thoughtSignature))) {
      return 'Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly.';
    }
    pendingCalls = content.role === 'model' ? calls.length : 0;
  }
  return null;
}

function sendError(response: ServerResponse, status: number, message: string): void {
  sendJson(response, status, {
    error: { code: status, message, status: STATUS_NAMES[status] ?? 'UNKNOWN' },
  });
}

async function streamTurn(
  request: FakeRequest,
  turn: Exclude<GeminiChatTurn, { error: unknown }>,
  response: ServerResponse,
  signatures: Set<string>,
): Promise<void> {
  const model = request.path.slice('/v1beta/models/'.length).split(':')[0] ?? '';
  const responseId = randomBytes(10).toString('base64url');
  const promptTokenCount = Math.ceil(request.rawBody.length / 4);
  let candidatesTokenCount = 0;
  const chunk = (parts: Part[], finishReason?: string) => {
    candidatesTokenCount += parts.reduce((n, p) => n + Math.ceil((p.text?.length ?? 8) / 4), 0);
    return {
      candidates: [
        { content: { parts, role: 'model' }, index: 0, ...(finishReason ? { finishReason } : {}) },
      ],
      usageMetadata: {
        promptTokenCount,
        candidatesTokenCount,
        totalTokenCount: promptTokenCount + candidatesTokenCount,
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokenCount }],
      },
      modelVersion: model,
      responseId,
    };
  };
  const text = turn.text ?? [];
  const calls = 'functionCalls' in turn ? turn.functionCalls : [];
  const events = text.map((piece, i) =>
    chunk([{ text: piece }], i === text.length - 1 && calls.length === 0 ? 'STOP' : undefined),
  );
  if (calls.length > 0) {
    const parts = calls.map((call): Part => {
      const thoughtSignature = randomBytes(24).toString('base64');
      signatures.add(thoughtSignature);
      return { functionCall: { name: call.name, args: call.args }, thoughtSignature };
    });
    events.push(chunk(parts, 'STOP'));
  }
  if (events.length === 0) events.push(chunk([{ text: '' }], 'STOP'));
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'x-goog-request-id': randomBytes(8).toString('hex'),
  });
  const pause = 'pauseAfterFirst' in turn ? turn.pauseAfterFirst : undefined;
  for (const [index, event] of events.entries()) {
    response.write(`data: ${JSON.stringify(event)}\r\n\r\n`);
    if (index === 0 && pause) await pause;
  }
  response.end();
}
