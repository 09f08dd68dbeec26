import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { BrowserLeg } from '../../../src/server/voice/transports/browser/browser-leg.js';
import type { CallerLegEvents } from '../../../src/server/voice/transports/caller-leg.js';
import { CallClient } from './browser-gateway-client.js';

// The browser leg on a real WebSocket, without a call behind it: what the
// runner sees of the client and what the client gets from the runner.

type Pair = { leg: BrowserLeg; client: CallClient; logLines: string[] };
const servers: WebSocketServer[] = [];
const clients: CallClient[] = [];

async function legPair(options: Partial<ConstructorParameters<typeof BrowserLeg>[0]> = {}) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', maxPayload: 256 * 1024 });
  servers.push(server);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const accepted = once(server, 'connection');
  const client = await CallClient.connect(`ws://127.0.0.1:${port}`);
  clients.push(client);
  const [socket] = await accepted;
  const logLines: string[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  const leg = new BrowserLeg({
    socket,
    inputSampleRate: 16_000,
    outputSampleRate: 24_000,
    logger,
    ...options,
  });
  return { leg, client, logLines } satisfies Pair;
}

function tone(ms: number, rate: number, value = 1000): Int16Array {
  return new Int16Array((rate * ms) / 1000).fill(value);
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  for (const server of servers.splice(0)) {
    for (const socket of server.clients) socket.terminate();
    server.close();
  }
});

