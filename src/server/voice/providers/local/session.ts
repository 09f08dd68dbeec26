import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { AudioFrame } from '../../audio/frame.js';
import { ProviderUnavailableError } from '../../runner/provider-unavailable.js';
import type {
  AgentSession,
  AgentSessionConfig,
  AgentSessionEvents,
  ProviderCapabilities,
} from '../agent-session.js';
import { ProviderConnectError } from '../connect-with-retry.js';
import { CallerListener } from './caller-listener.js';
import type { LocalEngineParts } from './engine.js';
import { type AnswerLog, heardText } from './heard-text.js';
import type { BrainOutput, PhraseGrammar, RecognitionMode, VoiceBrain } from './parts.js';
import { LOCAL_INPUT_RATE } from './parts.js';
import { ResponseSpeaker } from './response-speaker.js';
import { SpeechDetector } from './vad/speech-detector.js';

/** What one call gives the local engine: its brain and how to listen. */
export type LocalCallContext = {
  brain(config: AgentSessionConfig): Promise<VoiceBrain>;
  recognition: RecognitionMode;
  /** The phrases grammar-mode recognition listens for; read only in that mode. */
  grammar(): Promise<PhraseGrammar>;
};

export type LocalSessionOptions = {
  parts(): Promise<LocalEngineParts>;
  call: LocalCallContext;
  config: AgentSessionConfig;
  capabilities: ProviderCapabilities;
  logger: Logger;
};

type Live = { listener: CallerListener; brain: VoiceBrain; parts: LocalEngineParts };
type Answer = { responseId: string; abort: AbortController; log: AnswerLog };

export const NOT_UNDERSTOOD = "Sorry, I didn't catch that. Could you say it again?";

// The local VAD ends a turn sooner than cloud providers: its latency is ours to keep low.
const MAX_SILENCE_MS = 400;

/**
 * A call answered on this server: voice activity detection and
 * speech-to-text hear the caller, the brain answers, text-to-speech speaks
 * it sentence by sentence. Maps all of that onto the AgentSession events.
 */
export class LocalAgentSession extends EventEmitter<AgentSessionEvents> implements AgentSession {
  readonly capabilities: ProviderCapabilities;
  readonly #o: LocalSessionOptions;
  #state: 'new' | 'connecting' | 'open' | 'closed' = 'new';
  #live: Live | null = null;
  #answers: Promise<void> = Promise.resolve();
  #current: Answer | null = null;
  /** The answer the caller may still be hearing, for truncation. */
  #lastAnswer: Answer | null = null;
  readonly #pendingTools = new Map<string, (output: string) => void>();
  #responses = 0;
  #toolCalls = 0;

  constructor(options: LocalSessionOptions) {
    super();
    this.#o = options;
    this.capabilities = options.capabilities;
  }

  async connect(): Promise<void> {
    if (this.#state !== 'new')
      throw new ProviderConnectError('invalid_state', 'session already used');
    this.#state = 'connecting';
    const { call, config } = this.#o;
    let live: Live;
    try {
      const parts = await this.#o.parts();
      const [brain, grammar] = await Promise.all([
        call.brain(config),
        call.recognition === 'grammar' ? call.grammar() : Promise.resolve(null),
      ]);
      const detector = new SpeechDetector({
        vad: parts.vad.createStream(),
        threshold: config.vad.threshold,
        minSilenceMs: Math.min(config.vad.silenceDurationMs, MAX_SILENCE_MS),
        prefixPaddingMs: config.vad.prefixPaddingMs,
      });
      const listener = new CallerListener({
        detector,
        transcriber: parts.transcriber,
        recognition: { mode: call.recognition, grammar },
        logger: this.#o.logger,
        openAnswer: () => brain.expectsOpenAnswer?.() ?? false,
      });
      live = { listener, brain, parts };
    } catch (err) {
      if (this.#state === 'connecting') this.#state = 'new';
      const message = (err as Error).message;
      throw new ProviderConnectError(
        err instanceof ProviderUnavailableError ? 'rejected' : 'server_error',
        message,
      );
    }
    if (this.#state !== 'connecting') {
      live.listener.close();
      throw new ProviderConnectError('closed', 'session closed while connecting');
    }
    live.listener.on('speech.started', () => this.emit('speech.started'));
    live.listener.on('speech.stopped', () => this.emit('speech.stopped'));
    live.listener.on('utterance', (text) => this.#onCallerText(text));
    live.listener.on('unclear', () => this.say(NOT_UNDERSTOOD));
    this.#live = live;
    this.#state = 'open';
  }

  sendAudio(frame: AudioFrame): void {
    if (this.#state !== 'open' || frame.sampleRate !== LOCAL_INPUT_RATE) return;
    this.#live?.listener.push(frame.samples);
  }

  cancelResponse(): void {
    this.#current?.abort.abort();
  }

  truncate(responseId: string, playedMs: number): void {
    const answer = this.#lastAnswer;
    if (answer?.responseId !== responseId) return;
    answer.abort.abort();
    this.#live?.brain.correctLastAnswer(heardText(answer.log, playedMs));
  }

  say(text: string): void {
    this.#enqueue(async (output) => {
      output.text(text);
      this.#live?.brain.remember(text);
    });
  }

  // The offline brain answers each utterance on its own: there is no conversation to extend.
  remember(): void {}

  sendToolResult(callId: string, output: string): void {
    const resolve = this.#pendingTools.get(callId);
    this.#pendingTools.delete(callId);
    resolve?.(output);
  }

  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#current?.abort.abort();
    for (const resolve of this.#pendingTools.values()) resolve('The call has ended.');
    this.#pendingTools.clear();
    this.#live?.listener.close();
    this.#live = null;
    this.emit('closed', { reason: 'client_closed' });
  }

  #onCallerText(text: string): void {
    this.emit('transcript.final', { speaker: 'caller', text });
    // A newer question makes an answer still being composed pointless.
    this.#current?.abort.abort();
    this.#enqueue(
      (output, signal) => this.#live?.brain.reply(text, output, signal) ?? Promise.resolve(),
    );
  }

