import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocket } from 'ws';

// The browser side of the gateway benchmark, in a process of its own so the
// server's CPU figures are the server's alone. Driven over IPC by
// gateway.bench.ts: open N calls, stream 20 ms caller frames in real time,
// report round trips (caller frame sent → its echo received).

export type CallerCommand =
  | { type: 'open'; urls: string[] }
  | { type: 'stream'; durationMs: number }
  | { type: 'hangup' };

export type CallerReply =
  | { type: 'opened' }
  | {
      type: 'streamed';
      roundTripMs: number[];
      framesSent: number;
      framesEchoed: number;
      /** How late this process's own timers ran (p99), which a round trip includes. */
      eventLoopLagP99Ms: number;
    }
  | { type: 'hung-up' };

const FRAME_MS = 20;
const FRAME_BYTES = (16_000 * FRAME_MS * 2) / 1000;
const OUTPUT_BYTES_PER_MS = (24_000 * 2) / 1000;
const PLAYBACK_REPORT_MS = 100;
export const LOOP_RESOLUTION_MS = 5;
/** Set in the environment of the forked caller process. */
export const CALLERS_ENV = 'BUZZI_GATEWAY_BENCH_CALLERS';

/** The histogram holds whole timer intervals; the lag is what exceeds the resolution. */
export function loopLagP99Ms(histogram: { percentile(p: number): number }): number {
  return Number(Math.max(0, histogram.percentile(99) / 1e6 - LOOP_RESOLUTION_MS).toFixed(2));
}

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
const wallMs = () => performance.timeOrigin + performance.now();

class Caller {
  readonly #sentAt: number[] = [];
  readonly roundTripMs: number[] = [];
  receivedBytes = 0;
  framesSent = 0;
  framesEchoed = 0;
  readonly closed: Promise<void>;

  constructor(readonly socket: WebSocket) {
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
    socket.on('message', (data, isBinary) => {
      if (!isBinary) return;
      this.receivedBytes += (data as Buffer).length;
      const sentAt = this.#sentAt.shift();
      if (sentAt === undefined) return;
      this.framesEchoed++;
      this.roundTripMs.push(wallMs() - sentAt);
    });
  }

  static open(url: string): Promise<Caller> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const caller = new Caller(socket);
      socket.once('error', reject);
      socket.on('message', (data, isBinary) => {
        if (!isBinary && String(data).includes('"call.started"')) resolve(caller);
      });
    });
  }

  resetCounts(): void {
    this.#sentAt.length = 0;
    this.roundTripMs.length = 0;
    this.framesSent = 0;
    this.framesEchoed = 0;
  }

  sendFrame(frame: Buffer): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.#sentAt.push(wallMs());
    this.framesSent++;
    this.socket.send(frame);
  }

  reportPlayback(): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    const playedMs = Math.round(this.receivedBytes / OUTPUT_BYTES_PER_MS);
    this.socket.send(JSON.stringify({ type: 'playback', playedMs }));
  }
}

let callers: Caller[] = [];

/** Each caller sends on its own 20 ms clock, phases spread like independent browsers. */
async function stream(durationMs: number): Promise<void> {
  const frame = Buffer.alloc(FRAME_BYTES);
  for (let i = 0; i < frame.length; i += 2) frame.writeInt16LE(Math.round(3000 * Math.sin(i)), i);
  await Promise.all(
    callers.map(
      (caller, index) =>
        new Promise<void>((resolve) => {
          const start = wallMs() + (index / callers.length) * FRAME_MS;
          let n = 0;
          const tick = () => {
            if (wallMs() - start >= durationMs) {
              resolve();
              return;
            }
            caller.sendFrame(frame);
            if (n % (PLAYBACK_REPORT_MS / FRAME_MS) === 0) caller.reportPlayback();
            n++;
            setTimeout(tick, Math.max(0, start + n * FRAME_MS - wallMs()));
          };
          setTimeout(tick, Math.max(0, start - wallMs()));
        }),
    ),
  );
}

function serve(): void {
  process.on('message', async (command: CallerCommand) => {
    const reply = (message: CallerReply) => process.send?.(message);
    if (command.type === 'open') {
      callers = await Promise.all(command.urls.map((url) => Caller.open(url)));
      reply({ type: 'opened' });
    } else if (command.type === 'stream') {
      for (const caller of callers) caller.resetCounts();
      const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
      loopDelay.enable();
      await stream(command.durationMs);
      loopDelay.disable();
      // Let the last echoes arrive.
      await new Promise((resolve) => setTimeout(resolve, 200));
      reply({
        type: 'streamed',
        roundTripMs: callers.flatMap((c) => c.roundTripMs),
        framesSent: callers.reduce((sum, c) => sum + c.framesSent, 0),
        framesEchoed: callers.reduce((sum, c) => sum + c.framesEchoed, 0),
        eventLoopLagP99Ms: loopLagP99Ms(loopDelay),
      });
    } else {
      for (const caller of callers) caller.socket.send(JSON.stringify({ type: 'end' }));
      await Promise.all(callers.map((c) => c.closed));
      callers = [];
      reply({ type: 'hung-up' });
    }
  });
}

// Only in the forked child: the parent imports this module for its types and helpers.
if (process.env[CALLERS_ENV] === '1') serve();
