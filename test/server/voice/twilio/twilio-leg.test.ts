import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import type { AudioFrame } from '../../../../src/server/voice/audio/frame.js';
import { encodeMulaw } from '../../../../src/server/voice/audio/g711.js';
import { MulawFrame } from '../../../../src/server/voice/audio/mulaw-frame.js';
import type { CallerLegEvents } from '../../../../src/server/voice/transports/caller-leg.js';
import { awaitStreamStart } from '../../../../src/server/voice/transports/twilio/stream-start.js';
import type { TwilioLeg } from '../../../../src/server/voice/transports/twilio/twilio-leg.js';
import { sidOf, TwilioMediaClient } from '../../../fakes/twilio-media-client.js';

// The Twilio leg on a real WebSocket, without a call behind it: a simulated
// Twilio streams caller audio and plays the leg's audio, echoing marks as
// Twilio's player does.

const servers: WebSocketServer[] = [];
const clients: TwilioMediaClient[] = [];
const logger = pino({ level: 'silent' });
const CALL = { accountSid: sidOf('AC'), callSid: sidOf('CA'), token: 'unused' };

/** A server socket read up to `start`, and the simulated Twilio on the other end (not started). */
async function unstartedPair(options: { timeoutMs?: number } = {}) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  servers.push(server);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const started = new Promise<TwilioLeg>((resolve) => {
    server.on('connection', (socket: WebSocket, request: IncomingMessage) =>
      awaitStreamStart({
        socket,
        transport: request.socket,
        logger,
        timeoutMs: options.timeoutMs,
        onStart: (leg) => resolve(leg),
      }),
    );
  });
  const client = await TwilioMediaClient.connect(`ws://127.0.0.1:${port}`, 'unused');
  clients.push(client);
  return { client, started };
}

/** The same after Twilio's `connected` and `start`: the leg owns the socket. */
async function streamPair() {
  const { client, started } = await unstartedPair();
  client.start(CALL);
  return { client, leg: await started };
}

/** `ms` of μ-law whose bytes count up, so any reordering or change shows. */
const mulawRun = (ms: number, from = 0) =>
  Buffer.from(Array.from({ length: ms * 8 }, (_, i) => (from + i) % 256));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  for (const server of servers.splice(0)) {
    for (const socket of server.clients) socket.terminate();
    server.close();
  }
});

