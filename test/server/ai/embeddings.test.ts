import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmbeddings } from '../../../src/server/ai/create-embeddings.js';
import { GeminiEmbeddings } from '../../../src/server/ai/gemini-embeddings.js';
import { OpenAIEmbeddings } from '../../../src/server/ai/openai-embeddings.js';
import { loadConfig } from '../../../src/server/config.js';
import {
  type FakeRequest,
  type FakeServer,
  startFakeServer,
} from '../../fakes/fake-http-server.js';
import {
  type GeminiEmbeddingOptions,
  geminiEmbeddingRoutes,
} from '../../fakes/gemini-embeddings.js';
import { hashEmbedding } from '../../fakes/hash-embedding.js';
import {
  type OpenAIEmbeddingOptions,
  openaiEmbeddingRoutes,
} from '../../fakes/openai-embeddings.js';

const OPENAI_KEY = 'sk-test-embeddings-0123456789';
const GEMINI_KEY = 'gemini-test-key-0123456789';

const openaiOptions: OpenAIEmbeddingOptions = { apiKey: OPENAI_KEY };
const geminiOptions: GeminiEmbeddingOptions = { apiKey: GEMINI_KEY };
let fake: FakeServer;

beforeAll(async () => {
  fake = await startFakeServer({
    ...openaiEmbeddingRoutes(openaiOptions),
    ...geminiEmbeddingRoutes(geminiOptions),
  });
});
afterAll(() => fake?.close());
beforeEach(() => {
  fake.requests.length = 0;
  openaiOptions.fail = undefined;
  geminiOptions.fail = undefined;
});

const texts = (count: number) =>
  Array.from({ length: count }, (_, i) => `passage ${i} about topic ${i % 7}`);
const norm = (vector: number[]) => Math.hypot(...vector);
const cosine = (a: number[], b: number[]) =>
  a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => new Error('no error'),
    (error: unknown) => error as Error,
  );
}

