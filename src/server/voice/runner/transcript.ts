import type { Speaker } from '../providers/agent-session.js';
import type { Clock } from './clock.js';

/** Who said an utterance: the caller, the AI agent, or a person who took the call over. */
export type TranscriptSpeaker = Speaker | 'human_agent';

/** One finalized utterance; offsets are milliseconds from the start of the call. */
export type Utterance = {
  seq: number;
  speaker: TranscriptSpeaker;
  /** The person's name on a human_agent utterance. */
  speakerName?: string;
  text: string;
  startMs: number;
  endMs: number;
  interrupted: boolean;
};

/** Where utterances go as soon as they are final (the `call_transcripts` table). */
export interface TranscriptSink {
  append(utterance: Utterance): Promise<void>;
}

type CallerSegment = { startMs: number; endMs: number | null };

type AgentUtterance = {
  responseId: string;
  startMs: number;
  /** The transcript as it streamed in. */
  text: string;
  /** The provider's final transcript, kept until the caller has heard the answer. */
  finalText: string | null;
  playedOut: boolean;
  /** What the runner asked the agent to say, for providers that send no transcript. */
  expectedText: string | null;
  generatedMs: number;
};

/**
 * Assembles provider transcript events into utterances and appends each one
 * to the sink the moment it is final, in order, so a crash loses at most the
 * utterance in flight. An agent answer is final once the caller has heard
 * it (providers finish the transcript long before the audio has played, and
 * the caller may still cut in) or once they cut in. The caller's offsets
 * come from the provider's VAD; the agent's from its answer's audio.
 */
export class TranscriptAssembler {
  readonly #sink: TranscriptSink;
  readonly #clock: Clock;
  readonly #callStart: number;
  readonly #onError: (error: unknown) => void;
  readonly #onStored: (utterance: Utterance) => void;
  readonly #callerSegments: CallerSegment[] = [];
  #agent: AgentUtterance | null = null;
  /** A late final of an answer already stored as interrupted must not be stored again. */
  #dropAgentFinal = false;
  #seq = 0;
  #writes: Promise<void> = Promise.resolve();
  readonly #stored: Utterance[] = [];

  constructor(options: {
    sink: TranscriptSink;
    clock: Clock;
    /** `clock.now()` when the call started. */
    callStart: number;
    onError: (error: unknown) => void;
    /** Told of each utterance as it is stored (for live transcript views). */
    onStored?: (utterance: Utterance) => void;
  }) {
    this.#sink = options.sink;
    this.#clock = options.clock;
    this.#callStart = options.callStart;
    this.#onError = options.onError;
    this.#onStored = options.onStored ?? (() => {});
  }

  /** Utterances stored so far, in order. */
  get utterances(): readonly Utterance[] {
    return this.#stored;
  }

  callerSpeechStarted(): void {
    this.#callerSegments.push({ startMs: this.#offset(), endMs: null });
  }

  callerSpeechStopped(): void {
    const open = this.#callerSegments.findLast((s) => s.endMs === null);
    if (open) open.endMs = this.#offset();
  }

  /** Stores the caller's utterance; null when it was empty. */
  callerFinal(text: string): Utterance | null {
    // Transcription finishes after the speech it belongs to, oldest first.
    const segment = this.#callerSegments.shift();
    const now = this.#offset();
    return this.#store('caller', text, segment?.startMs ?? now, segment?.endMs ?? now, false);
  }

  agentResponseStarted(responseId: string, expectedText: string | null): void {
    this.#finishAgent();
    this.#dropAgentFinal = false;
    this.#agent = {
      responseId,
      startMs: this.#offset(),
      text: '',
      finalText: null,
      playedOut: false,
      expectedText,
      generatedMs: 0,
    };
  }

  agentAudio(responseId: string, durationMs: number): void {
    if (this.#agent?.responseId === responseId) this.#agent.generatedMs += durationMs;
  }

  agentDelta(text: string): void {
    if (this.#agent) this.#agent.text += text;
  }

  /** The provider's final transcript of the answer; stored once the caller has heard it. */
  agentFinal(text: string): void {
    if (this.#dropAgentFinal) return;
    const agent = this.#agent;
    if (!agent) {
      const now = this.#offset();
      this.#store('agent', text, now, now, false);
      return;
    }
    agent.finalText = text;
    if (agent.playedOut) this.#finishAgent();
  }

  /** The caller has heard the whole answer. */
  agentPlayedOut(): void {
    const agent = this.#agent;
    if (!agent) return;
    agent.playedOut = true;
    // Without a final transcript yet (Gemini sends it late), wait for it or the next answer.
    if (agent.finalText !== null) this.#finishAgent();
  }

  /** The caller heard only `playedMs` of the answer in flight: store what they heard. */
  agentInterrupted(playedMs: number): void {
    const agent = this.#agent;
    if (!agent) return;
    this.#agent = null;
    this.#dropAgentFinal = true;
    const fullText = agent.finalText ?? (agent.text || agent.expectedText || '');
    const heard =
      agent.generatedMs > 0 ? cutToHeard(fullText, playedMs / agent.generatedMs) : fullText;
    this.#store('agent', heard, agent.startMs, agent.startMs + Math.round(playedMs), true);
  }

  /**
   * Stores an utterance heard while a person had the call: both sides are
   * transcribed by the server, each with its own offsets.
   */
  spokenWithPerson(
    speaker: 'caller' | 'human_agent',
    text: string,
    span: { startMs: number; endMs: number },
    speakerName?: string,
  ): void {
    this.#store(speaker, text, span.startMs, span.endMs, false, speakerName);
  }

  /** Milliseconds since the call started, for offsets taken outside the assembler. */
  offsetNow(): number {
    return this.#offset();
  }

  /** Stores what is still open (the call is ending) and waits until every row is written. */
  async finish(): Promise<void> {
    this.#finishAgent();
    await this.#writes;
  }

  #finishAgent(): void {
    const agent = this.#agent;
    if (!agent) return;
    this.#agent = null;
    this.#dropAgentFinal = true;
    const text = agent.finalText ?? (agent.text || agent.expectedText || '');
    this.#store('agent', text, agent.startMs, agentEndMs(agent, this.#offset()), false);
  }

  #store(
    speaker: TranscriptSpeaker,
    text: string,
    startMs: number,
    endMs: number,
    interrupted: boolean,
    speakerName?: string,
  ): Utterance | null {
    const clean = text.trim();
    if (!clean) return null;
    const utterance: Utterance = {
      seq: ++this.#seq,
      speaker,
      ...(speakerName ? { speakerName } : {}),
      text: clean,
      startMs,
      endMs: Math.max(startMs, endMs),
      interrupted,
    };
    this.#stored.push(utterance);
    this.#onStored(utterance);
    this.#writes = this.#writes.then(() => this.#sink.append(utterance).catch(this.#onError));
    return utterance;
  }

  #offset(): number {
    return Math.max(0, Math.round(this.#clock.now() - this.#callStart));
  }
}

function agentEndMs(agent: AgentUtterance | null, now: number): number {
  if (!agent || agent.generatedMs === 0) return now;
  return agent.startMs + Math.round(agent.generatedMs);
}

/**
 * The first `fraction` of `text` by words: when only the text of an answer is
 * known, the share of its audio the caller heard is the best guess of the
 * share of its words they heard. At least one word once anything was heard.
 */
export function cutToHeard(text: string, fraction: number): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (fraction >= 1) return words.join(' ');
  if (fraction <= 0) return '';
  const keep = Math.max(1, Math.round(words.length * fraction));
  return words.slice(0, keep).join(' ');
}