describe('browser leg', () => {
  it('turns binary frames into caller audio and control messages into leg events', async () => {
    const { leg, client } = await legPair();
    const audio: Int16Array[] = [];
    const mutes: boolean[] = [];
    leg.on('audio', (frame) => {
      expect(frame.sampleRate).toBe(16_000);
      audio.push(frame.samples);
    });
    leg.on('mute', (muted) => mutes.push(muted));
    const hangup = once(leg, 'hangup') as Promise<CallerLegEvents['hangup']>;

    const samples = Int16Array.from({ length: 320 }, (_, i) => (i * 97) % 30_000);
    client.sendAudio(samples);
    client.sendJson({ type: 'mute' });
    client.sendAudio(samples);
    client.sendJson({ type: 'unmute' });
    client.sendAudio(samples);
    client.sendJson({ type: 'end' });
    client.sendAudio(samples);

    expect((await hangup)[0]).toEqual({ reason: 'caller_ended' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mutes).toEqual([true, false]);
    // While muted the agent gets silence of the same length; after "end", nothing.
    expect(audio.map((frame) => frame.length)).toEqual([320, 320, 320]);
    expect([...(audio[0] ?? [])]).toEqual([...samples]);
    expect(audio[1]?.every((sample) => sample === 0)).toBe(true);
    expect([...(audio[2] ?? [])]).toEqual([...samples]);
  });

  it('sends agent audio as PCM16 and events as JSON, and counts what the client played', async () => {
    const { leg, client } = await legPair();
    leg.startResponse();
    leg.play({ samples: tone(1000, 24_000, 7), sampleRate: 24_000 });
    leg.notify({ type: 'agent.speaking', speaking: true });
    await client.until(() => client.receivedAudioMs() >= 1000, 'a second of agent audio');
    expect(client.receivedSamples().every((s) => s === 7)).toBe(true);
    await client.waitFor('agent.speaking', (e) => e.speaking === true);

    client.sendJson({ type: 'playback', playedMs: 400 });
    await expect.poll(() => leg.playedMs()).toBe(400);

    // The second answer starts where the first ended in the client's stream.
    client.sendJson({ type: 'playback', playedMs: 1000 });
    leg.startResponse();
    leg.play({ samples: tone(500, 24_000), sampleRate: 24_000 });
    await expect.poll(() => leg.playedMs()).toBe(0);
    client.sendJson({ type: 'playback', playedMs: 1200 });
    await expect.poll(() => leg.playedMs()).toBe(200);
    // Never more than was sent for this answer, whatever the client claims.
    client.sendJson({ type: 'playback', playedMs: 9000 });
    await expect.poll(() => leg.playedMs()).toBe(500);

    leg.clear();
    await client.waitFor('playback.clear');
  });

  it('answers each invalid frame with an error event and keeps the call', async () => {
    const { leg, client } = await legPair();
    const audio: Int16Array[] = [];
    leg.on('audio', (frame) => audio.push(frame.samples));
    client.socket.send(Buffer.alloc(33_000));
    client.socket.send(Buffer.alloc(641));
    client.socket.send(Buffer.alloc(0));
    client.socket.send('not json');
    client.socket.send(JSON.stringify({ type: 'dance' }));
    client.socket.send(JSON.stringify({ type: 'playback', playedMs: -5 }));
    client.socket.send('x'.repeat(5000));
    client.sendAudio(tone(20, 16_000));

    await client.until(() => client.eventsOf('error').length >= 7, 'seven errors');
    expect(client.eventsOf('error').map((e) => e.code)).toEqual([
      'frame_too_large',
      'frame_misaligned',
      'frame_empty',
      'invalid_json',
      'unknown_message',
      'invalid_message',
      'invalid_message',
    ]);
    await expect.poll(() => audio.length).toBe(1);
    expect(leg.isOpen).toBe(true);
  });

  it('closes with 1008 after 20 invalid frames within 10 s and reports the hang-up once', async () => {
    const { leg, client, logLines } = await legPair();
    const hangups: unknown[] = [];
    leg.on('hangup', (event) => hangups.push(event));
    for (let i = 0; i < 25; i++) client.socket.send(`garbage ${i}`);

    const closed = await client.closed;
    expect(closed).toEqual({ code: 1008, reason: 'Too many invalid frames' });
    expect(client.eventsOf('error')).toHaveLength(20);
    expect(hangups).toEqual([{ reason: 'transport_error' }]);
    expect(logLines.join('')).not.toContain('garbage');
  });

  it('reports a closed socket as the caller hanging up', async () => {
    const { leg, client } = await legPair();
    const hangup = once(leg, 'hangup') as Promise<CallerLegEvents['hangup']>;
    client.socket.close();
    expect((await hangup)[0]).toEqual({ reason: 'caller_hangup' });
    leg.play({ samples: tone(20, 24_000), sampleRate: 24_000 });
    leg.notify({ type: 'agent.speaking', speaking: false });
  });

  it('survives random bytes and strings', async () => {
    const { leg, client } = await legPair({ badFrames: { maxBadFrames: 10_000, windowMs: 1000 } });
    let frames = 0;
    leg.on('audio', () => frames++);
    let seed = 42;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let i = 0; i < 500; i++) {
      const length = Math.floor(random() * 4000);
      const bytes = Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
      if (random() < 0.5) client.socket.send(bytes);
      else client.socket.send(bytes.toString('latin1'));
    }
    client.sendJson({ type: 'playback', playedMs: 1 });
    client.sendJson({ type: 'end' });
    await once(leg, 'hangup');
    // Every message became exactly one of: caller audio, or an error event for the client.
    await client.until(() => frames + client.eventsOf('error').length === 500, 'all 500 answered');
    expect(frames).toBeGreaterThan(50);
    expect(client.eventsOf('error').length).toBeGreaterThan(250);
  });

  it('holds a bounded queue for a client that stops reading and drops the oldest audio', async () => {
    const maxQueuedBytes = 96_000;
    const { leg, client, logLines } = await legPair({
      outbox: { maxInFlightBytes: 48_000, maxQueuedBytes },
    });
    client.socket.pause();
    // Each one-second frame carries its index, so the client can tell which survived.
    const frames = 400;
    leg.startResponse();
    for (let i = 0; i < frames; i++) {
      leg.play({ samples: tone(1000, 24_000, i), sampleRate: 24_000 });
    }
    const warnings = logLines.filter((l) => l.includes('not reading'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toMatch(/samples|token/);

    client.socket.resume();
    const last = frames - 1;
    await client.until(() => client.lastSample() === last, 'the newest frame', 15_000);
    const receivedMs = client.receivedAudioMs();
    expect(receivedMs).toBeLessThan(frames * 1000);
    // What was dropped is not counted as sent: the answer's length is what the client got.
    client.sendJson({ type: 'playback', playedMs: receivedMs });
    await expect.poll(() => leg.playedMs()).toBe(Math.round(receivedMs));
  });
});
