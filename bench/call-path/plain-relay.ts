import { type RawData, WebSocket } from 'ws';
import { PLAIN_RELAY_ENV, serveRelay } from './relay-process.js';

// The reference for the call-path benchmark: the leanest browser ↔ OpenAI
// Realtime relay one would write by hand (ws, pass-through, no transcoding, no
// policy, no database). Buzzi's call path should cost no more per call-second.

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

if (process.env[PLAIN_RELAY_ENV] === '1') serveRelay(relay);