describe('twilio leg', () => {
  it('holds caller audio until the call listens, then delivers it in order, bytes untouched', async () => {
    const { client, leg } = await streamPair();
    const frames: AudioFrame[] = [];
    leg.on('audio', (frame) => frames.push(frame));
    for (let i = 0; i < 10; i++) client.sendMedia(mulawRun(20, i * 7));
    await client.until(() => client.sentAudio.length === 10, 'the frames sent');
    await sleep(100);
    expect(frames).toHaveLength(0);

    leg.deliverHeldAudio();
    client.sendMedia(mulawRun(20, 99));
    await client.until(() => frames.length === 11, 'every frame delivered');
    for (const frame of frames) expect(frame.sampleRate).toBe(8000);
    expect(Buffer.concat(frames.map((frame) => frame.mulaw ?? new Uint8Array()))).toEqual(
      Buffer.concat(client.sentAudio),
    );
    expect(leg.codec).toBe('mulaw');
  });

  it('plays agent audio as 20 ms media, each with a mark, and counts as heard what the marks confirm', async () => {
    const { client, leg } = await streamPair();
    leg.startResponse();
    for (let i = 0; i < 5; i++) leg.play(new MulawFrame(mulawRun(100, i)));
    const pcm: AudioFrame = { samples: new Int16Array(800).fill(1200), sampleRate: 8000 };
    leg.play(pcm);
    await client.until(() => client.player.receivedBytes === 4800, 'the audio received');
    expect(client.messagesOf('media')).toHaveLength(30);
    expect(client.messagesOf('mark')).toHaveLength(30);
    expect(client.messages.map((m) => m.event).slice(0, 4)).toEqual([
      'media',
      'mark',
      'media',
      'mark',
    ]);
    expect(Buffer.concat(client.player.received).subarray(4000)).toEqual(
      Buffer.from(encodeMulaw(pcm.samples)),
    );
    expect(leg.playedMs()).toBeLessThan(100);

    await client.until(() => client.heardMs() >= 350, 'a third of it heard');
    await sleep(5);
    const heard = client.heardMs();
    expect(leg.playedMs()).toBeLessThanOrEqual(heard);
    expect(leg.playedMs()).toBeGreaterThanOrEqual(heard - 40);

    await client.until(() => leg.playedMs() === 600, 'all of it heard', 2000);
    // A new answer starts from nothing heard.
    leg.startResponse();
    expect(leg.playedMs()).toBe(0);
  });

  it('clears Twilio’s buffer at once; audio dropped there never counts as heard', async () => {
    const { client, leg } = await streamPair();
    leg.startResponse();
    for (let i = 0; i < 50; i++) leg.play(new MulawFrame(mulawRun(20, i)));
    await client.until(() => client.heardMs() >= 300, 'part of the answer heard');
    leg.clear();
    const heardAtClear = leg.playedMs();
    await client.until(() => client.clears.length === 1, 'the clear');
    const [clear] = client.clears;
    expect(clear?.droppedBytes).toBeGreaterThan(0);
    await sleep(100);
    // The echoes of the dropped audio's marks came back, and changed nothing.
    expect(leg.playedMs()).toBe(heardAtClear);
    expect(heardAtClear).toBeLessThanOrEqual((clear?.playedBytes ?? 0) / 8);
    expect(heardAtClear).toBeGreaterThanOrEqual((clear?.playedBytes ?? 0) / 8 - 40);

    leg.startResponse();
    leg.play(new MulawFrame(mulawRun(200)));
    await client.until(() => leg.playedMs() === 200, 'the next answer heard', 2000);
  });

  it('reports DTMF digits, and the hang-up when Twilio stops the stream', async () => {
    const { client, leg } = await streamPair();
    const digits: string[] = [];
    leg.on('dtmf', (digit) => digits.push(digit));
    const hangup = once(leg, 'hangup') as Promise<CallerLegEvents['hangup']>;
    client.dtmf('5');
    client.dtmf('#');
    client.hangUp();
    expect((await hangup)[0]).toEqual({ reason: 'caller_hangup' });
    expect(digits).toEqual(['5', '#']);
    expect(leg.hangupReason).toBe('caller_hangup');
  });

  it('counts garbled and oversized messages and closes the stream past the limit', async () => {
    const { client, leg } = await streamPair();
    const hangup = once(leg, 'hangup') as Promise<CallerLegEvents['hangup']>;
    const garbage = [
      'not json',
      '[]',
      '{"event":"media","media":{}}',
      '{"event":"media","media":{"payload":42}}',
      `{"event":"media","media":{"payload":"${'A'.repeat(20_000)}"}}`,
      '{"event":"mark","mark":{"name":"999999"}}',
      '{"event":"dtmf","dtmf":{"digit":"ten"}}',
      '{"event":"teleport"}',
    ];
    for (let i = 0; i < 3; i++) for (const text of garbage) client.sendRaw(text);
    expect((await hangup)[0]).toEqual({ reason: 'transport_error' });
    expect((await client.closed).code).toBe(1008);
  });

  it('closes a stream that never starts, or sends garbage before it does', async () => {
    const silent = await unstartedPair({ timeoutMs: 200 });
    expect(await silent.client.closed).toEqual({ code: 1008, reason: 'no_start' });

    const noisy = await unstartedPair();
    for (let i = 0; i < 5; i++)
      noisy.client.sendRaw('{"event":"media","media":{"payload":"AA=="}}');
    expect(await noisy.client.closed).toEqual({ code: 1008, reason: 'invalid_messages' });
  });
});
