import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeRequest = {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  rawBody: string;
  /** The body as received, for binary and multipart requests. */
  bodyBytes: Buffer;
};

export type FakeHandler = (request: FakeRequest, response: ServerResponse) => void | Promise<void>;

/** Routes keyed "METHOD /path"; a path may end in `*` to match a prefix (e.g. Gemini's `models/x:method`). */
export type FakeRoutes = Record<string, FakeHandler>;

export type FakeServer = {
  /** Base URL, e.g. http://127.0.0.1:43567 */
  url: string;
  /** Every request received, in order, for assertions. */
  requests: FakeRequest[];
  close(): Promise<void>;
};

/**
 * A local HTTP server on port 0 that stands in for a vendor API in tests.
 * Handlers speak the vendor's real wire format; this only routes and records.
 */
export async function startFakeServer(routes: FakeRoutes): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bodyBytes = Buffer.concat(chunks);
    const rawBody = bodyBytes.toString('utf8');
    let body: unknown = rawBody;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      // Not JSON: handlers see the raw text.
    }
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      rawBody,
      bodyBytes,
    };
    requests.push(request);
    const handler = findHandler(routes, request.method, request.path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { message: `fake server: no route ${request.method} ${request.path}` },
        }),
      );
      return;
    }
    try {
      await handler(request, res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(error) } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function findHandler(routes: FakeRoutes, method: string, path: string): FakeHandler | undefined {
  const exact = routes[`${method} ${path}`];
  if (exact) return exact;
  for (const [key, handler] of Object.entries(routes)) {
    const [routeMethod, routePath = ''] = key.split(' ');
    if (
      routeMethod === method &&
      routePath.endsWith('*') &&
      path.startsWith(routePath.slice(0, -1))
    ) {
      return handler;
    }
  }
  return undefined;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** OpenAI's text for a 5xx, as its fakes send it. */
export const OPENAI_SERVER_ERROR =
  'The server had an error while processing your request. Sorry about that!';

/** The status a fake fails with while a scripted failure lasts (counting `times` down), else null. */
export function scriptedFailure(
  fail: { status: number; times?: number | undefined } | undefined,
): number | null {
  if (!fail || (fail.times !== undefined && fail.times <= 0)) return null;
  if (fail.times !== undefined) fail.times--;
  return fail.status;
}
