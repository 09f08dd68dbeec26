import type { ServerResponse } from 'node:http';
import { type FakeRequest, type FakeRoutes, sendJson } from './fake-http-server.js';
import { hashEmbedding } from './hash-embedding.js';

export type GeminiEmbeddingOptions = {
  /** The key the fake accepts; any key when absent. */
  apiKey?: string;
  /** Answer every request (or the next `times`) with this error instead. Read per request. */
  fail?: { status: 429 | 500; times?: number } | undefined;
};

type Content = { parts?: Array<{ text?: unknown }> };
type EmbedRequest = {
  model?: unknown;
  content?: Content;
  taskType?: unknown;
  outputDimensionality?: unknown;
};

const NATIVE_DIMENSIONS = 3072;
const MAX_BATCH = 100;
const TASK_TYPES = new Set([
  'RETRIEVAL_QUERY',
  'RETRIEVAL_DOCUMENT',
  'SEMANTIC_SIMILARITY',
  'CLASSIFICATION',
  'CLUSTERING',
  'QUESTION_ANSWERING',
  'FACT_VERIFICATION',
  'CODE_RETRIEVAL_QUERY',
]);

function sendError(response: ServerResponse, code: number, message: string, status: string) {
  sendJson(response, code, { error: { code, message, status } });
}

/**
 * Vectors cut below the native 3072 dimensions are not unit length, as the
 * real API's are not; the factor keeps a caller that forgets to normalise honest.
 */
function embed(request: EmbedRequest): { values: number[] } | string {
  const text = request.content?.parts?.map((part) => part.text).join(' ');
  if (typeof text !== 'string' || text.trim() === '') return '* content: must not be empty';
  if (request.taskType !== undefined && !TASK_TYPES.has(String(request.taskType))) {
    return `Invalid value at 'requests[0].task_type' (${String(request.taskType)})`;
  }
  const dimensions =
    typeof request.outputDimensionality === 'number'
      ? request.outputDimensionality
      : NATIVE_DIMENSIONS;
  const scale = dimensions === NATIVE_DIMENSIONS ? 1 : 0.7;
  return { values: hashEmbedding(text, dimensions).map((value) => value * scale) };
}

/** The real API: no key is 403, a wrong key is 400 API_KEY_INVALID. */
function rejectKey(
  request: FakeRequest,
  options: GeminiEmbeddingOptions,
): [number, string, string] | null {
  const key = request.headers['x-goog-api-key'];
  if (typeof key !== 'string' || key === '') {
    return [
      403,
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      'PERMISSION_DENIED',
    ];
  }
  if (options.apiKey && key !== options.apiKey) {
    return [400, 'API key not valid. Please pass a valid API key.', 'INVALID_ARGUMENT'];
  }
  return null;
}

/**
 * `POST /v1beta/models/<model>:batchEmbedContents` and `:embedContent` as the
 * Gemini Developer API answers them, key in `x-goog-api-key`. Chat routes on
 * the same prefix are exact per model, so spreading both route sets composes.
 */
export function geminiEmbeddingRoutes(options: GeminiEmbeddingOptions = {}): FakeRoutes {
  return {
    'POST /v1beta/models/*': (request, response) => {
      const [model = '', method = ''] = request.path.slice('/v1beta/models/'.length).split(':');
      const rejected = rejectKey(request, options);
      if (rejected) return sendError(response, ...rejected);
      const failure = options.fail;
      if (failure && (failure.times === undefined || failure.times > 0)) {
        if (failure.times !== undefined) failure.times--;
        return failure.status === 429
          ? sendError(
              response,
              429,
              'Resource has been exhausted (e.g. check quota).',
              'RESOURCE_EXHAUSTED',
            )
          : sendError(
              response,
              500,
              'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
              'INTERNAL',
            );
      }
      if (!model.startsWith('gemini-embedding') && !model.startsWith('text-embedding')) {
        return sendError(
          response,
          404,
          `models/${model} is not found for API version v1beta, or is not supported for ${method}.`,
          'NOT_FOUND',
        );
      }
      if (method === 'embedContent') {
        const result = embed(request.body as EmbedRequest);
        if (typeof result === 'string') return sendError(response, 400, result, 'INVALID_ARGUMENT');
        return sendJson(response, 200, { embedding: result });
      }
      if (method !== 'batchEmbedContents') {
        return sendError(response, 404, `Method ${method} not found`, 'NOT_FOUND');
      }
      const requests = (request.body as { requests?: EmbedRequest[] } | undefined)?.requests;
      if (!Array.isArray(requests) || requests.length === 0 || requests.length > MAX_BATCH) {
        return sendError(
          response,
          400,
          `* BatchEmbedContentsRequest.requests: at most ${MAX_BATCH} requests are allowed in a batch`,
          'INVALID_ARGUMENT',
        );
      }
      const embeddings: Array<{ values: number[] }> = [];
      for (const item of requests) {
        if (item.model !== `models/${model}`) {
          return sendError(
            response,
            400,
            `* BatchEmbedContentsRequest.model: the request model ${String(item.model)} must match models/${model}`,
            'INVALID_ARGUMENT',
          );
        }
        const result = embed(item);
        if (typeof result === 'string') return sendError(response, 400, result, 'INVALID_ARGUMENT');
        embeddings.push(result);
      }
      sendJson(response, 200, { embeddings });
    },
  };
}
