import { GoogleGenAI, type LiveServerMessage, Modality } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectWithRetry,
  ProviderConnectError,
} from '../../../src/server/voice/providers/connect-with-retry.js';
import { activitySensitivity } from '../../../src/server/voice/providers/gemini/setup.js';
import type { GeminiLiveScript } from '../../fakes/gemini-live-server.js';
import { type FakeGeminiLive, startFakeGeminiLive } from '../../fakes/gemini-live-server.js';
import { toneSamples } from '../../fakes/pcm-tone.js';
import { geminiSession, sendUtterance, sessionConfig, until } from './gemini-live-helpers.js';

// GeminiLiveSession against a fake Gemini Live server speaking the real
// BidiGenerateContent protocol, reached only through the base URL.

const fakes: FakeGeminiLive[] = [];
const sessions: Array<{ close(): Promise<void> }> = [];

async function start(script: GeminiLiveScript = {}) {
  const fake = await startFakeGeminiLive(script);
  fakes.push(fake);
  return fake;
}

function open(
  fake: FakeGeminiLive,
  config = sessionConfig(),
  options: Parameters<typeof geminiSession>[2] = {},
) {
  const made = geminiSession(fake, config, options);
  sessions.push(made.session);
  return made;
}

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

const kbTool = {
  name: 'search_knowledge',
  description: 'Search the knowledge base',
  parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
};

describe('Gemini Live session setup', () => {
  it('sends the call config as the setup and resolves only after setupComplete', async () => {
    const fake = await start({ setupCompleteDelayMs: 150 });
    const { session } = open(
      fake,
      sessionConfig({
        tools: [kbTool],
        vad: { threshold: 0.8, prefixPaddingMs: 250, silenceDurationMs: 700 },
      }),
    );
    const startedAt = Date.now();
    await session.connect();
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(140);

    const [connection] = fake.connections;
    expect(connection?.path).toBe(
      '/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent',
    );
    expect(connection?.query.get('key')).toBe(fake.apiKey);
    expect(connection?.setup).toEqual({
      model: 'models/gemini-3.8-live',
      generationConfig: {
        responseModalities: ['AUDIO'],
        speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } } },
      },
      systemInstruction: {
        role: 'user',
        parts: [{ text: 'You answer calls for Pine Street Dental.' }],
      },
      tools: [
        {
          functionDeclarations: [
            {
              name: 'search_knowledge',
              description: 'Search the knowledge base',
              parametersJsonSchema: kbTool.parameters,
            },
          ],
        },
      ],
      realtimeInputConfig: {
        automaticActivityDetection: {
          disabled: false,
          startOfSpeechSensitivity: 'START_SENSITIVITY_LOW',
          endOfSpeechSensitivity: 'END_SENSITIVITY_HIGH',
          prefixPaddingMs: 250,
          silenceDurationMs: 700,
        },
        activityHandling: 'START_OF_ACTIVITY_INTERRUPTS',
      },
      inputAudioTranscription: {},
      outputAudioTranscription: {},
      sessionResumption: {},
      contextWindowCompression: { slidingWindow: {} },
    });
    expect(session.capabilities).toMatchObject({
      serverVad: true,
      truncation: false,
      inputSampleRate: 16_000,
      outputSampleRate: 24_000,
    });
  });

  it('maps the VAD threshold onto start/end sensitivities, defaults around 0.5', () => {
    expect(activitySensitivity(0.1)).toEqual({
      start: 'START_SENSITIVITY_HIGH',
      end: 'END_SENSITIVITY_LOW',
    });
    expect(activitySensitivity(0.5)).toEqual({
      start: 'START_SENSITIVITY_HIGH',
      end: 'END_SENSITIVITY_HIGH',
    });
    expect(activitySensitivity(0.9)).toEqual({
      start: 'START_SENSITIVITY_LOW',
      end: 'END_SENSITIVITY_HIGH',
    });
  });

  it('falls back to the default voice for a voice Gemini lacks, leaves out disabled input transcription and words a slow speed into the instructions', async () => {
    const fake = await start();
    const { session } = open(
      fake,
      sessionConfig({ voice: 'marin', inputTranscription: false, speed: 0.7 }),
    );
    await session.connect();
    const setup = fake.connections[0]?.setup as Record<string, unknown>;
    expect(setup.generationConfig).toMatchObject({
      speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Puck' } } },
    });
    expect(setup).not.toHaveProperty('inputAudioTranscription');
    expect(JSON.stringify(setup.systemInstruction)).toContain('Speak slowly');
  });
});

