import type { EventEmitter } from 'node:events';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AudioFrame } from '../../../src/server/voice/audio/frame.js';
import type {
  AgentSession,
  AgentSessionConfig,
  AgentSessionEvents,
} from '../../../src/server/voice/providers/agent-session.js';
import {
  connectWithRetry,
  ProviderConnectError,
} from '../../../src/server/voice/providers/connect-with-retry.js';
import {
  OpenAIRealtimeProvider,
  type OpenAIRealtimeProviderOptions,
} from '../../../src/server/voice/providers/openai/provider.js';
import {
  FAKE_OPENAI_KEY,
  type FakeOpenAIRealtime,
  type FakeOpenAIRealtimeScript,
  startFakeOpenAIRealtime,
} from '../../fakes/openai-realtime-server.js';
import { toneSamples } from '../../fakes/pcm-tone.js';

const SEARCH_TOOL = {
  name: 'search_knowledge_base',
  description: 'Searches the company knowledge base.',
  parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
};

const baseConfig: AgentSessionConfig = {
  instructions: 'You answer calls for Acme Dental.',
  voice: 'cedar',
  speed: 1,
  tools: [SEARCH_TOOL],
  vad: { threshold: 0.6, prefixPaddingMs: 250, silenceDurationMs: 700 },
  inputTranscription: true,
  callId: 'call-test-1',
};

type Recorded = { name: keyof AgentSessionEvents; args: unknown[] };

const EVENT_NAMES: (keyof AgentSessionEvents)[] = [
  'speech.started',
  'speech.stopped',
  'response.started',
  'audio',
  'response.done',
  'transcript.delta',
  'transcript.final',
  'tool.call',
  'usage',
  'error',
  'closed',
];

let fake: FakeOpenAIRealtime | undefined;
const sessions: AgentSession[] = [];

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  await fake?.close();
  fake = undefined;
});

async function startFake(script: FakeOpenAIRealtimeScript = {}): Promise<FakeOpenAIRealtime> {
  fake = await startFakeOpenAIRealtime(script);
  return fake;
}

function openSession(
  server: FakeOpenAIRealtime,
  config: Partial<AgentSessionConfig> = {},
  options: Partial<OpenAIRealtimeProviderOptions> = {},
  { listenForErrors = true } = {},
) {
  const provider = new OpenAIRealtimeProvider({
    apiKey: FAKE_OPENAI_KEY,
    baseUrl: server.url,
    ...options,
  });
  const session = provider.createSession({ ...baseConfig, ...config });
  sessions.push(session);
  const log: Recorded[] = [];
  for (const name of EVENT_NAMES) {
    if (name === 'error' && !listenForErrors) continue;
    (session as unknown as EventEmitter).on(name, (...args: unknown[]) => log.push({ name, args }));
  }
  const of = <K extends keyof AgentSessionEvents>(name: K) =>
    log.filter((entry) => entry.name === name).map((entry) => entry.args as AgentSessionEvents[K]);
  return { provider, session, log, of };
}

async function connected(...args: Parameters<typeof openSession>) {
  const opened = openSession(...args);
  await opened.session.connect();
  return opened;
}

const until = (check: () => void, timeout = 5_000) => vi.waitFor(check, { timeout, interval: 10 });

function rampFrame(offset: number, sampleRate = 24000): AudioFrame {
  const samples = new Int16Array((sampleRate * 20) / 1000);
  for (let i = 0; i < samples.length; i++) samples[i] = (((offset + i) * 37) % 20000) - 10000;
  return { samples, sampleRate };
}

function joinSamples(frames: AudioFrame[]): Int16Array {
  const joined = new Int16Array(frames.reduce((sum, frame) => sum + frame.samples.length, 0));
  let at = 0;
  for (const frame of frames) {
    joined.set(frame.samples, at);
    at += frame.samples.length;
  }
  return joined;
}

async function rejectionOf(promise: Promise<unknown>): Promise<ProviderConnectError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ProviderConnectError);
  return error as ProviderConnectError;
}

