import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type ChatModel,
  ChatModelError,
  type ChatModelEvent,
  type ChatModelInput,
  type ChatModelToolCall,
  redactSecrets,
} from '../../../src/server/chat/chat-model.js';
import { GeminiChatModel } from '../../../src/server/chat/providers/gemini-chat.js';
import { OpenAIChatModel } from '../../../src/server/chat/providers/openai-chat.js';
import { type ChatProviderHarness, chatProviderHarnesses } from '../../fakes/chat-providers.js';
import { type FakeServer, startFakeServer } from '../../fakes/fake-http-server.js';

const harnesses = chatProviderHarnesses();
let fake: FakeServer;

beforeAll(async () => {
  fake = await startFakeServer(Object.assign({}, ...harnesses.map((h) => h.routes)));
});
afterAll(() => fake?.close());

/** The production model class of a harness, pointed at `baseUrl` with the harness's key. */
function modelFor(h: ChatProviderHarness, baseUrl: string, modelId = h.modelId): ChatModel {
  const env = h.env(baseUrl);
  if (h.provider === 'openai') {
    return new OpenAIChatModel({
      apiKey: env.OPENAI_API_KEY ?? '',
      baseUrl: env.OPENAI_BASE_URL,
      model: modelId,
      maxRetries: 0,
    });
  }
  return new GeminiChatModel({
    apiKey: env.GEMINI_API_KEY ?? '',
    baseUrl: env.GEMINI_BASE_URL,
    model: modelId,
  });
}

async function collect(model: ChatModel, input: Partial<ChatModelInput> = {}) {
  const events: ChatModelEvent[] = [];
  for await (const event of model.stream({
    systemPrompt: 'You are a test assistant.',
    messages: [{ role: 'user', content: 'Hi' }],
    tools: [
      {
        name: 'lookup',
        description: 'Looks something up.',
        parameters: {
          type: 'object',
          properties: { query: { type: 'string' } },
          required: ['query'],
        },
      },
    ],
    ...input,
  })) {
    events.push(event);
  }
  return events;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the stream to fail');
}