describe('Gemini Live conversation', () => {
  it('carries 16 kHz caller audio in and 24 kHz answer audio, transcripts and usage out', async () => {
    const fake = await start({
      replies: [
        {
          callerText: ['When do ', 'you open?'],
          agentText: ['We open ', 'at nine.'],
          audioMsPerPiece: 200,
        },
      ],
    });
    const { session, recorded, logLines } = open(fake);
    await session.connect();
    const sent = sendUtterance(session, 300, 500);
    await until(() => recorded.named('response.done').length === 1);

    const received = fake.connections[0]?.audio;
    expect(received).toEqual({ samples: sent, sampleRates: [16_000], loudChunks: 15 });
    expect(fake.unscripted).toEqual([]);
    const audioMessage = fake.connections[0]?.messages.find((m) => 'realtimeInput' in m);
    expect(audioMessage).toMatchObject({
      realtimeInput: { audio: { mimeType: 'audio/pcm;rate=16000' } },
    });

    const [started] = recorded.named('response.started');
    const frames = recorded.named('audio');
    expect(frames.every((a) => a.responseId === started?.responseId)).toBe(true);
    expect(frames.every((a) => a.frame.sampleRate === 24_000)).toBe(true);
    const joined = Int16Array.from(frames.flatMap((a) => Array.from(a.frame.samples)));
    expect(joined).toEqual(toneSamples(0, 9600, 24_000));
    expect(recorded.named('response.done')).toEqual([
      { responseId: started?.responseId, status: 'completed' },
    ]);

    expect(recorded.finals('caller')).toEqual(['When do you open?']);
    expect(recorded.finals('agent')).toEqual(['We open at nine.']);
    expect(recorded.names()).toEqual([
      'speech.started',
      'transcript.delta',
      'transcript.delta',
      'speech.stopped',
      'response.started',
      'transcript.delta',
      'transcript.delta',
      'transcript.final',
      'transcript.final',
      'response.done',
      'usage',
    ]);
    const [usage] = recorded.named('usage');
    expect(usage).toMatchObject({ outputAudioMs: 400, inputAudioMs: 800 });
    expect(usage?.inputTokens).toBeGreaterThan(0);
    expect(usage?.outputTokens).toBe(10);

    const logs = logLines.join('');
    expect(logs).not.toContain(fake.apiKey);
    expect(logs).not.toContain('nine');
  });

  it('speaks a given text through a clientContent turn', async () => {
    const fake = await start({
      replies: [(trigger) => ({ agentText: [trigger.kind === 'text' ? 'Hello there!' : '?'] })],
    });
    const { session, recorded } = open(fake);
    await session.connect();
    session.say('Hello there!');
    await until(() => recorded.named('response.done').length === 1);
    const content = fake.connections[0]?.messages.find((m) => 'clientContent' in m);
    expect(content).toMatchObject({
      clientContent: { turns: [{ role: 'user' }], turnComplete: true },
    });
    expect(JSON.stringify(content)).toContain('Hello there!');
    expect(recorded.finals('agent')).toEqual(['Hello there!']);
    expect(recorded.audioSamples()).toBe(4800);
  });

  it('say() during an answer ends that answer without reporting caller speech', async () => {
    const fake = await start({
      replies: [
        { agentText: ['A ', 'long ', 'story ', 'told ', 'slowly.'], chunkIntervalMs: 20 },
        { agentText: ['Are you still there?'] },
      ],
    });
    const { session, recorded } = open(fake);
    await session.connect();
    sendUtterance(session, 200);
    await until(() => recorded.audioSamples() > 0);
    session.say('Are you still there?');
    await until(() => recorded.named('response.done').length === 2);
    expect(recorded.named('response.done').map((d) => d.status)).toEqual([
      'cancelled',
      'completed',
    ]);
    expect(recorded.named('speech.started')).toEqual([]);
    expect(recorded.finals('agent').at(-1)).toBe('Are you still there?');
  });

  it('hands a tool call to the runner and its result back to Gemini', async () => {
    const fake = await start({
      replies: [
        {
          callerText: ['Are you open Sunday?'],
          toolCalls: [{ name: 'search_knowledge', args: { query: 'sunday hours' } }],
        },
        (trigger) => {
          const output =
            trigger.kind === 'toolResponse'
              ? String(
                  (trigger.functionResponses[0]?.response as { output?: string } | undefined)
                    ?.output,
                )
              : 'no result';
          return { agentText: [output] };
        },
      ],
    });
    const { session, recorded } = open(fake, sessionConfig({ tools: [kbTool] }));
    await session.connect();
    sendUtterance(session, 200);
    await until(() => recorded.named('tool.call').length === 1);
    const [call] = recorded.named('tool.call');
    expect(call).toMatchObject({ name: 'search_knowledge', arguments: { query: 'sunday hours' } });

    session.sendToolResult(call?.callId ?? '', 'Closed on Sundays.');
    await until(() => recorded.named('response.done').length === 1);
    const response = fake.connections[0]?.messages.find((m) => 'toolResponse' in m);
    expect(response).toEqual({
      toolResponse: {
        functionResponses: [
          {
            id: call?.callId,
            name: 'search_knowledge',
            response: { output: 'Closed on Sundays.' },
          },
        ],
      },
    });
    expect(recorded.finals('agent')).toEqual(['Closed on Sundays.']);
  });

  it('reports a barge-in: speech.started, the answer cancelled, its audio stopped', async () => {
    const fake = await start({
      replies: [
        {
          callerText: ['Tell me everything.'],
          agentText: ['One, ', 'two, ', 'three, ', 'four, ', 'five, ', 'six.'],
          chunkIntervalMs: 20,
        },
        { callerText: ['Stop.'], agentText: ['Sure.'] },
      ],
    });
    const { session, recorded } = open(fake);
    await session.connect();
    sendUtterance(session, 200);
    await until(() => recorded.audioSamples() > 0);
    const [first] = recorded.named('response.started');
    const speechStartsBefore = recorded.named('speech.started').length;
    sendUtterance(session, 200);

    await until(() => recorded.named('response.done').length === 2);
    const [interrupted, next] = recorded.named('response.done');
    expect(interrupted).toEqual({ responseId: first?.responseId, status: 'cancelled' });
    expect(next?.status).toBe('completed');
    expect(recorded.named('speech.started').length).toBe(speechStartsBefore + 1);
    // The interrupted answer's final is only what had been said; nothing of it after the cut.
    const [partial] = recorded.finals('agent');
    expect(partial).not.toContain('six');
    const doneAt = recorded.events.findIndex((e) => e.name === 'response.done');
    const lateAudio = recorded.events
      .slice(doneAt)
      .filter((e) => e.name === 'audio' && e.args[0].responseId === first?.responseId);
    expect(lateAudio).toEqual([]);
    expect(recorded.finals('caller')).toEqual(['Tell me everything.', 'Stop.']);
    expect(recorded.names().filter((n) => n === 'error')).toEqual([]);
  });

  it('drops the result of a tool call Gemini cancelled on a barge-in', async () => {
    const fake = await start({
      replies: [
        { toolCalls: [{ name: 'search_knowledge', args: { query: 'x' } }] },
        { agentText: ['Go ahead.'] },
      ],
    });
    const { session, recorded } = open(fake, sessionConfig({ tools: [kbTool] }));
    await session.connect();
    sendUtterance(session, 200);
    await until(() => recorded.named('tool.call').length === 1);
    sendUtterance(session, 200);
    await until(() => recorded.named('response.done').length === 1);
    const messages = fake.connections[0]?.messages ?? [];
    const before = messages.length;
    session.sendToolResult(recorded.named('tool.call')[0]?.callId ?? '', 'late');
    // A frame sent afterwards on the same socket arrives after any tool response would have.
    session.sendAudio({ samples: new Int16Array(320), sampleRate: 16_000 });
    await until(() => messages.slice(before).some((m) => 'realtimeInput' in m));
    expect(messages.some((m) => 'toolResponse' in m)).toBe(false);
    expect(fake.connections[0]?.closed).toBeNull();
  });

  it('cancelResponse stops forwarding the answer at once and the next turn still works', async () => {
    const fake = await start({
      replies: [
        { agentText: ['A ', 'long ', 'answer ', 'here.'], chunkIntervalMs: 20 },
        { agentText: ['Next.'] },
      ],
    });
    const { session, recorded } = open(fake);
    await session.connect();
    sendUtterance(session, 200);
    await until(() => recorded.audioSamples() > 0);
    session.cancelResponse();
    const [first] = recorded.named('response.started');
    const samplesAtCancel = recorded.audioSamples(first?.responseId);
    expect(recorded.named('response.done')).toEqual([
      { responseId: first?.responseId, status: 'cancelled' },
    ]);
    // Gemini knows nothing of the cancel and sends the rest of the answer.
    const sent = fake.connections[0]?.sent ?? [];
    const turnComplete = (m: (typeof sent)[number]) =>
      (m as { serverContent?: { turnComplete?: boolean } }).serverContent?.turnComplete === true;
    await until(() => sent.some(turnComplete));

    // The next answer comes after the rest of the first on the same socket.
    sendUtterance(session, 200);
    await until(() => recorded.named('response.done').length === 2);
    expect(recorded.finals('agent').at(-1)).toBe('Next.');
    expect(recorded.audioSamples(first?.responseId)).toBe(samplesAtCancel);
  });
});

