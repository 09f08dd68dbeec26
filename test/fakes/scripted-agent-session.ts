import { EventEmitter } from 'node:events';
import type { AudioFrame } from '../../src/server/voice/audio/frame.js';
import type {
  AgentProvider,
  AgentSession,
  AgentSessionConfig,
  AgentSessionEvents,
  ProviderCapabilities,
} from '../../src/server/voice/providers/agent-session.js';
import {
  ProviderConnectError,
  type ProviderConnectErrorCode,
} from '../../src/server/voice/providers/connect-with-retry.js';

export const SCRIPTED_CAPABILITIES: ProviderCapabilities = {
  serverVad: true,
  truncation: true,
  inputTranscription: true,
  outputTranscription: true,
  inputSampleRate: 24000,
  outputSampleRate: 24000,
  voices: ['marin', 'cedar'],
};

/** Milliseconds of agent audio per spoken word, so longer answers take longer to hear. */
export const MS_PER_WORD = 300;

/**
 * An AgentSession of our own interface for runner unit tests: it records
 * every call the runner makes (into a log shared with the caller leg, so the
 * order of clear / cancel / truncate shows) and emits provider events on cue.
 * By default it answers every `say` with that text, as a provider would.
 */
export class ScriptedAgentSession extends EventEmitter<AgentSessionEvents> implements AgentSession {
  readonly capabilities: ProviderCapabilities;
  readonly audioIn: AudioFrame[] = [];
  readonly said: string[] = [];
  readonly toolResults: Array<{ callId: string; output: string }> = [];
  readonly connectAttemptsAt: number[] = [];
  /** Rejects this many connect() calls before one succeeds. */
  failConnects = 0;
  connectError: ProviderConnectErrorCode = 'unreachable';
  /** Answers each say() with its text; off to script answers by hand. */
  speaksSays = true;
  closed = false;
  #responses = 0;

  constructor(
    readonly config: AgentSessionConfig,
    readonly log: string[] = [],
    capabilities: Partial<ProviderCapabilities> = {},
  ) {
    super();
    this.capabilities = { ...SCRIPTED_CAPABILITIES, ...capabilities };
  }

  async connect(): Promise<void> {
    this.connectAttemptsAt.push(performance.now());
    this.log.push('session.connect');
    if (this.connectAttemptsAt.length <= this.failConnects) {
      throw new ProviderConnectError(this.connectError, 'connect ECONNREFUSED 127.0.0.1:9');
    }
  }

  sendAudio(frame: AudioFrame): void {
    this.audioIn.push(frame);
  }

  cancelResponse(): void {
    this.log.push('session.cancelResponse');
  }

  truncate(responseId: string, playedMs: number): void {
    this.log.push(`session.truncate:${responseId}:${playedMs}`);
  }

  say(text: string): void {
    this.log.push(`session.say:${text}`);
    this.said.push(text);
    if (this.speaksSays) queueMicrotask(() => this.answer(text));
  }

  remember(text: string): void {
    this.log.push(`session.remember:${text}`);
  }

  sendToolResult(callId: string, output: string): void {
    this.log.push(`session.toolResult:${callId}`);
    this.toolResults.push({ callId, output });
  }

  async close(): Promise<void> {
    this.log.push('session.close');
    this.closed = true;
  }

  /**
   * One whole answer: started, its audio (MS_PER_WORD per word, in 20 ms
   * frames), the transcript as deltas then final, done. Returns its id.
   */
  answer(
    text: string,
    options: { final?: boolean; done?: boolean; audioMs?: number } = {},
  ): string {
    const responseId = this.startAnswer();
    const words = text.split(/\s+/).filter(Boolean);
    this.audio(responseId, options.audioMs ?? words.length * MS_PER_WORD);
    for (const [i, word] of words.entries()) {
      this.emit('transcript.delta', { speaker: 'agent', text: i === 0 ? word : ` ${word}` });
    }
    if (options.final ?? true) this.emit('transcript.final', { speaker: 'agent', text });
    if (options.done ?? true) this.emit('response.done', { responseId, status: 'completed' });
    return responseId;
  }

  startAnswer(): string {
    const responseId = `resp_${++this.#responses}`;
    this.emit('response.started', { responseId });
    return responseId;
  }

  audio(responseId: string, durationMs: number): void {
    const rate = this.capabilities.outputSampleRate;
    const frameSamples = (rate * 20) / 1000;
    for (let ms = 0; ms < durationMs; ms += 20) {
      const samples = new Int16Array(frameSamples).fill(1000);
      this.emit('audio', { responseId, frame: { samples, sampleRate: rate } });
    }
  }

  /** The caller's turn as the provider reports it: VAD start and stop, then the transcript. */
  callerSays(text: string): void {
    this.emit('speech.started');
    this.emit('speech.stopped');
    this.emit('transcript.final', { speaker: 'caller', text });
  }
}

/** A provider handing out scripted sessions, keeping each one for the test to drive. */
export class ScriptedProvider implements AgentProvider {
  readonly name = 'openai' as const;
  readonly capabilities: ProviderCapabilities;
  readonly sessions: ScriptedAgentSession[] = [];

  constructor(
    private readonly setup: (session: ScriptedAgentSession) => void = () => {},
    capabilities: Partial<ProviderCapabilities> = {},
    readonly log: string[] = [],
  ) {
    this.capabilities = { ...SCRIPTED_CAPABILITIES, ...capabilities };
  }

  createSession(config: AgentSessionConfig): ScriptedAgentSession {
    const session = new ScriptedAgentSession(config, this.log, this.capabilities);
    this.setup(session);
    this.sessions.push(session);
    return session;
  }
}
