import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, toFile } from 'openai';
import type { CompatibleEndpoint } from '../../../../config.js';
import { concatSamples } from '../../../audio/pcm.js';
import { encodeWav } from '../../../audio/wav.js';
import {
  LOCAL_INPUT_RATE,
  type PhraseGrammar,
  type RecognitionMode,
  type Transcriber,
  TranscriptionError,
  type TranscriptionStream,
} from '../parts.js';

const TIMEOUT_MS = 10_000;

/**
 * Speech-to-text through any server speaking OpenAI's
 * `POST /v1/audio/transcriptions` (faster-whisper-server, LocalAI,
 * whisper.cpp's server, OpenAI itself). It hears the whole utterance as one
 * WAV after the caller stops, and is open vocabulary, so grammar mode changes
 * nothing.
 */
export class CompatibleTranscriber implements Transcriber {
  readonly engine = 'openai-compatible';
  readonly #client: OpenAI;
  readonly #endpoint: CompatibleEndpoint;

  /** `baseUrl` includes `/v1`, like OPENAI_BASE_URL. */
  constructor(endpoint: CompatibleEndpoint) {
    const baseUrl = endpoint.baseUrl.replace(/\/+$/, '');
    this.#endpoint = { ...endpoint, baseUrl };
    this.#client = new OpenAI({
      baseURL: baseUrl,
      // The SDK refuses to start without a key; local servers usually want none.
      apiKey: endpoint.apiKey ?? 'none',
      timeout: TIMEOUT_MS,
      maxRetries: 1,
    });
  }

  // Open vocabulary: the recognition mode and grammar do not apply.
  open(_options: { mode: RecognitionMode; grammar: PhraseGrammar | null }): TranscriptionStream {
    const chunks: Int16Array[] = [];
    let ended = false;
    return {
      write: (samples) => {
        // A copy, because callers reuse their frames.
        if (!ended) chunks.push(samples.slice());
      },
      finish: async () => {
        if (ended) throw new TranscriptionError('utterance already ended');
        ended = true;
        const samples = concatSamples(chunks);
        chunks.length = 0;
        return samples.length === 0 ? '' : this.#transcribe(samples);
      },
      cancel: () => {
        ended = true;
        chunks.length = 0;
      },
    };
  }

  async close(): Promise<void> {}

  async #transcribe(samples: Int16Array): Promise<string> {
    const wav = encodeWav({ samples, sampleRate: LOCAL_INPUT_RATE });
    try {
      const result = await this.#client.audio.transcriptions.create({
        file: await toFile(wav, 'utterance.wav', { type: 'audio/wav' }),
        model: this.#endpoint.model,
        response_format: 'json',
      });
      return result.text.trim();
    } catch (error) {
      throw this.#error(error);
    }
  }

  #error(error: unknown): TranscriptionError {
    const where = `Speech-to-text endpoint ${this.#endpoint.baseUrl}`;
    if (error instanceof APIConnectionTimeoutError) {
      return new TranscriptionError(`${where} did not answer within ${TIMEOUT_MS} ms`);
    }
    if (error instanceof APIConnectionError) {
      return new TranscriptionError(`${where} is unreachable`);
    }
    if (error instanceof APIError) {
      if (error.status === 401 || error.status === 403) {
        return new TranscriptionError(`${where} rejected the API key (HTTP ${error.status})`);
      }
      const body = error.error as { message?: unknown } | undefined;
      const message = typeof body?.message === 'string' ? this.#redact(body.message) : '';
      return new TranscriptionError(
        `${where} answered ${error.status ?? 'an error'}${message ? `: ${message}` : ''}`,
      );
    }
    return new TranscriptionError(
      `${where} failed: ${error instanceof Error ? error.name : 'unknown error'}`,
    );
  }

  /** A server's error message may echo the key, which belongs in no log. */
  #redact(message: string): string {
    const key = this.#endpoint.apiKey;
    return (key ? message.replaceAll(key, '[redacted]') : message).slice(0, 200);
  }
}
