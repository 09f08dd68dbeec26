import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { bareHost, isInternalAddress, publicOnlyLookup } from './webhook-address.js';

export const RESPONSE_BODY_MAX_CHARS = 500;
/** Read no further than this of a receiver's answer: only its start is kept. */
const RESPONSE_READ_MAX_BYTES = 4096;

export type PostResult =
  | { ok: true; status: number; body: string }
  | { ok: false; status: number | null; body: string };

export type PostOptions = {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowPrivateUrls: boolean;
};

/**
 * POSTs one delivery. A 2xx answer is success; anything else, a redirect
 * (never followed), a timeout or a network error is a failure whose status
 * and text go to the delivery log.
 */
export function postWebhook(options: PostOptions): Promise<PostResult> {
  const url = new URL(options.url);
  const host = bareHost(url.hostname);
  if (!options.allowPrivateUrls) {
    if (url.protocol !== 'https:')
      return Promise.resolve(failure('Only https:// URLs are allowed'));
    if (isIP(host) && isInternalAddress(host))
      return Promise.resolve(failure('The address is not a public internet address'));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(options.body),
          'user-agent': 'Buzzi-Webhooks/1',
          ...options.headers,
        },
        agent: false,
        ...(options.allowPrivateUrls ? {} : { lookup: publicOnlyLookup }),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size >= RESPONSE_READ_MAX_BYTES) return;
          chunks.push(chunk);
          size += chunk.length;
          if (size >= RESPONSE_READ_MAX_BYTES) response.destroy();
        });
        const done = () => {
          const body = Buffer.concat(chunks)
            .toString('utf8')
            // PostgreSQL text cannot hold NUL.
            .replaceAll('\u0000', '')
            .slice(0, RESPONSE_BODY_MAX_CHARS);
          finish(
            status >= 200 && status < 300
              ? { ok: true, status, body }
              : { ok: false, status, body },
          );
        };
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      finish(failure(`No answer within ${Math.round(options.timeoutMs / 1000)} s`));
      request.destroy();
    }, options.timeoutMs);
    request.on('error', (err: NodeJS.ErrnoException) => finish(failure(networkError(err))));
    request.end(options.body);
  });
}

const failure = (text: string): PostResult => ({ ok: false, status: null, body: text });

function networkError(err: NodeJS.ErrnoException): string {
  if (err.code === 'EWEBHOOKADDRESS') return 'The address is not a public internet address';
  if (err.code === 'ECONNREFUSED') return 'Connection refused';
  if (err.code === 'ENOTFOUND') return 'The host name was not found';
  if (err.code === 'ECONNRESET') return 'The connection was reset';
  return `Network error${err.code ? ` (${err.code})` : ''}`;
}