describe('OpenAIEmbeddings', () => {
  const openai = (options: { apiKey?: string; maxRetries?: number } = {}) =>
    new OpenAIEmbeddings({
      apiKey: options.apiKey ?? OPENAI_KEY,
      baseUrl: `${fake.url}/v1`,
      maxRetries: options.maxRetries ?? 0,
    });

  it('embeds in batches of at most 100, in input order, as unit vectors of 1536', async () => {
    const inputs = texts(250);
    const vectors = await openai().embed(inputs, 'document');
    const calls = fake.requests.filter((r) => r.path === '/v1/embeddings');
    expect(calls.map((r) => (r.body as { input: string[] }).input.length)).toEqual([100, 100, 50]);
    expect(calls[0]?.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    expect(calls[0]?.body).toMatchObject({
      model: 'text-embedding-3-small',
      encoding_format: 'base64',
    });
    expect(vectors).toHaveLength(250);
    for (const [index, vector] of vectors.entries()) {
      expect(vector).toHaveLength(1536);
      expect(norm(vector)).toBeCloseTo(1, 4);
      // The SDK decodes base64 float32; the fake's vector for this very input comes back.
      expect(cosine(vector, hashEmbedding(inputs[index] ?? ''))).toBeCloseTo(1, 4);
    }
  });

  it('explains a server error and a rejected key without echoing the key', async () => {
    openaiOptions.fail = { status: 500 };
    const serverError = await rejection(openai().embed(['a'], 'document'));
    expect(serverError.name).toBe('EmbeddingError');
    expect(serverError.message).toBe(
      'OpenAI answered HTTP 500: The server had an error while processing your request. Sorry about that!',
    );
    openaiOptions.fail = undefined;
    const badKey = await rejection(openai({ apiKey: 'sk-wrong-key-987654' }).embed(['a'], 'query'));
    expect(badKey.message).toBe('OpenAI rejected the API key (HTTP 401)');
    expect(badKey.message).not.toContain('sk-');
  });

  it('retries a rate limit and then succeeds', async () => {
    openaiOptions.fail = { status: 429, times: 1 };
    const [vector] = await openai({ maxRetries: 1 }).embed(['after a retry'], 'query');
    expect(vector).toHaveLength(1536);
    expect(fake.requests.filter((r) => r.path === '/v1/embeddings')).toHaveLength(2);
  });

  it('reports a rate limit it could not retry through', async () => {
    openaiOptions.fail = { status: 429 };
    const error = await rejection(openai().embed(['a'], 'document'));
    expect(error.message).toMatch(/^OpenAI rate limit or quota exceeded: Rate limit reached/);
  });
});

describe('GeminiEmbeddings', () => {
  const gemini = (options: { apiKey?: string } = {}) =>
    new GeminiEmbeddings({
      apiKey: options.apiKey ?? GEMINI_KEY,
      baseUrl: fake.url,
      maxRetries: 0,
    });

  it('embeds documents in batches of 100 for retrieval, cut to 1536 and scaled to unit length', async () => {
    const inputs = texts(150);
    const vectors = await gemini().embed(inputs, 'document');
    const calls = batchCalls();
    expect(calls.map((r) => r.path)).toEqual([
      '/v1beta/models/gemini-embedding-001:batchEmbedContents',
      '/v1beta/models/gemini-embedding-001:batchEmbedContents',
    ]);
    expect(calls[0]?.headers['x-goog-api-key']).toBe(GEMINI_KEY);
    const requests = requestsOf(calls[0]);
    expect(requests).toHaveLength(100);
    expect(requests[0]).toEqual({
      model: 'models/gemini-embedding-001',
      content: { parts: [{ text: inputs[0] }], role: 'user' },
      taskType: 'RETRIEVAL_DOCUMENT',
      outputDimensionality: 1536,
    });
    expect(requestsOf(calls[1])).toHaveLength(50);
    expect(vectors).toHaveLength(150);
    for (const [index, vector] of vectors.entries()) {
      expect(vector).toHaveLength(1536);
      expect(norm(vector)).toBeCloseTo(1, 6);
      expect(cosine(vector, hashEmbedding(inputs[index] ?? ''))).toBeCloseTo(1, 6);
    }
  });

  it('embeds queries as RETRIEVAL_QUERY', async () => {
    await gemini().embed(['What are your opening hours?'], 'query');
    const [call] = batchCalls();
    expect(requestsOf(call)[0]).toMatchObject({ taskType: 'RETRIEVAL_QUERY' });
  });

  it('explains a quota error and a rejected key', async () => {
    geminiOptions.fail = { status: 429 };
    const quota = await rejection(gemini().embed(['a'], 'document'));
    expect(quota.name).toBe('EmbeddingError');
    expect(quota.message).toBe(
      'Gemini rate limit or quota exceeded: Resource has been exhausted (e.g. check quota).',
    );
    geminiOptions.fail = undefined;
    const badKey = await rejection(gemini({ apiKey: 'wrong' }).embed(['a'], 'document'));
    expect(badKey.message).toBe(
      'Gemini answered HTTP 400: API key not valid. Please pass a valid API key.',
    );
  });
});

describe('createEmbeddings', () => {
  const providers = (env: Record<string, string>) => loadConfig(env).providers;

  it('prefers OpenAI, falls back to Gemini, and is absent without a key', () => {
    expect(
      createEmbeddings(providers({ OPENAI_API_KEY: 'sk-a', GEMINI_API_KEY: 'g-b' }))?.name,
    ).toBe('openai');
    expect(createEmbeddings(providers({ GEMINI_API_KEY: 'g-b' }))?.name).toBe('gemini');
    expect(createEmbeddings(providers({}))).toBeUndefined();
  });

  it('talks to the configured base URL', async () => {
    const embeddings = createEmbeddings(
      providers({ GEMINI_API_KEY: GEMINI_KEY, GEMINI_BASE_URL: fake.url }),
    );
    const [near, far, query] = (await embeddings?.embed(
      [
        'We are open Monday to Friday.',
        'Parking is behind the building.',
        'When are you open on Monday?',
      ],
      'document',
    )) ?? [[], [], []];
    expect(cosine(query ?? [], near ?? [])).toBeGreaterThan(cosine(query ?? [], far ?? []));
    expect(batchCalls()).toHaveLength(1);
  });
});

function requestsOf(request: FakeRequest | undefined): unknown[] {
  return (request?.body as { requests?: unknown[] } | undefined)?.requests ?? [];
}

function batchCalls() {
  return fake.requests.filter((r) => r.path.endsWith(':batchEmbedContents'));
}
