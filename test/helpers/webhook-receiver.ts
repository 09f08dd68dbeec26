import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedWebhook = {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: { id: string; type: string; createdAt: string; data: Record<string, unknown> };
  /** Whether Buzzi-Signature matched the secret, as a receiver following the README checks it. */
  signatureValid: boolean;
  receivedAt: number;
};

/**
 * A webhook receiver on a real port: it verifies each request's signature the
 * way the README tells receivers to, records it and answers `status()`.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  secret = '';
  /** The status answered to the next request; 204 unless a test says otherwise. */
  status: () => number = () => 204;
  readonly #waiters: Array<() => void> = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const header = String(request.headers['buzzi-signature'] ?? '');
        receiver.received.push({
          headers: request.headers,
          body,
          json: JSON.parse(body),
          signatureValid: verifySignature(receiver.secret, header, body),
          receivedAt: Date.now(),
        });
        const status = receiver.status();
        response.writeHead(status, { 'content-type': 'text/plain' });
        response.end(status >= 400 ? `receiver says no (${status})` : 'ok');
        for (const wake of receiver.#waiters.splice(0)) wake();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  /** Waits until a received request matches, up to `timeoutMs`. */
  async waitFor(
    match: (hook: ReceivedWebhook) => boolean,
    timeoutMs = 15_000,
  ): Promise<ReceivedWebhook> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.received.map((h) => h.json.type).join(', ');
        throw new Error(`no matching webhook within ${timeoutMs} ms (received: ${seen})`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The README's receiver check: t within five minutes and v1 an HMAC of "<t>.<body>". */
export function verifySignature(secret: string, header: string, body: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2)));
  const t = Number(parts.t);
  if (!secret || !Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(String(parts.v1 ?? ''), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
