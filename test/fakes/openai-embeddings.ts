import type { ServerResponse } from 'node:http';
import { type FakeRoutes, sendJson } from './fake-http-server.js';
import { hashEmbedding } from './hash-embedding.js';

export type OpenAIEmbeddingOptions = {
  /** The key the fake accepts; any `Bearer` key when absent. */
  apiKey?: string;
  /** Answer every request (or the next `times`) with this error instead. Read per request, so tests can change it. */
  fail?: { status: 429 | 500; times?: number } | undefined;
  /** While set, each request waits for it before being answered (to observe work in flight). */
  hold?: Promise<unknown> | undefined;
};

type Body = { model?: unknown; input?: unknown; encoding_format?: unknown; dimensions?: unknown };

const MAX_INPUTS = 2048;
const MODEL_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  sendJson(response, status, { error: { message, type, param: null, code } });
}

/**
 * `POST /v1/embeddings` as OpenAI answers it: a `list` of `embedding` objects
 * in input order, floats or base64 float32 (what the SDK asks for by
 * default), with usage. Vectors are hashEmbedding, so similar texts are close.
 */
export function openaiEmbeddingRoutes(options: OpenAIEmbeddingOptions = {}): FakeRoutes {
  return {
    'POST /v1/embeddings': async (request, response) => {
      await options.hold;
      const auth = request.headers.authorization ?? '';
      const key = /^Bearer (\S+)$/.exec(auth)?.[1];
      if (!key || (options.apiKey !== undefined && key !== options.apiKey)) {
        return sendError(
          response,
          401,
          `Incorrect API key provided: ${(key ?? '').slice(0, 3)}***. You can find your API key at https://platform.openai.com/account/api-keys.`,
          'invalid_request_error',
          'invalid_api_key',
        );
      }
      const failure = options.fail;
      if (failure && (failure.times === undefined || failure.times > 0)) {
        if (failure.times !== undefined) failure.times--;
        return failure.status === 429
          ? sendError(
              response,
              429,
              'Rate limit reached for text-embedding-3-small in organization org-test on requests per min (RPM): Limit 3000, Used 3000, Requested 1.',
              'requests',
              'rate_limit_exceeded',
              { 'retry-after-ms': '20' },
            )
          : sendError(
              response,
              500,
              'The server had an error while processing your request. Sorry about that!',
              'server_error',
              null,
            );
      }
      const body = request.body as Body | undefined;
      const model = typeof body?.model === 'string' ? body.model : '';
      const native = MODEL_DIMENSIONS[model];
      if (!native) {
        return sendError(
          response,
          404,
          `The model \`${model}\` does not exist or you do not have access to it.`,
          'invalid_request_error',
          'model_not_found',
        );
      }
      const inputs = typeof body?.input === 'string' ? [body.input] : body?.input;
      if (
        !Array.isArray(inputs) ||
        inputs.length === 0 ||
        inputs.length > MAX_INPUTS ||
        !inputs.every((input) => typeof input === 'string' && input !== '')
      ) {
        return sendError(
          response,
          400,
          "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
          'invalid_request_error',
          null,
        );
      }
      const dimensions = typeof body?.dimensions === 'number' ? body.dimensions : native;
      const base64 = body?.encoding_format === 'base64';
      let tokens = 0;
      const data = (inputs as string[]).map((input, index) => {
        tokens += input.split(/\s+/).filter(Boolean).length;
        const vector = hashEmbedding(input, dimensions);
        return {
          object: 'embedding',
          index,
          embedding: base64
            ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
            : vector,
        };
      });
      sendJson(response, 200, {
        object: 'list',
        data,
        model,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      });
    },
  };
}