describe('Gemini Live goAway', () => {
  it('resumes on a new connection with the latest handle without the caller noticing', async () => {
    const fake = await start({
      replies: [
        { agentText: ['First answer.'], goAway: { timeLeft: '50s', closeAfterMs: 3000 } },
        { agentText: ['Second answer.'] },
      ],
      // A slow setup keeps the resume window open while the caller talks.
      setupCompleteDelayMs: 100,
    });
    const { session, recorded } = open(fake);
    await session.connect();
    const first = sendUtterance(session, 200);
    await until(() => recorded.named('response.done').length === 1);
    const second = sendUtterance(session, 200);

    await until(() => recorded.named('response.done').length === 2);
    expect(fake.connections).toHaveLength(2);
    const [old, resumed] = fake.connections;
    const handles = (old?.sent ?? []).flatMap((m) => {
      const update = m.sessionResumptionUpdate as { newHandle?: string } | undefined;
      return update?.newHandle ? [update.newHandle] : [];
    });
    expect(handles).toHaveLength(1);
    expect(resumed?.setup?.sessionResumption).toEqual({ handle: handles[0] });
    expect(old?.closed).toMatchObject({ by: 'client', code: 1000 });
    // What the caller said while the session moved is replayed on the new connection.
    expect(old?.audio.samples).toBe(first);
    expect(resumed?.audio.samples).toBe(second);
    expect(recorded.finals('agent')).toEqual(['First answer.', 'Second answer.']);
    expect(recorded.audioSamples()).toBeGreaterThan(0);
    expect(recorded.names().filter((n) => n === 'error' || n === 'closed')).toEqual([]);
  });

  it('lets an answer in flight finish before moving to the new connection', async () => {
    const fake = await start({
      replies: [
        { agentText: ['Hi.'] },
        {
          agentText: ['This ', 'answer ', 'is ', 'not ', 'cut.'],
          chunkIntervalMs: 5,
          goAway: { midTurn: true, closeAfterMs: 3000 },
        },
        { agentText: ['Third.'] },
      ],
    });
    const { session, recorded } = open(fake);
    await session.connect();
    sendUtterance(session, 200);
    await until(() => recorded.named('response.done').length === 1);
    sendUtterance(session, 200);
    await until(() => recorded.named('response.done').length === 2);
    await fake.waitFor(() => fake.connections.length === 2 && fake.connections[0]?.closed !== null);
    sendUtterance(session, 200);
    await until(() => recorded.named('response.done').length === 3);
    expect(recorded.finals('agent')).toEqual(['Hi.', 'This answer is not cut.', 'Third.']);
    expect(recorded.named('response.done').map((d) => d.status)).toEqual([
      'completed',
      'completed',
      'completed',
    ]);
    expect(recorded.names().filter((n) => n === 'error' || n === 'closed')).toEqual([]);
  });

  it('stays quiet when Gemini drops the old connection before the new one is ready', async () => {
    const fake = await start({
      replies: [
        { agentText: ['First.'], goAway: { timeLeft: '1s', closeAfterMs: 20 } },
        { agentText: ['Second.'] },
      ],
      setupCompleteDelayMs: 150,
    });
    const { session, recorded } = open(fake);
    await session.connect();
    sendUtterance(session, 200);
    await until(() => fake.connections[0]?.closed?.by === 'server');
    sendUtterance(session, 200);
    await until(() => recorded.named('response.done').length === 2);
    expect(fake.connections).toHaveLength(2);
    expect(recorded.finals('agent')).toEqual(['First.', 'Second.']);
    expect(recorded.names().filter((n) => n === 'error' || n === 'closed')).toEqual([]);
  });
});