describe('OpenAIRealtimeProvider: session setup', () => {
  it('declares what it can do', async () => {
    const server = await startFake();
    const { provider } = openSession(server);
    expect(provider.name).toBe('openai');
    expect(provider.capabilities).toEqual({
      serverVad: true,
      truncation: true,
      inputTranscription: true,
      outputTranscription: true,
      inputSampleRate: 24000,
      outputSampleRate: 24000,
      voices: [
        'alloy',
        'ash',
        'ballad',
        'coral',
        'echo',
        'sage',
        'shimmer',
        'verse',
        'marin',
        'cedar',
      ],
    });
  });

  it('connects with the GA handshake and sends the nested session.update before resolving', async () => {
    const server = await startFake();
    const { session } = openSession(server, { speed: 1.8 });
    await session.connect();

    expect(server.handshakes).toEqual([
      {
        path: '/v1/realtime',
        model: 'gpt-realtime',
        authorization: `Bearer ${FAKE_OPENAI_KEY}`,
        openaiBeta: undefined,
        extensions: undefined,
        status: 101,
      },
    ]);
    expect(server.sentOf('session.updated')).toHaveLength(1);
    expect(server.sentOf('error')).toEqual([]);
    expect(server.eventsOf('session.update')).toEqual([
      {
        type: 'session.update',
        session: {
          type: 'realtime',
          instructions: 'You answer calls for Acme Dental.',
          output_modalities: ['audio'],
          audio: {
            input: {
              format: { type: 'audio/pcm', rate: 24000 },
              transcription: { model: 'gpt-4o-mini-transcribe' },
              turn_detection: {
                type: 'server_vad',
                threshold: 0.6,
                prefix_padding_ms: 250,
                silence_duration_ms: 700,
                create_response: true,
                interrupt_response: true,
              },
            },
            output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'cedar', speed: 1.5 },
          },
          tools: [{ type: 'function', ...SEARCH_TOOL }],
          tool_choice: 'auto',
        },
      },
    ]);
  });

  it('clamps a slow speed, keeps to OpenAI voices and can leave transcription off', async () => {
    const server = await startFake({ model: 'gpt-realtime-mini' });
    await connected(
      server,
      { speed: 0.1, voice: 'Kore', inputTranscription: false, tools: [] },
      { model: 'gpt-realtime-mini' },
    );
    const [update] = server.eventsOf('session.update') as Array<{
      session: { audio: { input: { transcription: unknown }; output: unknown }; tools: unknown };
    }>;
    expect(update?.session.audio.output).toEqual({
      format: { type: 'audio/pcm', rate: 24000 },
      voice: 'marin',
      speed: 0.25,
    });
    expect(update?.session.audio.input.transcription).toBeNull();
    expect(update?.session.tools).toEqual([]);
    expect(server.handshakes[0]?.model).toBe('gpt-realtime-mini');
    expect(server.sentOf('error')).toEqual([]);
  });
});

describe('OpenAIRealtimeProvider: connect failures', () => {
  it('rejects a refused key with auth_failed, without retrying and without echoing the key', async () => {
    const server = await startFake();
    const { session } = openSession(server, {}, { apiKey: 'sk-wrong-key-do-not-log' });
    const error = await rejectionOf(connectWithRetry(session, { attempts: 3, baseDelayMs: 5 }));
    expect(error.code).toBe('auth_failed');
    expect(error.status).toBe(401);
    expect(error.retryable).toBe(false);
    expect(error.message).not.toContain('sk-');
    expect(server.handshakes.map((h) => h.status)).toEqual([401]);
  });

  it('retries 5xx refusals with exponential backoff, then connects', async () => {
    const server = await startFake({ refuse: [500, 503] });
    const { session } = openSession(server);
    const retries: Array<{ attempt: number; delayMs: number; code: string }> = [];
    await connectWithRetry(session, {
      attempts: 3,
      baseDelayMs: 20,
      onRetry: ({ attempt, delayMs, error }) =>
        retries.push({ attempt, delayMs, code: error.code }),
    });
    expect(retries).toEqual([
      { attempt: 1, delayMs: 20, code: 'server_error' },
      { attempt: 2, delayMs: 40, code: 'server_error' },
    ]);
    expect(server.handshakes.map((h) => h.status)).toEqual([500, 503, 101]);
    expect(server.sentOf('session.updated')).toHaveLength(1);
  });

  it('gives up after the last attempt with the last error', async () => {
    const server = await startFake({ refuse: [500, 500, 500, 500] });
    const { session } = openSession(server);
    const error = await rejectionOf(connectWithRetry(session, { attempts: 3, baseDelayMs: 5 }));
    expect(error.code).toBe('server_error');
    expect(server.handshakes).toHaveLength(3);
  });

  it('times out when the session is never confirmed', async () => {
    const server = await startFake({ answerSessionUpdate: false });
    const { session } = openSession(server, {}, { connectTimeoutMs: 300 });
    const error = await rejectionOf(session.connect());
    expect(error.code).toBe('timeout');
    expect(error.retryable).toBe(true);
    expect(server.eventsOf('session.update')).toHaveLength(1);
  });

  it('reports an unreachable host and a refused model with their own codes', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const server = await startFake();
    const unreachable = openSession({ ...server, url: `http://127.0.0.1:${closedPort}/v1` });
    expect((await rejectionOf(unreachable.session.connect())).code).toBe('unreachable');

    const wrongModel = openSession(server, {}, { model: 'gpt-no-such-model' });
    const error = await rejectionOf(wrongModel.session.connect());
    expect(error.code).toBe('rejected');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('gpt-no-such-model');
  });

  it('refuses connect() on a closed session', async () => {
    const server = await startFake();
    const { session } = await connected(server);
    await session.close();
    expect((await rejectionOf(session.connect())).code).toBe('invalid_state');
  });
});

