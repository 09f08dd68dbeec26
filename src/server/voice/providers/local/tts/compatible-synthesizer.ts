import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from 'openai';
import { pcm16FromBytes } from '../../../audio/pcm.js';
import { type SpeechSynthesizer, SynthesisError, type VoiceOption } from '../parts.js';

/** OpenAI's `pcm` speech format: raw 24 kHz 16-bit little-endian mono, no header. */
export const COMPATIBLE_TTS_SAMPLE_RATE = 24000;

/** The API's documented input limit. */
const MAX_INPUT_CHARS = 4096;
const MIN_SPEED = 0.25;
const MAX_SPEED = 4;
const TIMEOUT_MS = 15_000;

export type CompatibleSynthesizerOptions = {
  /** Base URL including `/v1`, like OPENAI_BASE_URL, e.g. http://127.0.0.1:8880/v1. */
  baseUrl: string;
  apiKey: string | undefined;
  model: string;
  /** Voice names the server offers; the first is the default. */
  voices: readonly string[];
};

/**
 * Text to speech through any server speaking OpenAI's `POST /v1/audio/speech`
 * (Kokoro-FastAPI, openedai-speech, LocalAI, OpenAI itself).
 */
export class CompatibleSynthesizer implements SpeechSynthesizer {
  readonly engine = 'openai-compatible';
  readonly sampleRate = COMPATIBLE_TTS_SAMPLE_RATE;
  readonly voices: readonly VoiceOption[];
  readonly defaultVoice: string;
  readonly #client: OpenAI;
  readonly #model: string;
  readonly #baseUrl: string;
  readonly #apiKey: string | undefined;

  constructor(options: CompatibleSynthesizerOptions) {
    const [first] = options.voices;
    if (first === undefined) throw new Error('CompatibleSynthesizer needs at least one voice');
    this.voices = options.voices.map((id) => ({ id, label: voiceLabel(id) }));
    this.defaultVoice = first;
    this.#model = options.model;
    this.#baseUrl = options.baseUrl.replace(/\/$/, '');
    this.#apiKey = options.apiKey;
    this.#client = new OpenAI({
      baseURL: this.#baseUrl,
      // The SDK refuses to start without a key; local servers usually want none.
      apiKey: options.apiKey ?? 'none',
      timeout: TIMEOUT_MS,
      maxRetries: 1,
    });
  }

  async synthesize(
    text: string,
    options: { voice: string; speed: number; signal?: AbortSignal },
  ): Promise<Int16Array> {
    options.signal?.throwIfAborted();
    const input = text.trim().slice(0, MAX_INPUT_CHARS);
    if (input === '') return new Int16Array(0);
    const voice = this.voices.some((v) => v.id === options.voice)
      ? options.voice
      : this.defaultVoice;
    try {
      const response = await this.#client.audio.speech.create(
        {
          model: this.#model,
          input,
          voice,
          response_format: 'pcm',
          speed: Math.min(MAX_SPEED, Math.max(MIN_SPEED, options.speed || 1)),
        },
        { signal: options.signal },
      );
      if (response.headers.get('content-type')?.includes('json')) {
        throw new SynthesisError(`Speech endpoint ${this.#baseUrl} answered JSON instead of audio`);
      }
      const bytes = new Uint8Array(await response.arrayBuffer());
      // A server that cut the stream mid-sample still spoke everything before it.
      return pcm16FromBytes(bytes.subarray(0, bytes.length - (bytes.length % 2)));
    } catch (error) {
      throw this.#synthesisError(error, input, options.signal);
    }
  }

  #synthesisError(error: unknown, input: string, signal: AbortSignal | undefined): Error {
    if (error instanceof SynthesisError) return error;
    if (error instanceof APIUserAbortError || signal?.aborted) {
      return new DOMException('Speech synthesis was aborted', 'AbortError');
    }
    if (error instanceof APIConnectionTimeoutError) {
      return new SynthesisError(
        `Speech endpoint ${this.#baseUrl} did not answer within ${TIMEOUT_MS} ms`,
      );
    }
    if (error instanceof APIConnectionError) {
      return new SynthesisError(`Speech endpoint ${this.#baseUrl} is unreachable`);
    }
    if (error instanceof APIError) {
      const body = error.error as { message?: unknown } | undefined;
      const message = typeof body?.message === 'string' ? this.#redact(body.message, input) : '';
      return new SynthesisError(
        `Speech endpoint ${this.#baseUrl} answered ${error.status ?? 'an error'}${message ? `: ${message}` : ''}`,
      );
    }
    return new SynthesisError(
      `Speech endpoint ${this.#baseUrl} failed: ${error instanceof Error ? error.name : 'unknown error'}`,
    );
  }

  /** A provider's error message may echo the key or the text; neither belongs in a log. */
  #redact(message: string, input: string): string {
    let safe = message;
    for (const secret of [this.#apiKey, input]) {
      if (secret) safe = safe.replaceAll(secret, '[redacted]');
    }
    return safe.slice(0, 300);
  }
}

/** "alloy" → "Alloy"; names such as "af_heart" are shown as they are. */
function voiceLabel(id: string): string {
  return /^[a-z]+$/.test(id) ? id.charAt(0).toUpperCase() + id.slice(1) : id;
}
