import { WebSocket } from 'ws';
import { pcm16FromBytes, pcm16ToBytes } from '../../../src/server/voice/audio/pcm.js';

export type CallEvent = { type: string; [key: string]: unknown };

/** What refused an upgrade: the HTTP status and JSON body the server answered with. */
export class UpgradeRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`WebSocket upgrade refused with ${status}`);
  }
}

const PLAYER_TICK_MS = 20;
const PLAYBACK_REPORT_MS = 100;

/**
 * A browser caller as the widget behaves: streams microphone PCM16 at 16 kHz,
 * "plays" received agent audio in real time, reports how much it played and
 * drops its buffer on `playback.clear`.
 */
export class CallClient {
  readonly events: CallEvent[] = [];
  readonly audio: Buffer[] = [];
  receivedAudioBytes = 0;
  /** Agent audio played or discarded so far, in ms, as reported in `playback`. */
  playedMs = 0;
  #bufferedMs = 0;
  #player: NodeJS.Timeout | undefined;
  #reporter: NodeJS.Timeout | undefined;
  readonly closed: Promise<{ code: number; reason: string }>;
  #waiters: Array<() => void> = [];

  private constructor(
    readonly socket: WebSocket,
    readonly outputSampleRate: number,
  ) {
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        this.stopPlayer();
        resolve({ code, reason: reason.toString('utf8') });
        this.#wake();
      });
    });
    socket.on('message', (data, isBinary) => {
      const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
      if (isBinary) {
        this.audio.push(bytes);
        this.receivedAudioBytes += bytes.length;
        this.#bufferedMs += (bytes.length / 2 / this.outputSampleRate) * 1000;
      } else {
        const event = JSON.parse(bytes.toString('utf8')) as CallEvent;
        this.events.push(event);
        if (event.type === 'playback.clear') {
          this.playedMs += this.#bufferedMs;
          this.#bufferedMs = 0;
          this.#report();
        }
      }
      this.#wake();
    });
  }

  static connect(
    url: string,
    outputSampleRate = 24_000,
    headers: Record<string, string> = {},
  ): Promise<CallClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      socket.on('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => {
          body += chunk.toString('utf8');
        });
        response.on('end', () => {
          let parsed: unknown = body;
          try {
            parsed = JSON.parse(body);
          } catch {}
          reject(new UpgradeRefused(response.statusCode ?? 0, parsed));
          socket.terminate();
        });
      });
      socket.on('error', reject);
      socket.on('open', () => resolve(new CallClient(socket, outputSampleRate)));
    });
  }

  /** Plays received audio in real time and reports the position like the widget's worklet. */
  startPlayer(): void {
    this.#player = setInterval(() => {
      const step = Math.min(PLAYER_TICK_MS, this.#bufferedMs);
      this.#bufferedMs -= step;
      this.playedMs += step;
    }, PLAYER_TICK_MS);
    this.#reporter = setInterval(() => this.#report(), PLAYBACK_REPORT_MS);
  }

  stopPlayer(): void {
    clearInterval(this.#player);
    clearInterval(this.#reporter);
  }

  sendAudio(samples: Int16Array): void {
    this.socket.send(pcm16ToBytes(samples));
  }

  sendJson(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Streams samples in 20 ms frames paced by timers, correcting drift against the wall clock. */
  async streamAudio(samples: Int16Array, sampleRate = 16_000, frameMs = 20): Promise<void> {
    const perFrame = (sampleRate * frameMs) / 1000;
    const start = performance.now();
    for (let i = 0, n = 0; i < samples.length; i += perFrame, n++) {
      if (this.socket.readyState !== WebSocket.OPEN) return;
      this.sendAudio(samples.subarray(i, i + perFrame));
      const due = start + (n + 1) * frameMs;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    }
  }

  receivedAudioMs(): number {
    return (this.receivedAudioBytes / 2 / this.outputSampleRate) * 1000;
  }

  /** The last sample received, without joining everything received. */
  lastSample(): number | undefined {
    const last = this.audio.at(-1);
    return last && last.length >= 2 ? last.readInt16LE(last.length - 2) : undefined;
  }

  receivedSamples(): Int16Array {
    return pcm16FromBytes(Buffer.concat(this.audio));
  }

  eventsOf(type: string): CallEvent[] {
    return this.events.filter((e) => e.type === type);
  }

  /** Resolves with the first event (already received or coming) that matches. */
  waitFor(
    type: string,
    match: (event: CallEvent) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<CallEvent> {
    return this.until(
      () => this.events.find((e) => e.type === type && match(e)),
      `event ${type}`,
      timeoutMs,
    );
  }

  /** Resolves once `probe` returns something, re-checked on every message. */
  until<T>(probe: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== check);
        const seen = this.events.map((e) => e.type).join(', ');
        reject(new Error(`timed out waiting for ${what}; events so far: ${seen}`));
      }, timeoutMs);
      const check = () => {
        const value = probe();
        if (value === undefined || value === false) return;
        clearTimeout(timer);
        this.#waiters = this.#waiters.filter((w) => w !== check);
        resolve(value);
      };
      this.#waiters.push(check);
      check();
    });
  }

  #report(): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.sendJson({ type: 'playback', playedMs: Math.round(this.playedMs) });
  }

  #wake(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}