describe.each(harnesses)('$label chat model', (h) => {
  let model: ChatModel;
  const lastRequest = () => fake.requests.filter(h.isChatRequest).at(-1);
  beforeAll(() => {
    model = modelFor(h, fake.url);
  });
  beforeEach(() => h.queue());

  it('streams text deltas in order, then done with usage', async () => {
    h.queue({ say: ['Hel', 'lo ', 'there'] });
    const events = await collect(model);
    expect(events.slice(0, 3)).toEqual([
      { type: 'text', delta: 'Hel' },
      { type: 'text', delta: 'lo ' },
      { type: 'text', delta: 'there' },
    ]);
    const done = events.at(-1);
    expect(done?.type).toBe('done');
    expect(done?.type === 'done' && done.usage?.inputTokens).toBeGreaterThan(0);
    const request = lastRequest();
    if (!request) throw new Error('no request');
    expect(h.systemPromptOf(request)).toBe('You are a test assistant.');
    expect(h.toolNamesIn(request)).toEqual(['lookup']);
  });

  it('assembles a streamed tool call and accepts its result back in the history', async () => {
    const args = { query: 'opening hours on "public" holidays', limit: 3 };
    h.queue({ call: 'lookup', args }, { say: ['Closed.'] });
    const events = await collect(model);
    const call = events.find((e) => e.type === 'tool_call');
    expect(call).toMatchObject({ type: 'tool_call', name: 'lookup', arguments: args });
    const { type: _type, ...toolCall } = call as ChatModelToolCall & { type: string };

    // The fake rejects an orphan tool result (OpenAI) or a call without its thought signature (Gemini).
    const next = await collect(model, {
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: '', toolCalls: [toolCall] },
        { role: 'tool', toolCallId: toolCall.id, name: 'lookup', content: 'We are closed.' },
      ],
    });
    expect(next[0]).toEqual({ type: 'text', delta: 'Closed.' });
    const request = lastRequest();
    if (!request) throw new Error('no request');
    expect(h.toolResultsOf(request)).toEqual(['We are closed.']);
  });

  it('forbids tool calls when asked to answer in text', async () => {
    h.queue({ say: ['Fine.'] });
    await collect(model, { toolChoice: 'none' });
    const request = lastRequest();
    if (!request) throw new Error('no request');
    expect(h.toolsAllowedIn(request)).toBe(false);
  });

  it('throws a ChatModelError with status, retryability and the provider message', async () => {
    h.queue({ fail: 503, message: 'The model is overloaded.' });
    const overloaded = await failure(collect(model));
    expect(overloaded).toBeInstanceOf(ChatModelError);
    expect(overloaded).toMatchObject({
      provider: h.provider,
      status: 503,
      retryable: true,
      providerMessage: 'The model is overloaded.',
    });

    h.queue({ fail: 400, message: 'Invalid request.' });
    expect(await failure(collect(model))).toMatchObject({ status: 400, retryable: false });
  });

  it('never carries the API key, even when the provider echoes it', async () => {
    const key = Object.entries(h.env(fake.url)).find(([name]) => name.endsWith('_API_KEY'))?.[1];
    if (!key) throw new Error('harness has no key');
    h.queue({ fail: 401, message: `Incorrect API key provided: ${key}.` });
    const error = (await failure(collect(model))) as ChatModelError;
    expect(error.status).toBe(401);
    expect(error.message).not.toContain(key);
    expect(error.providerMessage).toBe('Incorrect API key provided: [redacted].');
  });

  it('reports an unreachable server as a retryable error without status', async () => {
    const closed = await startFakeServer({});
    await closed.close();
    const error = await failure(collect(modelFor(h, closed.url)));
    expect(error).toBeInstanceOf(ChatModelError);
    expect(error).toMatchObject({ status: null, retryable: true });
  });

  it('stops when the signal aborts, without a ChatModelError', async () => {
    const controller = new AbortController();
    h.queue({ say: ['Hel', 'lo'], pauseAfterFirst: new Promise(() => {}) });
    const error = await failure(
      (async () => {
        for await (const event of model.stream({
          systemPrompt: 'x',
          messages: [{ role: 'user', content: 'Hi' }],
          tools: [],
          signal: controller.signal,
        })) {
          if (event.type === 'text') controller.abort();
        }
        throw new Error('stream ended normally');
      })(),
    );
    expect(error).not.toBeInstanceOf(ChatModelError);
    expect(controller.signal.aborted).toBe(true);
  });
});

describe('OpenAI request parameters', () => {
  const [openai] = harnesses;
  const body = () => fake.requests.filter((r) => openai?.isChatRequest(r)).at(-1)?.body;

  it('uses max_completion_tokens and no temperature for GPT-5 models, with usage streamed', async () => {
    if (!openai) throw new Error('no OpenAI harness');
    openai.queue({ say: ['ok'] });
    await collect(modelFor(openai, fake.url, 'gpt-5-nano'));
    expect(body()).toMatchObject({
      model: 'gpt-5-nano',
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: expect.any(Number),
    });
    expect(body()).not.toHaveProperty('temperature');
    expect(body()).not.toHaveProperty('max_tokens');
  });

  it('uses max_tokens and a low temperature for other OpenAI-compatible models', async () => {
    if (!openai) throw new Error('no OpenAI harness');
    openai.queue({ say: ['ok'] });
    await collect(modelFor(openai, fake.url, 'llama3.1:8b'));
    expect(body()).toMatchObject({ model: 'llama3.1:8b', max_tokens: expect.any(Number) });
    expect(body()).toHaveProperty('temperature');
  });
});

describe('redactSecrets', () => {
  it('removes the given secrets and anything shaped like an OpenAI or Google key', () => {
    expect(
      redactSecrets(
        'key my-own-secret, sk-proj-abcdefgh12345678 and AIzaSyA1234567890abcdefghijk',
        ['my-own-secret'],
      ),
    ).toBe('key [redacted], [redacted] and [redacted]');
  });
});
