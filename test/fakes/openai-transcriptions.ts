import type { ServerResponse } from 'node:http';
import type { AudioFrame } from '../../src/server/voice/audio/frame.js';
import { decodeWav } from '../../src/server/voice/audio/wav.js';
import {
  type FakeRequest,
  type FakeRoutes,
  OPENAI_SERVER_ERROR,
  scriptedFailure,
  sendJson,
} from './fake-http-server.js';

export type OpenAITranscriptionOptions = {
  /** The key the server expects; when absent it accepts requests with or without one. */
  apiKey?: string;
  /** Texts answered in order; the last one repeats. '' when empty. Read per request. */
  texts: string[];
  /** Answer '' once every text has been used, instead of repeating the last. */
  queue?: boolean;
  /** Answer every request (or the next `times`) with this status instead. Read per request. */
  fail?: { status: 500 | 503; times?: number } | undefined;
};

export type FakeTranscriptionServer = {
  routes: FakeRoutes;
  /** Audio of each accepted request, decoded from its WAV, with the requested model. */
  received: Array<{ audio: AudioFrame; model: string }>;
};

const RESPONSE_FORMATS = ['json', 'text', 'verbose_json'];

function sendError(response: ServerResponse, status: number, message: string, code: string | null) {
  const type = status >= 500 ? 'server_error' : 'invalid_request_error';
  sendJson(response, status, { error: { message, type, param: null, code } });
}

async function formOf(request: FakeRequest): Promise<FormData | null> {
  const contentType = request.headers['content-type'] ?? '';
  if (!contentType.startsWith('multipart/form-data')) return null;
  try {
    return await new Request('http://fake/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(request.bodyBytes),
    }).formData();
  } catch {
    return null;
  }
}

/**
 * `POST /v1/audio/transcriptions` as OpenAI (and whisper servers copying it)
 * answers it: multipart/form-data with a `file` part holding the audio and a
 * `model` field; `{ "text": ... }` for `response_format=json`.
 */
export function openaiTranscriptionServer(
  options: OpenAITranscriptionOptions,
): FakeTranscriptionServer {
  const received: FakeTranscriptionServer['received'] = [];
  const routes: FakeRoutes = {
    'POST /v1/audio/transcriptions': async (request, response) => {
      const key = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (options.apiKey !== undefined && key !== options.apiKey) {
        return sendError(
          response,
          401,
          key
            ? `Incorrect API key provided: ${key.slice(0, 3)}***.`
            : "You didn't provide an API key.",
          'invalid_api_key',
        );
      }
      const failing = scriptedFailure(options.fail);
      if (failing) return sendError(response, failing, OPENAI_SERVER_ERROR, null);
      const form = await formOf(request);
      if (!form) {
        return sendError(response, 400, 'Expected a multipart/form-data body.', null);
      }
      const file = form.get('file');
      const model = form.get('model');
      const format = form.get('response_format') ?? 'json';
      if (!(file instanceof File)) {
        return sendError(response, 400, "Missing required parameter: 'file'.", null);
      }
      if (typeof model !== 'string' || model === '') {
        return sendError(response, 400, "Missing required parameter: 'model'.", null);
      }
      if (typeof format !== 'string' || !RESPONSE_FORMATS.includes(format)) {
        return sendError(response, 400, `Unsupported response_format ${String(format)}.`, null);
      }
      let audio: AudioFrame;
      try {
        audio = decodeWav(new Uint8Array(await file.arrayBuffer()));
      } catch {
        return sendError(
          response,
          400,
          'Invalid file format. Supported formats: flac, m4a, mp3, mp4, mpeg, mpga, oga, ogg, wav, webm',
          null,
        );
      }
      received.push({ audio, model });
      const text = options.texts[Math.min(received.length, options.texts.length) - 1] ?? '';
      if (format === 'text') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end(text);
        return;
      }
      sendJson(response, 200, {
        text,
        usage: { type: 'duration', seconds: Math.ceil(audio.samples.length / audio.sampleRate) },
      });
    },
  };
  return { routes, received };
}
