import type { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import pino from 'pino';
import type {
  AgentSession,
  AgentSessionConfig,
  AgentSessionEvents,
} from '../../../src/server/voice/providers/agent-session.js';
import { GeminiLiveProvider } from '../../../src/server/voice/providers/gemini/provider.js';
import type { FakeGeminiLive } from '../../fakes/gemini-live-server.js';
import { toneSamples } from '../../fakes/pcm-tone.js';

export type RecordedEvent = {
  [K in keyof AgentSessionEvents]: { name: K; args: AgentSessionEvents[K] };
}[keyof AgentSessionEvents];

const EVENT_NAMES: Array<keyof AgentSessionEvents> = [
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

/** Every event the session emits, in order. */
export function recordEvents(session: EventEmitter<AgentSessionEvents>) {
  const events: RecordedEvent[] = [];
  for (const name of EVENT_NAMES) {
    session.on(name, (...args: unknown[]) => {
      events.push({ name, args } as RecordedEvent);
    });
  }
  const named = <K extends keyof AgentSessionEvents>(name: K) =>
    events
      .filter((event): event is Extract<RecordedEvent, { name: K }> => event.name === name)
      .map((event) => event.args[0] as AgentSessionEvents[K][0]);
  return {
    events,
    named,
    names: () => events.map((event) => event.name).filter((name) => name !== 'audio'),
    finals: (speaker: 'caller' | 'agent') =>
      named('transcript.final')
        .filter((final) => final?.speaker === speaker)
        .map((final) => final?.text),
    audioSamples(responseId?: string): number {
      return named('audio')
        .filter((audio) => !responseId || audio?.responseId === responseId)
        .reduce((total, audio) => total + (audio?.frame.samples.length ?? 0), 0);
    },
  };
}

export function sessionConfig(overrides: Partial<AgentSessionConfig> = {}): AgentSessionConfig {
  return {
    instructions: 'You answer calls for Pine Street Dental.',
    voice: 'kore',
    speed: 1,
    tools: [],
    vad: { threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 400 },
    inputTranscription: true,
    callId: 'call-test-1',
    ...overrides,
  };
}

export function geminiSession(
  fake: FakeGeminiLive,
  config: AgentSessionConfig = sessionConfig(),
  options: { apiKey?: string; model?: string; connectTimeoutMs?: number } = {},
) {
  const logLines: string[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  const provider = new GeminiLiveProvider({
    apiKey: options.apiKey ?? fake.apiKey,
    baseUrl: fake.url,
    model: options.model ?? 'gemini-3.8-live',
    logger,
    ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
  });
  const session = provider.createSession(config);
  return { session, provider, logLines, recorded: recordEvents(session) };
}

const FRAME_SAMPLES_16K = 320;

/** `speechMs` of a 440 Hz tone then `silenceMs` of silence, in 20 ms frames at 16 kHz. */
export function sendUtterance(session: AgentSession, speechMs: number, silenceMs = 500): number {
  let sent = 0;
  for (let ms = 0; ms < speechMs; ms += 20) {
    session.sendAudio({
      samples: toneSamples(sent, FRAME_SAMPLES_16K, 16_000),
      sampleRate: 16_000,
    });
    sent += FRAME_SAMPLES_16K;
  }
  for (let ms = 0; ms < silenceMs; ms += 20) {
    session.sendAudio({ samples: new Int16Array(FRAME_SAMPLES_16K), sampleRate: 16_000 });
    sent += FRAME_SAMPLES_16K;
  }
  return sent;
}

/** Resolves once `predicate` holds, polling (events arrive over a real socket). */
export async function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
