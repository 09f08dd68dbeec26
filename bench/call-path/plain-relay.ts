import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RawData, WebSocket, WebSocketServer } from 'ws';

// The reference for the call-path benchmark: the leanest browser ↔ OpenAI
// Realtime relay one would write by hand (ws, pass-through, no transcoding, no
// policy, no database). Buzzi's call path should cost no more per call-second.

export const PLAIN_RELAY_ENV = 'BUZZI_BENCH_PLAIN_RELAY';
export type PlainRelayReady = { type: 'ready'; port: number };

function relay(browser: WebSocket, realtimeUrl: string): void {
  const upstream = new WebSocket(realtimeUrl, {
    headers: { Authorization: 'Bearer bench' },
    perMessageDeflate: false,
  });
  upstream.on('open', () => {
    upstream.send(JSON.stringify({ type: 'session.update', session: { type: 'realtime' } }));
    browser.send('{"type":"call.started"}');
  });
  browser.on('message', (data: RawData, isBinary) => {
    if (!isBinary || upstream.readyState !== WebSocket.OPEN) return;
    upstream.send(
      `{"type":"input_audio_buffer.append","audio":"${(data as Buffer).toString('base64')}"}`,
    );
  });
  upstream.on('message', (data: RawData) => {
    const event = JSON.parse(String(data)) as { type: string; delta?: string };
    if (event.type === 'response.output_audio.delta' && event.delta) {
      browser.send(Buffer.from(event.delta, 'base64'));
    }
  });
  browser.on('close', () => upstream.close());
  upstream.on('close', () => browser.close());
  upstream.on('error', () => browser.close());
}

function serve(): void {
  const realtimeUrl = process.argv[2];
  if (!realtimeUrl) throw new Error('usage: plain-relay <realtime ws url>');
  const server = createServer((_request, response) => response.writeHead(404).end());
  const sockets = new WebSocketServer({ server, perMessageDeflate: false });
  // A clean exit, so a --cpu-prof profile gets written.
  process.once('SIGTERM', () => process.exit(0));
  sockets.on('connection', (browser) => relay(browser, realtimeUrl));
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.send?.({ type: 'ready', port } satisfies PlainRelayReady);
  });
}

if (process.env[PLAIN_RELAY_ENV] === '1') serve();