describe('Gemini Live failures', () => {
  it('rejects connect() with auth_failed when Gemini refuses the key', async () => {
    const fake = await start();
    const { session, recorded } = open(fake, sessionConfig(), { apiKey: 'wrong-key' });
    const error = await session.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderConnectError);
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false });
    expect(fake.connections[0]?.closed).toMatchObject({ code: 1007, by: 'server' });
    expect(recorded.events).toEqual([]);
  });

  it('rejects an unknown model with rejected', async () => {
    const fake = await start();
    const { session } = open(fake, sessionConfig(), { model: 'gemini-9-live' });
    await expect(session.connect()).rejects.toMatchObject({ code: 'rejected' });
  });

  it('rejects connect() with a retryable timeout when the setup is never completed', async () => {
    const fake = await start({ setupCompleteDelayMs: 2000 });
    const { session } = open(fake, sessionConfig(), { connectTimeoutMs: 100 });
    await expect(session.connect()).rejects.toMatchObject({ code: 'timeout', retryable: true });
  });

  it('connects through the shared retry helper after a transient refusal', async () => {
    const fake = await start({ refuseConnections: [{ httpStatus: 503 }] });
    const { session } = open(fake);
    const retries: string[] = [];
    await connectWithRetry(session, {
      baseDelayMs: 10,
      onRetry: ({ error }) => retries.push(error.code),
    });
    expect(retries).toEqual(['server_error']);
    expect(fake.connections).toHaveLength(1);
  });

  it('reports malformed server frames as errors and keeps going', async () => {
    const fake = await start({
      replies: [
        {
          rawFrames: ['not json {', '{"serverContent":{"modelTurn":{"parts":"oops"}}}'],
          agentText: ['Still here.'],
        },
      ],
    });
    const { session, recorded } = open(fake);
    await session.connect();
    sendUtterance(session, 200);
    await until(() => recorded.named('response.done').length === 1);
    expect(recorded.named('error')).toEqual([
      expect.objectContaining({ code: 'malformed_frame', fatal: false }),
      expect.objectContaining({ code: 'malformed_frame', fatal: false }),
    ]);
    expect(recorded.finals('agent')).toEqual(['Still here.']);
    expect(recorded.named('closed')).toEqual([]);
  });

  it('reports a connection closed mid-call as a fatal error, then closed', async () => {
    const fake = await start({
      replies: [
        {
          agentText: ['Half'],
          closeMidTurn: { code: 1011, reason: 'Internal error encountered.' },
        },
      ],
    });
    const { session, recorded } = open(fake);
    await session.connect();
    sendUtterance(session, 200);
    await until(() => recorded.named('closed').length === 1);
    expect(recorded.named('response.done').map((d) => d.status)).toEqual(['failed']);
    expect(recorded.named('error')).toEqual([
      expect.objectContaining({ code: 'server_error', fatal: true }),
    ]);
    expect(recorded.names().slice(-2)).toEqual(['error', 'closed']);
  });
});

