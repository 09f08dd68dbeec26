import { type RawData, WebSocket } from 'ws';
import { PLAIN_RELAY_ENV, serveRelay } from './relay-process.js';

// The reference for the Twilio benchmark: the leanest Twilio Media Streams ↔
// OpenAI Realtime relay one would write by hand (ws, μ-law passed through as
// audio/pcmu, no transcoding, no marks, no policy, no database). Buzzi's phone
// path should cost no more per call-second.

function relay(twilio: WebSocket, realtimeUrl: string): void {
  let streamSid = '';
  const early: string[] = [];
  const upstream = new WebSocket(realtimeUrl, {
    headers: { Authorization: 'Bearer bench' },
    perMessageDeflate: false,
  });
  upstream.on('open', () => {
    const format = { type: 'audio/pcmu' };
    const session = { type: 'realtime', audio: { input: { format }, output: { format } } };
    upstream.send(JSON.stringify({ type: 'session.update', session }));
    for (const append of early.splice(0)) upstream.send(append);
  });
  twilio.on('message', (data: RawData) => {
    const message = JSON.parse(String(data)) as {
      event: string;
      start?: { streamSid: string };
      media?: { payload: string };
    };
    if (message.event === 'start' && message.start) streamSid = message.start.streamSid;
    if (message.event !== 'media' || !message.media) return;
    const append = `{"type":"input_audio_buffer.append","audio":"${message.media.payload}"}`;
    if (upstream.readyState === WebSocket.OPEN) upstream.send(append);
    else early.push(append);
  });
  upstream.on('message', (data: RawData) => {
    const event = JSON.parse(String(data)) as { type: string; delta?: string };
    if (event.type !== 'response.output_audio.delta' || !event.delta) return;
    twilio.send(
      `{"event":"media","streamSid":"${streamSid}","media":{"payload":"${event.delta}"}}`,
    );
  });
  twilio.on('close', () => upstream.close());
  upstream.on('close', () => twilio.close());
  upstream.on('error', () => twilio.close());
}

if (process.env[PLAIN_RELAY_ENV] === '1') serveRelay(relay);
