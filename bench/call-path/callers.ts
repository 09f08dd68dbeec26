import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocket } from 'ws';

// The browsers of the call-path benchmark, in a process of their own so the
// server's CPU figures are the server's alone. Each caller does what the
// widget does: POST /api/widget/call/session, open the call socket, then send
// 20 ms PCM16 frames at the session's input rate on its own clock and a playback report every
// 100 ms for as long as the call lasts. Driven over IPC.

export const CALLERS_ENV = 'BUZZI_BENCH_CALLERS';

export type CallTarget =
  | { kind: 'buzzi'; url: string; chatbotId: string }
  | { kind: 'relay'; url: string };

export type CallersCommand =
  | { type: 'open'; target: CallTarget; count: number; spreadMs: number }
  | {
      type: 'measure';
      durationMs: number;
      /** New calls arriving while the live ones are measured. */
      arrivals?: { target: CallTarget; count: number; perSecond: number };
    }
  | { type: 'hangup' };

export type SetupFigures = {
  sessionMs: number[];
  connectMs: number[];
  failed: number;
  /** The first failure's reason. */
  firstError?: string;
};

export type CallersReply =
  | ({ type: 'opened' } & SetupFigures)
  | {
      type: 'measured';
      /** Caller frame sent → its echo received, over the calls live when the window opened. */
      roundTripMs: number[];
      framesSent: number;
      framesEchoed: number;
      /** Longest silence between two agent audio messages, per live call. */
      maxAudioGapMs: number[];
      /** How late this process's own timers ran (p99): a round trip includes it. */
      eventLoopLagP99Ms: number;
      arrivals?: SetupFigures;
    }
  | { type: 'hung-up' };

const FRAME_MS = 20;
/** What the plain relay is sent: the rate its provider takes, like Buzzi's session asks for. */
const RELAY_INPUT_RATE = 24_000;
const OUTPUT_BYTES_PER_MS = (24_000 * 2) / 1000;
const REPORT_EVERY_FRAMES = 5;
const LOOP_RESOLUTION_MS = 5;
const START_TIMEOUT_MS = 20_000;
const HANG_UP_TIMEOUT_MS = 5_000;

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
const wallMs = () => performance.timeOrigin + performance.now();

/** 20 ms of a tone at `sampleRate`, PCM16 little-endian. */
function toneFrame(sampleRate: number): Buffer {
  const frame = Buffer.alloc((sampleRate * FRAME_MS * 2) / 1000);
  for (let i = 0; i < frame.length; i += 2) frame.writeInt16LE(Math.round(3000 * Math.sin(i)), i);
  return frame;
}
const framesByRate = new Map<number, Buffer>();
const frameAt = (sampleRate: number) => {
  const known = framesByRate.get(sampleRate);
  if (known) return known;
  const frame = toneFrame(sampleRate);
  framesByRate.set(sampleRate, frame);
  return frame;
};

class Caller {
  readonly #sentAt: number[] = [];
  roundTripMs: number[] = [];
  framesSent = 0;
  framesEchoed = 0;
  receivedBytes = 0;
  lastAudioAt = 0;
  maxGapMs = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly closed: Promise<void>;

  constructor(
    readonly socket: WebSocket,
    /** The session's inputSampleRate: what the widget would capture at. */
    readonly frame: Buffer,
  ) {
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
    socket.on('message', (data, isBinary) => {
      if (!isBinary) return;
      const now = wallMs();
      this.receivedBytes += (data as Buffer).length;
      if (this.lastAudioAt > 0) this.maxGapMs = Math.max(this.maxGapMs, now - this.lastAudioAt);
      this.lastAudioAt = now;
      const sentAt = this.#sentAt.shift();
      if (sentAt === undefined) return;
      this.framesEchoed++;
      this.roundTripMs.push(now - sentAt);
    });
  }

  /** Streams from now until the socket closes, on a 20 ms clock that does not drift. */
  startStreaming(): void {
    const start = wallMs();
    let n = 0;
    const tick = () => {
      if (this.socket.readyState !== WebSocket.OPEN) return;
      this.#sentAt.push(wallMs());
      this.framesSent++;
      this.socket.send(this.frame);
      if (n % REPORT_EVERY_FRAMES === 0) {
        const playedMs = Math.round(this.receivedBytes / OUTPUT_BYTES_PER_MS);
        this.socket.send(JSON.stringify({ type: 'playback', playedMs }));
      }
      n++;
      this.#timer = setTimeout(tick, Math.max(0, start + n * FRAME_MS - wallMs()));
    };
    tick();
  }

  resetFigures(): void {
    this.#sentAt.length = 0;
    this.roundTripMs = [];
    this.framesSent = 0;
    this.framesEchoed = 0;
    this.lastAudioAt = wallMs();
    this.maxGapMs = 0;
  }