  #enqueue(compose: (output: BrainOutput, signal: AbortSignal) => Promise<void>): void {
    this.#answers = this.#answers.then(() => this.#answer(compose)).catch((err) => this.#fail(err));
  }

  async #answer(
    compose: (output: BrainOutput, signal: AbortSignal) => Promise<void>,
  ): Promise<void> {
    const live = this.#live;
    if (this.#state !== 'open' || !live) return;
    const answer: Answer = {
      responseId: `local_resp_${++this.#responses}`,
      abort: new AbortController(),
      log: { sentences: [] },
    };
    const { responseId, abort } = answer;
    this.#current = answer;
    this.#lastAnswer = answer;
    const usage = { inputTokens: 0, outputTokens: 0 };
    const speaker = new ResponseSpeaker({
      synthesizer: live.parts.synthesizer,
      voice: this.#o.config.voice,
      speed: this.#o.config.speed,
      signal: abort.signal,
      onAudio: (frame) => this.emit('audio', { responseId, frame }),
      onSentence: (text) => {
        answer.log.sentences.push({ text: text.trim(), startMs: speaker.audioMs });
        this.emit('transcript.delta', { speaker: 'agent', text });
      },
      logger: this.#o.logger,
      callId: this.#o.config.callId,
    });
    this.emit('response.started', { responseId });
    try {
      await compose(
        {
          text: (delta) => speaker.push(delta),
          toolCall: (name, args) => this.#toolCall(name, args, abort.signal),
          usage: (u) => {
            usage.inputTokens += u.inputTokens;
            usage.outputTokens += u.outputTokens;
          },
        },
        abort.signal,
      );
      await speaker.end();
    } finally {
      if (this.#current === answer) this.#current = null;
    }
    if (this.#live !== live) return;
    const cancelled = abort.signal.aborted;
    if (!cancelled && speaker.spokenText) {
      this.emit('transcript.final', { speaker: 'agent', text: speaker.spokenText });
    }
    this.emit('response.done', { responseId, status: cancelled ? 'cancelled' : 'completed' });
    if (usage.inputTokens + usage.outputTokens > 0) this.emit('usage', usage);
  }

  #toolCall(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<string> {
    const callId = `local_call_${++this.#toolCalls}`;
    return new Promise((resolve) => {
      this.#pendingTools.set(callId, resolve);
      signal.addEventListener('abort', () => this.sendToolResult(callId, 'Cancelled.'), {
        once: true,
      });
      this.emit('tool.call', { callId, name, arguments: args });
    });
  }

  #fail(err: unknown): void {
    this.#o.logger.error(
      {
        callId: this.#o.config.callId,
        err: { name: (err as Error).name, message: (err as Error).message },
      },
      'local engine answer failed',
    );
    this.emit('error', {
      code: 'local_engine_error',
      message: 'The local voice engine failed to answer',
      fatal: false,
    });
  }
}
