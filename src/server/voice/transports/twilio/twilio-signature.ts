import type { FastifyRequest } from 'fastify';
import twilio from 'twilio';
import type { Config } from '../../../config.js';
import { publicBaseUrl } from '../../../http/public-url.js';

/** The signature header, present when Twilio sent the request (webhooks and the stream upgrade). */
export function twilioSignatureOf(request: FastifyRequest): string | null {
  const header = request.headers['x-twilio-signature'];
  return typeof header === 'string' && header ? header : null;
}

/**
 * The URL Twilio requested, as it signs it: PUBLIC_URL (else the origin the
 * request came in on) with the path and query; `ws` for the stream upgrade,
 * whose URL Twilio signs as wss (ws over plain http).
 */
export function signedUrlOf(
  config: Pick<Config, 'publicUrl'>,
  request: FastifyRequest,
  scheme: 'http' | 'ws' = 'http',
): string {
  const base = publicBaseUrl(config, request);
  return `${scheme === 'ws' ? base.replace(/^http/, 'ws') : base}${request.url}`;
}

/** HMAC-SHA1 of the URL and the sorted form parameters with the account's auth token, compared in constant time. */
export function isSignedBy(
  authToken: string,
  signature: string,
  url: string,
  params: Record<string, unknown>,
): boolean {
  return twilio.validateRequest(authToken, signature, url, params);
}
