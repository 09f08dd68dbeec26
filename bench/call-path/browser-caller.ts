import { WebSocket } from 'ws';
import {
  CallerFigures,
  echoesDrained,
  FRAME_MS,
  startFrameClock,
  wallMs,
} from './caller-figures.js';
import type { CallTarget, SetupFigures } from './callers.js';
import {
  DRAIN_TIMEOUT_MS,
  type LiveCaller,
  START_TIMEOUT_MS,
  socketClosed,
} from './live-caller.js';

// A browser as the widget calls: POST /api/widget/call/session, open the call
// socket, then 20 ms PCM16 frames at the session's input rate on its own
// clock and a playback report every 100 ms for as long as the call lasts.

/** What the plain relay is sent: the rate its provider takes, like Buzzi's session asks for. */
const RELAY_INPUT_RATE = 24_000;
const OUTPUT_BYTES_PER_MS = (24_000 * 2) / 1000;
const REPORT_EVERY_FRAMES = 5;

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

class BrowserCaller implements LiveCaller {
  readonly figures = new CallerFigures();
  readonly #closed: ReturnType<typeof socketClosed>;
  #clock: { stop(): void } | undefined;

  constructor(
    readonly socket: WebSocket,
    readonly target: CallTarget,
    /** 20 ms at the session's inputSampleRate: what the widget would capture at. */
    readonly frame: Buffer,
  ) {
    this.#closed = socketClosed(socket);
    socket.on('message', (data, isBinary) => {
      if (isBinary) this.figures.audioReceived((data as Buffer).length);
    });
  }

  startStreaming(): void {
    this.#clock = startFrameClock((n) => {
      if (this.socket.readyState !== WebSocket.OPEN) return false;
      this.figures.frameSent();
      this.socket.send(this.frame);
      if (n % REPORT_EVERY_FRAMES === 0) {
        const playedMs = Math.round(this.figures.receivedBytes / OUTPUT_BYTES_PER_MS);
        this.socket.send(JSON.stringify({ type: 'playback', playedMs }));
      }
      return true;
    });
  }

  async hangUp(): Promise<void> {
    this.#clock?.stop();
    await echoesDrained(this.figures, DRAIN_TIMEOUT_MS);
    if (this.socket.readyState === WebSocket.OPEN) {
      if (this.target.kind === 'buzzi') this.socket.send(JSON.stringify({ type: 'end' }));
      else this.socket.close();
    }
    await this.#closed.within();
  }
}

let nextAddress = 0;

/** Session (Buzzi only) and socket set-up, timed; resolves once the call has started. */
export async function openBrowserCall(
  target: Extract<CallTarget, { kind: 'buzzi' | 'relay' }>,
  setup: SetupFigures,
): Promise<LiveCaller> {
  let url = target.url;
  let inputSampleRate = RELAY_INPUT_RATE;
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
  const caller = new BrowserCaller(socket, target, frameAt(inputSampleRate));
  await new Promise<void>((resolve, reject) => {
    let lastNotice = '';
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no call.started within ${START_TIMEOUT_MS} ms; last notice ${lastNotice}`));
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
}