describe('OpenAIRealtimeProvider: audio, transcripts and usage', () => {
  it('sends caller audio as base64 PCM16 and refuses frames of another rate', async () => {
    const server = await startFake();
    const { session } = await connected(server);
    const frames = [rampFrame(0), rampFrame(480), rampFrame(960)];
    for (const frame of frames) session.sendAudio(frame);
    expect(() => session.sendAudio(rampFrame(0, 16000))).toThrow(RangeError);
    await until(() => expect(server.eventsOf('input_audio_buffer.append')).toHaveLength(3));
    expect(server.callerAudio()).toEqual(joinSamples(frames));
    expect(server.sentOf('error')).toEqual([]);
  });

  it('turns a caller turn into speech events, both transcripts, 24 kHz audio and usage', async () => {
    const server = await startFake({
      turnAfterAudioMs: 60,
      turns: [
        { transcript: 'When do you open?', reply: { say: 'We open at nine.', audioMs: 500 } },
      ],
    });
    const { session, log, of } = await connected(server);
    for (let i = 0; i < 3; i++) session.sendAudio(rampFrame(i * 480));
    await until(() => expect(of('response.done')).toHaveLength(1));

    const order = log.map((entry) => entry.name).filter((name) => name !== 'audio');
    expect(order.slice(0, 2)).toEqual(['speech.started', 'speech.stopped']);
    expect(order.indexOf('response.started')).toBeLessThan(order.indexOf('response.done'));

    const [[started] = []] = of('response.started');
    const audio = of('audio').map(([chunk]) => chunk);
    expect(audio.every((chunk) => chunk.responseId === started?.responseId)).toBe(true);
    expect(audio.every((chunk) => chunk.frame.sampleRate === 24000)).toBe(true);
    expect(joinSamples(audio.map((chunk) => chunk.frame))).toEqual(toneSamples(0, 12000));

    const finals = of('transcript.final').map(([t]) => t);
    expect(finals).toEqual([
      { speaker: 'caller', text: 'When do you open?' },
      { speaker: 'agent', text: 'We open at nine.' },
    ]);
    const callerDeltas = of('transcript.delta')
      .map(([t]) => t)
      .filter((t) => t.speaker === 'caller');
    expect(callerDeltas.map((t) => t.text).join('')).toBe('When do you open?');
    const agentDeltas = of('transcript.delta')
      .map(([t]) => t)
      .filter((t) => t.speaker === 'agent');
    expect(agentDeltas.map((t) => t.text).join('')).toBe('We open at nine.');

    expect(of('response.done')).toEqual([
      [{ responseId: started?.responseId, status: 'completed' }],
    ]);
    const [doneEvent] = server.sentOf('response.done') as Array<{
      response: { usage: { input_tokens: number; output_tokens: number } };
    }>;
    expect(of('usage')).toEqual([
      [
        {
          inputTokens: doneEvent?.response.usage.input_tokens,
          outputTokens: doneEvent?.response.usage.output_tokens,
          outputAudioMs: 500,
        },
      ],
    ]);
  });

  it('emits no caller transcript when transcription is off', async () => {
    const server = await startFake({
      turns: [{ transcript: 'Hello?', reply: { say: 'Hi.', audioMs: 100 } }],
    });
    const { of } = await connected(server, { inputTranscription: false });
    await server.callerTurn();
    await until(() => expect(of('response.done')).toHaveLength(1));
    expect(of('transcript.final').map(([t]) => t.speaker)).toEqual(['agent']);
  });
});

