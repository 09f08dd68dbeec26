import { WebSocket } from 'ws';
import { ProviderConnectError } from '../connect-with-retry.js';
import { providerSocketOptions } from '../provider-socket-options.js';
import { errorForClose, errorForUpgradeStatus } from './errors.js';
import {
  type ClientMessage,
  LIVE_WS_PATH,
  parseServerFrame,
  type ServerMessage,
  type SetupMessage,
} from './wire.js';

export const GEMINI_DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';

/**
 * The Live endpoint for a REST base URL, derived the way `@google/genai` does
 * (http→ws, https→wss, `?key=`), so GEMINI_BASE_URL moves chat and calls together.
 */
export function liveUrl(baseUrl: string, apiKey: string): string {
  const url = new URL(LIVE_WS_PATH, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  url.searchParams.set('key', apiKey);
  return url.toString();
}

export type LiveConnectionHandlers = {
  message(message: ServerMessage): void;
  malformed(problem: string): void;
  closed(error: ProviderConnectError): void;
};

type Delivery =
  | { type: 'message'; message: ServerMessage }
  | { type: 'malformed'; problem: string }
  | { type: 'closed'; error: ProviderConnectError };

/**
 * One WebSocket to Gemini Live, open only once `setupComplete` arrived. What
 * the server sends meanwhile waits until `attach`, so no frame is lost
 * between `open` resolving and the session listening.
 */
export class LiveConnection {
  readonly #socket: WebSocket;
  #handlers: LiveConnectionHandlers | null = null;
  readonly #pending: Delivery[] = [];
  #closedByUs = false;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
  }

  static open(options: {
    url: string;
    setup: SetupMessage;
    timeoutMs: number;
  }): Promise<LiveConnection> {
    const socket = new WebSocket(options.url, providerSocketOptions);
    const connection = new LiveConnection(socket);
    return new Promise<LiveConnection>((resolve, reject) => {
      let settled = false;
      const fail = (error: ProviderConnectError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.removeAllListeners();
        // A socket that failed to open keeps no listeners; a late error must not go unhandled.
        socket.on('error', () => {});
        socket.terminate();
        reject(error);
      };
      const timer = setTimeout(
        () =>
          fail(
            new ProviderConnectError('timeout', 'Gemini Live did not complete the setup in time'),
          ),
        options.timeoutMs,
      );
      socket.on('unexpected-response', (request, response) => {
        request.destroy();
        fail(errorForUpgradeStatus(response.statusCode ?? 0));
      });
      socket.on('error', () =>
        fail(new ProviderConnectError('unreachable', 'Could not reach Gemini Live')),
      );
      socket.on('open', () => socket.send(JSON.stringify(options.setup)));
      socket.on('close', (code, reason) => {
        if (!settled) return fail(errorForClose(code, reason.toString('utf8')));
        connection.#deliver({
          type: 'closed',
          error: errorForClose(code, reason.toString('utf8')),
        });
      });
      socket.on('message', (data) => {
        const parsed = parseServerFrame(data);
        if (!settled) {
          if (parsed.ok && parsed.message.setupComplete) {
            settled = true;
            clearTimeout(timer);
            resolve(connection);
          } else if (!parsed.ok) {
            return fail(
              new ProviderConnectError(
                'rejected',
                `Gemini Live answered the setup with a bad frame (${parsed.problem})`,
              ),
            );
          }
        }
        connection.#deliver(
          parsed.ok
            ? { type: 'message', message: parsed.message }
            : { type: 'malformed', problem: parsed.problem },
        );
      });
    });
  }

  /** Starts delivery, first of anything that arrived since the setup completed. */
  attach(handlers: LiveConnectionHandlers): void {
    this.#handlers = handlers;
    for (const delivery of this.#pending.splice(0)) this.#dispatch(delivery);
  }

  get isOpen(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  send(message: ClientMessage): void {
    if (this.isOpen) this.#socket.send(JSON.stringify(message));
  }

  /** Closes without reporting `closed`: the session chose to end this connection. */
  close(): void {
    this.#closedByUs = true;
    this.#handlers = null;
    if (this.#socket.readyState === WebSocket.CONNECTING) this.#socket.terminate();
    else this.#socket.close(1000);
  }

  #deliver(delivery: Delivery): void {
    if (this.#closedByUs) return;
    if (this.#handlers) this.#dispatch(delivery);
    else this.#pending.push(delivery);
  }

  #dispatch(delivery: Delivery): void {
    const handlers = this.#handlers;
    if (!handlers) return;
    if (delivery.type === 'message') handlers.message(delivery.message);
    else if (delivery.type === 'malformed') handlers.malformed(delivery.problem);
    else handlers.closed(delivery.error);
  }
}
