import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { connectErrorCodeForStatus, ProviderConnectError } from '../connect-with-retry.js';

export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';
const MAX_ERROR_BODY_BYTES = 4096;
const CLOSE_GRACE_MS = 2_000;

/**
 * The Realtime WebSocket URL for a REST base URL, as the openai SDK builds it:
 * `<base>/realtime?model=<model>` on ws(s). A plain-http base (a local proxy,
 * the test fake) stays unencrypted.
 */
export function realtimeUrl(baseUrl: string | undefined, model: string): URL {
  const base = (baseUrl ?? DEFAULT_OPENAI_BASE_URL).replace(/\/+$/, '');
  const url = new URL(`${base}/realtime`);
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  url.search = '';
  url.searchParams.set('model', model);
  return url;
}

/** A refused upgrade (401, 429, 500…) as a connect error carrying the API's own message. */
export async function handshakeError(response: IncomingMessage): Promise<ProviderConnectError> {
  const status = response.statusCode ?? 0;
  const code = connectErrorCodeForStatus(status);
  // The API's message for a bad key quotes part of the key.
  const detail = code === 'auth_failed' ? undefined : await readErrorMessage(response);
  return new ProviderConnectError(
    code,
    `OpenAI Realtime refused the connection (HTTP ${status})${detail ? `: ${detail}` : ''}`,
    status,
  );
}

async function readErrorMessage(response: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= MAX_ERROR_BODY_BYTES) break;
    }
  } catch {
    return undefined;
  }
  const text = Buffer.concat(chunks).toString('utf8').slice(0, MAX_ERROR_BODY_BYTES);
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}

/** Closes politely, and for good if the other side does not answer in time. */
export function closeSocket(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
    timer.unref();
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.close(1000);
  });
}