describe('OpenAIRealtimeProvider: tools', () => {
  it('emits a tool call, sends the result and lets the model answer from it', async () => {
    const server = await startFake({
      turns: [
        {
          transcript: 'Is there parking?',
          reply: { toolCall: { name: 'search_knowledge_base', arguments: '{"query":"parking"}' } },
        },
      ],
      replies: [{ say: 'Yes, behind the building.', audioMs: 200 }],
    });
    const { session, of } = await connected(server);
    // Answered at once, while the call's response is still open on both sides:
    // the follow-up response.create must wait for it.
    session.on('tool.call', ({ callId }) =>
      session.sendToolResult(callId, '{"found":"Free parking"}'),
    );
    await server.callerTurn();
    await until(() => expect(of('response.done')).toHaveLength(2));

    const [argsDone] = server.sentOf('response.function_call_arguments.done');
    expect(of('tool.call')).toEqual([
      [
        {
          callId: argsDone?.call_id,
          name: 'search_knowledge_base',
          arguments: { query: 'parking' },
        },
      ],
    ]);
    expect(server.eventsOf('conversation.item.create')).toEqual([
      {
        type: 'conversation.item.create',
        item: {
          type: 'function_call_output',
          call_id: argsDone?.call_id,
          output: '{"found":"Free parking"}',
        },
      },
    ]);
    expect(server.eventsOf('response.create')).toHaveLength(1);
    expect(server.sentOf('error')).toEqual([]);
    expect(of('transcript.final').at(-1)).toEqual([
      { speaker: 'agent', text: 'Yes, behind the building.' },
    ]);
  });

  it('reports tool arguments that are not JSON as an error event and keeps going', async () => {
    const server = await startFake({
      turns: [
        { reply: { toolCall: { name: 'search_knowledge_base', arguments: '{"query": park' } } },
      ],
    });
    const { session, of } = await connected(server);
    await server.callerTurn();
    await until(() => expect(of('response.done')).toHaveLength(1));
    expect(of('tool.call')).toEqual([]);
    expect(of('error')).toEqual([
      [{ code: 'invalid_tool_arguments', message: expect.any(String), fatal: false }],
    ]);
    session.say('Sorry, could you repeat that?');
    await until(() => expect(of('response.done')).toHaveLength(2));
  });
});

describe('OpenAIRealtimeProvider: say, cancel and truncate', () => {
  it('says a given text through response.create in the conversation', async () => {
    const server = await startFake();
    const { session, of } = await connected(server);
    session.say('Thanks for calling Acme Dental.');
    await until(() => expect(of('response.done')).toHaveLength(1));
    const [create] = server.eventsOf('response.create') as Array<{
      response: { instructions: string; conversation?: string };
    }>;
    expect(create?.response.instructions).toContain('"Thanks for calling Acme Dental."');
    expect(create?.response.conversation).toBeUndefined();
    expect(of('transcript.final')).toEqual([
      [{ speaker: 'agent', text: 'Thanks for calling Acme Dental.' }],
    ]);
    expect(of('audio').length).toBeGreaterThan(0);
  });

  it('queues a say() behind the answer in flight, also when the server was first', async () => {
    const server = await startFake({ pacing: 'realtime', chunkMs: 50 });
    const { session, of } = await connected(server);
    // The fake starts its answer before our response.create arrives: the API
    // refuses ours (conversation_already_has_active_response) and it must go again later.
    void server.callerTurn({ reply: { say: 'First answer.', audioMs: 200 } });
    session.say('Second.');
    await until(() => expect(of('response.done')).toHaveLength(2));
    expect(server.sentOf('error').map((e) => (e.error as { code: string }).code)).toEqual([
      'conversation_already_has_active_response',
    ]);
    expect(of('error')).toEqual([]);
    expect(of('transcript.final').map(([t]) => t.text)).toEqual(['First answer.', 'Second.']);
    expect(of('response.done').map(([d]) => d.status)).toEqual(['completed', 'completed']);
  });

  it('cancels the answer in flight, and sends nothing when none is', async () => {
    const server = await startFake({
      pacing: 'realtime',
      chunkMs: 50,
      replies: [{ say: 'This is a long answer that will be cut off.', audioMs: 3000 }],
    });
    const { session, of } = await connected(server);
    session.cancelResponse();
    session.say('This is a long answer that will be cut off.');
    await until(() => expect(of('audio').length).toBeGreaterThanOrEqual(2));
    const audioBeforeCancel = of('audio').length;
    session.cancelResponse();
    await until(() => expect(of('response.done')).toHaveLength(1));

    const [[started] = []] = of('response.started');
    expect(of('response.done')).toEqual([
      [{ responseId: started?.responseId, status: 'cancelled' }],
    ]);
    expect(server.eventsOf('response.cancel')).toEqual([
      { type: 'response.cancel', response_id: started?.responseId },
    ]);
    // After the cancel: a chunk sent while it travelled, and the one the fake lets follow it
    // as if on the wire; a third if the machine stalls. A cancel sent late lets many more through.
    expect(of('audio').length).toBeLessThanOrEqual(audioBeforeCancel + 3);
    expect(server.sentOf('error')).toEqual([]);
  });

  it('truncates at what was heard, never beyond the audio generated', async () => {
    const server = await startFake({ pacing: 'realtime', chunkMs: 50 });
    const { session, of } = await connected(server);
    session.say('A long answer the caller interrupts.');
    await until(() => expect(of('audio').length).toBeGreaterThanOrEqual(3));
    session.cancelResponse();
    await until(() => expect(of('response.done')).toHaveLength(1));
    const [[started] = []] = of('response.started');
    const responseId = started?.responseId ?? '';
    const receivedMs = of('audio').reduce(
      (sum, [chunk]) => sum + (chunk.frame.samples.length * 1000) / chunk.frame.sampleRate,
      0,
    );
    const itemId = server.sentOf('response.output_audio.delta')[0]?.item_id;

    session.truncate(responseId, 60_000);
    session.truncate(responseId, 120.7);
    session.truncate('resp_unknown', 100);
    await until(() => expect(server.sentOf('conversation.item.truncated')).toHaveLength(2));

    expect(server.eventsOf('conversation.item.truncate')).toEqual([
      {
        type: 'conversation.item.truncate',
        item_id: itemId,
        content_index: 0,
        audio_end_ms: Math.floor(receivedMs),
      },
      { type: 'conversation.item.truncate', item_id: itemId, content_index: 0, audio_end_ms: 120 },
    ]);
    expect(server.sentOf('error')).toEqual([]);
  });
});

