import type { ApiClient } from '../../helpers/api-client.js';

export type Probe = {
  method: string;
  path: string;
  body?: unknown;
  /** Send a one-file multipart form (the upload routes) instead of JSON. */
  multipart?: boolean;
};
export type ProbeAnswer = { status: number; body: unknown };

/**
 * One request over real HTTP, as `client` (or no one). An event stream that
 * opened counts as answered, so a sweep never hangs on an SSE route.
 */
export async function send(
  baseUrl: string,
  client: ApiClient | undefined,
  probe: Probe,
): Promise<ProbeAnswer> {
  const headers: Record<string, string> = client ? { cookie: client.cookieHeader } : {};
  let body: BodyInit | undefined;
  if (probe.multipart) {
    const form = new FormData();
    form.append('file', new Blob(['Opening hours: 9 to 5.']), 'hours.txt');
    body = form;
  } else if (probe.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(probe.body);
  }
  const response = await fetch(new URL(probe.path, baseUrl), {
    method: probe.method,
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, body: 'an open event stream' };
  }
  const text = await response.text();
  return {
    status: response.status,
    body: type.includes('application/json') && text ? JSON.parse(text) : text,
  };
}

/** How a failed probe reads in a test failure: route, request and answer on one line. */
export const describeAnswer = (probe: Probe, answer: ProbeAnswer) =>
  `${probe.method} ${probe.path} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`;
