import type { ServerResponse } from 'node:http';
import {
  type FakeRoutes,
  OPENAI_SERVER_ERROR,
  scriptedFailure,
  sendJson,
} from './fake-http-server.js';

export type OpenAISpeechOptions = {
  /** The key the fake accepts; any `Bearer` key when absent. */
  apiKey?: string;
  /** Voices it knows; any voice when absent. */
  voices?: string[];
  /** Answer every request (or the next `times`) with this status instead. Read per request. */
  fail?: { status: 500 | 503; times?: number } | undefined;
  /** While set, each request waits for it before being answered (to observe work in flight). */
  hold?: Promise<unknown> | undefined;
};

/** Audio length the fake speaks per character of input at speed 1. */
export const FAKE_SPEECH_MS_PER_CHAR = 60;
export const FAKE_SPEECH_SAMPLE_RATE = 24000;
const FORMATS = ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'];
const MAX_INPUT_CHARS = 4096;

type Body = {
  model?: unknown;
  input?: unknown;
  voice?: unknown;
  response_format?: unknown;
  speed?: unknown;
};

function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  param: string | null,
  code: string | null,
): void {
  const type = status >= 500 ? 'server_error' : 'invalid_request_error';
  sendJson(response, status, { error: { message, type, param, code } });
}

/**
 * `POST /v1/audio/speech` as OpenAI answers it with `response_format: "pcm"`:
 * raw 24 kHz 16-bit little-endian mono samples, as `application/octet-stream`,
 * here a 300 Hz tone lasting FAKE_SPEECH_MS_PER_CHAR per input character
 * divided by the speed. Other formats are refused (the fake only speaks pcm).
 */
export function openaiSpeechRoutes(options: OpenAISpeechOptions = {}): FakeRoutes {
  return {
    'POST /v1/audio/speech': async (request, response) => {
      await options.hold;
      const key = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (!key || (options.apiKey !== undefined && key !== options.apiKey)) {
        return sendError(
          response,
          401,
          `Incorrect API key provided: ${(key ?? '').slice(0, 3)}***${(key ?? '').slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          null,
          'invalid_api_key',
        );
      }
      const failing = scriptedFailure(options.fail);
      if (failing) return sendError(response, failing, OPENAI_SERVER_ERROR, null, null);
      const body = (request.body ?? {}) as Body;
      if (typeof body.model !== 'string' || body.model === '') {
        return sendError(
          response,
          400,
          "Missing required parameter: 'model'.",
          'model',
          'missing_required_parameter',
        );
      }
      if (typeof body.input !== 'string' || body.input === '') {
        return sendError(
          response,
          400,
          "Missing required parameter: 'input'.",
          'input',
          'missing_required_parameter',
        );
      }
      if (body.input.length > MAX_INPUT_CHARS) {
        return sendError(
          response,
          400,
          "Invalid 'input': string too long. Expected a string with maximum length 4096.",
          'input',
          'string_above_max_length',
        );
      }
      if (
        typeof body.voice !== 'string' ||
        (options.voices && !options.voices.includes(body.voice))
      ) {
        return sendError(
          response,
          400,
          `Invalid value for 'voice': '${String(body.voice)}'.`,
          'voice',
          'invalid_value',
        );
      }
      const format = body.response_format ?? 'mp3';
      if (typeof format !== 'string' || !FORMATS.includes(format)) {
        return sendError(
          response,
          400,
          `Invalid value for 'response_format': '${String(format)}'.`,
          'response_format',
          'invalid_value',
        );
      }
      if (format !== 'pcm') {
        return sendError(
          response,
          400,
          `fake speech server: response_format ${format} is not implemented`,
          'response_format',
          null,
        );
      }
      const speed = body.speed ?? 1;
      if (typeof speed !== 'number' || speed < 0.25 || speed > 4) {
        return sendError(
          response,
          400,
          `Invalid value for 'speed': must be between 0.25 and 4.0.`,
          'speed',
          'invalid_value',
        );
      }
      const durationMs = (body.input.length * FAKE_SPEECH_MS_PER_CHAR) / speed;
      const pcm = tonePcm(Math.round((durationMs * FAKE_SPEECH_SAMPLE_RATE) / 1000));
      response.writeHead(200, {
        'content-type': 'application/octet-stream',
        'transfer-encoding': 'chunked',
      });
      // Sent in odd-sized pieces, as a streaming server would.
      for (let at = 0; at < pcm.length; at += 4801) response.write(pcm.subarray(at, at + 4801));
      response.end();
    },
  };
}

function tonePcm(samples: number): Buffer {
  const bytes = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    bytes.writeInt16LE(
      Math.round(8000 * Math.sin((2 * Math.PI * 300 * i) / FAKE_SPEECH_SAMPLE_RATE)),
      i * 2,
    );
  }
  return bytes;
}