describe('fake Gemini Live fidelity', () => {
  it('serves the official @google/genai Live client unchanged', async () => {
    const fake = await start({ replies: [{ callerText: ['Hi'], agentText: ['Hello!'] }] });
    const ai = new GoogleGenAI({ apiKey: fake.apiKey, httpOptions: { baseUrl: fake.url } });
    const messages: LiveServerMessage[] = [];
    const live = await ai.live.connect({
      model: 'gemini-3.8-live',
      config: {
        responseModalities: [Modality.AUDIO],
        speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } } },
        systemInstruction: 'Be brief.',
        outputAudioTranscription: {},
      },
      callbacks: { onmessage: (message) => messages.push(message) },
    });
    sessions.push({ close: async () => live.close() });
    const speech = toneSamples(0, 3200, 16_000);
    const silence = new Int16Array(9600);
    for (const samples of [speech, silence]) {
      live.sendRealtimeInput({
        audio: {
          data: Buffer.from(samples.buffer).toString('base64'),
          mimeType: 'audio/pcm;rate=16000',
        },
      });
    }
    await until(() => messages.some((m) => m.serverContent?.turnComplete));
    expect(messages[0]?.setupComplete).toBeDefined();
    expect(messages.some((m) => m.data)).toBe(true);
    expect(fake.connections[0]?.setup?.model).toBe('models/gemini-3.8-live');
  });
});
