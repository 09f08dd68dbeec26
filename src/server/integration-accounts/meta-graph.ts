import type { Config } from '../config.js';

/** The Graph API version every WhatsApp request uses; pinned here alone. */
export const GRAPH_API_VERSION = 'v23.0';

const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com';
const REQUEST_TIMEOUT_MS = 10_000;

/** Graph's answer when it refused a request: its HTTP status and `error` object. */
export class GraphApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    readonly graphMessage: string | undefined,
  ) {
    super(`Graph API answered HTTP ${status}${code ? ` (error ${code})` : ''}`);
    this.name = 'GraphApiError';
  }
}

/** Graph could not be reached at all (network, DNS, timeout). */
export class GraphUnreachableError extends Error {
  constructor(readonly host: string) {
    super(`Could not reach the Graph API at ${host}`);
    this.name = 'GraphUnreachableError';
  }
}

export type GraphConfig = Pick<Config, 'providers'>;

export const graphBaseUrl = (config: GraphConfig) =>
  (config.providers.metaGraphBaseUrl ?? DEFAULT_GRAPH_BASE_URL).replace(/\/$/, '');

/**
 * One Graph API request with a system-user access token; resolves the JSON
 * body of a 2xx answer, rejects with GraphApiError or GraphUnreachableError.
 * The token goes in the Authorization header only, never in a URL or a log.
 */
export async function graphRequest<T>(
  config: GraphConfig,
  accessToken: string,
  request: { method: 'GET' | 'POST'; path: string; body?: unknown },
): Promise<T> {
  const base = graphBaseUrl(config);
  let response: Response;
  try {
    response = await fetch(`${base}/${GRAPH_API_VERSION}/${request.path.replace(/^\//, '')}`, {
      method: request.method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    throw new GraphUnreachableError(new URL(base).host);
  }
  const body = (await response.json().catch(() => null)) as {
    error?: { message?: unknown; code?: unknown };
  } | null;
  if (!response.ok) {
    const code = typeof body?.error?.code === 'number' ? body.error.code : undefined;
    const message = typeof body?.error?.message === 'string' ? body.error.message : undefined;
    throw new GraphApiError(response.status, code, message);
  }
  return body as T;
}