describe('OpenAIRealtimeProvider: errors and closing', () => {
  it('emits closed when the server drops the connection', async () => {
    const server = await startFake();
    const { session, of } = await connected(server);
    server.dropConnections(1011);
    await until(() => expect(of('closed')).toEqual([[{ reason: 'server_closed' }]]));
    expect(() => session.sendAudio(rampFrame(0))).not.toThrow();
  });

  it('ends the session on session_expired: fatal error, then closed once', async () => {
    const server = await startFake();
    const { of } = await connected(server);
    server.expireSession();
    await until(() => expect(of('closed')).toHaveLength(1));
    expect(of('error')).toEqual([
      [
        {
          code: 'session_expired',
          message: 'Your session hit the maximum duration of 60 minutes.',
          fatal: true,
        },
      ],
    ]);
    expect(of('closed')).toEqual([[{ reason: 'session_expired' }]]);
  });

  it('passes other server errors on as non-fatal and stays open', async () => {
    const server = await startFake();
    const { session, of } = await connected(server);
    server.sendError({ type: 'server_error', message: 'The server had an error.' });
    await until(() => expect(of('error')).toHaveLength(1));
    expect(of('error')[0]).toEqual([
      { code: 'server_error', message: 'The server had an error.', fatal: false },
    ]);
    session.say('Still here.');
    await until(() => expect(of('response.done')).toHaveLength(1));
    expect(of('closed')).toEqual([]);
  });

  it('reports malformed server events as errors instead of crashing', async () => {
    const server = await startFake();
    const { session, of } = await connected(server);
    server.sendRaw('{"type": "response.output_audio.delta", ');
    server.sendRaw(
      JSON.stringify({ type: 'response.created', response: { status: 'in_progress' } }),
    );
    const delta = { type: 'response.output_audio.delta', response_id: 'resp_1', item_id: 'item_1' };
    server.sendRaw(JSON.stringify({ ...delta, delta: 'not base64!' }));
    server.sendRaw(JSON.stringify({ ...delta, item_id: 7, delta: 'AAAA' }));
    server.sendRaw(JSON.stringify({ type: 'rate_limits.updated', rate_limits: [] }));
    await until(() => expect(of('error')).toHaveLength(4));
    expect(of('error').map(([e]) => [e.code, e.fatal])).toEqual([
      ['malformed_server_event', false],
      ['malformed_server_event', false],
      ['malformed_server_event', false],
      ['malformed_server_event', false],
    ]);
    expect(of('audio')).toEqual([]);
    session.say('Still working.');
    await until(() => expect(of('response.done')).toHaveLength(1));
  });

  it('survives malformed events with no error listener attached', async () => {
    const server = await startFake();
    const { session, of } = await connected(server, {}, {}, { listenForErrors: false });
    server.sendRaw('not json at all');
    session.say('Fine.');
    await until(() => expect(of('response.done')).toHaveLength(1));
  });

  it('closes on request with reason client_closed', async () => {
    const server = await startFake();
    const { session, of } = await connected(server);
    await session.close();
    expect(of('closed')).toEqual([[{ reason: 'client_closed' }]]);
    await session.close();
    expect(of('closed')).toHaveLength(1);
  });
});
