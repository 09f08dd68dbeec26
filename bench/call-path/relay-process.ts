import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

// The process around a plain relay (plain-relay.ts, plain-twilio-relay.ts):
// a WebSocket server on a port of its own, each connection relayed to the
// OpenAI Realtime URL given as the first argument, the port told to the
// parent over IPC.

export const PLAIN_RELAY_ENV = 'BUZZI_BENCH_PLAIN_RELAY';
export type PlainRelayReady = { type: 'ready'; port: number };

export function serveRelay(relay: (caller: WebSocket, realtimeUrl: string) => void): void {
  const realtimeUrl = process.argv[2];
  if (!realtimeUrl) throw new Error('usage: <relay module> <realtime ws url>');
  const server = createServer((_request, response) => response.writeHead(404).end());
  const sockets = new WebSocketServer({ server, perMessageDeflate: false });
  // A clean exit, so a --cpu-prof profile gets written.
  process.once('SIGTERM', () => process.exit(0));
  sockets.on('connection', (caller) => relay(caller, realtimeUrl));
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.send?.({ type: 'ready', port } satisfies PlainRelayReady);
  });
}
