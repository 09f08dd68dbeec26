import type { RetrievedChunk } from '../../../knowledge/retrieval.js';

/** The rate every part of the local engine hears the caller at (Silero and pocketsphinx models are 16 kHz). */
export const LOCAL_INPUT_RATE = 16000;

/**
 * How speech-to-text listens: `general` is open vocabulary (the language
 * model), `grammar` only recognises the phrases of a grammar built from the
 * chatbot's knowledge (robust on narrow-band phone audio, blind to anything else).
 */
export type RecognitionMode = 'general' | 'grammar';

/** Phrases a grammar-mode recogniser can hear, as plain lower-case word sequences. */
export type PhraseGrammar = { key: string; phrases: string[] };

/** One caller utterance being transcribed while it is spoken. */
export interface TranscriptionStream {
  /** 16 kHz PCM16, in order, as it arrives. */
  write(samples: Int16Array): void;
  /** The utterance is over: resolves with its text ('' when nothing was recognised). */
  finish(): Promise<string>;
  /** Drops the utterance; finish() is not called afterwards. */
  cancel(): void;
}

export interface Transcriber {
  /** `pocketsphinx` or `openai-compatible`, for health and logs. */
  readonly engine: string;
  open(options: { mode: RecognitionMode; grammar: PhraseGrammar | null }): TranscriptionStream;
  close(): Promise<void>;
}

/** A voice a synthesizer offers, for the voice selector. */
export type VoiceOption = { id: string; label: string };

export interface SpeechSynthesizer {
  /** `flite` or `openai-compatible`. */
  readonly engine: string;
  /** Rate of the PCM16 it returns. */
  readonly sampleRate: number;
  readonly voices: readonly VoiceOption[];
  readonly defaultVoice: string;
  /** One sentence to mono PCM16 at `sampleRate`. Rejects with SynthesisError; rejects with an AbortError when aborted. */
  synthesize(
    text: string,
    options: { voice: string; speed: number; signal?: AbortSignal },
  ): Promise<Int16Array>;
  /** Releases what it holds (temporary files); optional. */
  close?(): Promise<void>;
}

export class SynthesisError extends Error {
  override name = 'SynthesisError';
}

export class TranscriptionError extends Error {
  override name = 'TranscriptionError';
}

/** Voice activity of one stream of 16 kHz audio: one probability per 512-sample window. */
export interface VadStream {
  /** Probability (0–1) that the window is speech; windows must be exactly 512 samples. */
  speechProbability(window: Int16Array): Promise<number>;
  reset(): void;
}

export interface VadModel {
  createStream(): VadStream;
  close(): Promise<void>;
}

/** What the brain may do while it answers one caller turn. */
export type BrainOutput = {
  /** Text of the answer as it is produced; spoken sentence by sentence. */
  text(delta: string): void;
  /** Runs a call tool through the runner; resolves with the tool's output. */
  toolCall(name: string, args: Record<string, unknown>): Promise<string>;
  usage(usage: { inputTokens: number; outputTokens: number }): void;
};

/** Decides what the agent answers: a chat model, or the offline knowledge responder. */
export interface VoiceBrain {
  /** `offline`, or the chat provider and model, for logs. */
  readonly label: string;
  reply(callerText: string, output: BrainOutput, signal: AbortSignal): Promise<void>;
  /** What the agent said that it did not compose itself (greeting, closing lines), for the history. */
  remember(agentText: string): void;
  /** The caller cut in: only `heardText` of the last answer was heard. */
  correctLastAnswer(heardText: string): void;
  /**
   * Whether the answer awaited is open (a name, a number), which a phrase
   * grammar cannot hear: the next utterance is then heard with the open vocabulary.
   */
  expectsOpenAnswer?(): boolean;
}

/** Knowledge search scoped to the call's chatbot; null when it has no Knowledge Base Access. */
export type KnowledgeSearch = ((query: string) => Promise<RetrievedChunk[]>) | null;