  async hangUp(target: CallTarget): Promise<void> {
    clearTimeout(this.#timer);
    if (this.socket.readyState === WebSocket.OPEN) {
      if (target.kind === 'buzzi') this.socket.send(JSON.stringify({ type: 'end' }));
      else this.socket.close();
    }
    const timer = setTimeout(() => this.socket.terminate(), HANG_UP_TIMEOUT_MS);
    await this.closed;
    clearTimeout(timer);
  }
}

let nextAddress = 0;

/** Session (Buzzi only) and socket set-up, timed; resolves once the call has started. */
async function openCall(target: CallTarget, setup: SetupFigures): Promise<Caller | null> {
  let url = target.url;
  let inputSampleRate = RELAY_INPUT_RATE;
  try {
    if (target.kind === 'buzzi') {
      const n = nextAddress++;
      const startedAt = wallMs();
      const response = await fetch(`${target.url}/api/widget/call/session`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // Each caller is a browser of its own behind the proxy (TRUST_PROXY is on).
          'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        },
        body: JSON.stringify({ chatbotId: target.chatbotId }),
        signal: AbortSignal.timeout(START_TIMEOUT_MS),
      });
      if (response.status !== 201) throw new Error(`session refused: ${response.status}`);
      const session = (await response.json()) as {
        wsUrl: string;
        token: string;
        inputSampleRate: number;
      };
      inputSampleRate = session.inputSampleRate;
      setup.sessionMs.push(wallMs() - startedAt);
      url = `${session.wsUrl}?token=${encodeURIComponent(session.token)}`;
    }
    const connectStartedAt = wallMs();
    const socket = new WebSocket(url, { perMessageDeflate: false });
    const caller = new Caller(socket, frameAt(inputSampleRate));
    await new Promise<void>((resolve, reject) => {
      let lastNotice = '';
      const timer = setTimeout(() => {
        socket.terminate();
        reject(
          new Error(`no call.started within ${START_TIMEOUT_MS} ms; last notice ${lastNotice}`),
        );
      }, START_TIMEOUT_MS);
      socket.once('error', reject);
      socket.once('close', (code) =>
        reject(new Error(`closed (${code}) before the call started; last notice ${lastNotice}`)),
      );
      socket.on('message', (data, isBinary) => {
        if (isBinary) return;
        lastNotice = String(data).slice(0, 200);
        if (lastNotice.includes('"call.started"')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    setup.connectMs.push(wallMs() - connectStartedAt);
    caller.startStreaming();
    return caller;
  } catch (error) {
    setup.failed++;
    setup.firstError ??= (error as Error).message;
    return null;
  }
}

async function openCalls(
  target: CallTarget,
  count: number,
  spreadMs: number,
): Promise<{ callers: Caller[]; setup: SetupFigures }> {
  const setup: SetupFigures = { sessionMs: [], connectMs: [], failed: 0 };
  const opened = await Promise.all(
    Array.from(
      { length: count },
      (_, i) =>
        new Promise<Caller | null>((resolve) => {
          setTimeout(() => resolve(openCall(target, setup)), (i * spreadMs) / count);
        }),
    ),
  );
  return { callers: opened.filter((caller): caller is Caller => caller !== null), setup };
}

let live: Caller[] = [];
let liveTarget: CallTarget | null = null;

async function measure(command: Extract<CallersCommand, { type: 'measure' }>) {
  const measured = [...live];
  for (const caller of measured) caller.resetFigures();
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loopDelay.enable();
  const window = new Promise((resolve) => setTimeout(resolve, command.durationMs));
  let arrivals: SetupFigures | undefined;
  if (command.arrivals) {
    const { target, count, perSecond } = command.arrivals;
    const opened = await openCalls(target, count, (count / perSecond) * 1000);
    live.push(...opened.callers);
    arrivals = opened.setup;
  }
  await window;
  loopDelay.disable();
  const now = wallMs();
  return {
    type: 'measured' as const,
    roundTripMs: measured.flatMap((c) => c.roundTripMs),
    framesSent: measured.reduce((sum, c) => sum + c.framesSent, 0),
    framesEchoed: measured.reduce((sum, c) => sum + c.framesEchoed, 0),
    maxAudioGapMs: measured.map((c) => Math.max(c.maxGapMs, now - c.lastAudioAt)),
    eventLoopLagP99Ms: Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
    ...(arrivals ? { arrivals } : {}),
  };
}

function serve(): void {
  process.on('message', async (command: CallersCommand) => {
    const reply = (message: CallersReply) => process.send?.(message);
    if (command.type === 'open') {
      const { callers, setup } = await openCalls(command.target, command.count, command.spreadMs);
      live.push(...callers);
      liveTarget = command.target;
      reply({ type: 'opened', ...setup });
    } else if (command.type === 'measure') {
      reply(await measure(command));
    } else {
      const target = liveTarget;
      if (target) await Promise.all(live.map((caller) => caller.hangUp(target)));
      live = [];
      reply({ type: 'hung-up' });
    }
  });
}

if (process.env[CALLERS_ENV] === '1') serve();
