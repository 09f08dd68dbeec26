import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openBrowserCall } from './browser-caller.js';
import { wallMs } from './caller-figures.js';
import type { LiveCaller } from './live-caller.js';
import { openTwilioCall } from './twilio-caller.js';

// The callers of the call-path benchmarks, in a process of their own so the
// server's CPU figures are the server's alone: browsers as the widget calls
// (browser-caller.ts) or phones as Twilio streams them (twilio-caller.ts),
// each on its own 20 ms clock for as long as the call lasts. Driven over IPC.

export const CALLERS_ENV = 'BUZZI_BENCH_CALLERS';

export type CallTarget =
  /** Buzzi's browser call path (widget session, then the call socket). */
  | { kind: 'buzzi'; url: string; chatbotId: string }
  /** The plain browser ↔ Realtime relay's socket. */
  | { kind: 'relay'; url: string }
  /** Buzzi's phone path: `url` is Buzzi's PUBLIC_URL, the voice webhook signed with `authToken`. */
  | { kind: 'twilio'; url: string; accountSid: string; authToken: string; to: string }
  /** The plain Twilio ↔ Realtime relay's Media Streams socket. */
  | { kind: 'twilio-relay'; url: string };

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
  /** The session (browser) or the voice webhook's TwiML (Twilio) answered. */
  sessionMs: number[];
  /** Call socket opening → the call is live (`call.started`; for Twilio the first agent audio). */
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
  | {
      type: 'hung-up';
      /** Over the whole of every call, from its first frame to its last echo. */
      framesSent: number;
      framesEchoed: number;
      callsMissingEchoes: number;
    };

const LOOP_RESOLUTION_MS = 5;

async function openCall(target: CallTarget, setup: SetupFigures): Promise<LiveCaller | null> {
  try {
    return target.kind === 'buzzi' || target.kind === 'relay'
      ? await openBrowserCall(target, setup)
      : await openTwilioCall(target, setup);
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
): Promise<{ callers: LiveCaller[]; setup: SetupFigures }> {
  const setup: SetupFigures = { sessionMs: [], connectMs: [], failed: 0 };
  const opened = await Promise.all(
    Array.from(
      { length: count },
      (_, i) =>
        new Promise<LiveCaller | null>((resolve) => {
          setTimeout(() => resolve(openCall(target, setup)), (i * spreadMs) / count);
        }),
    ),
  );
  return { callers: opened.filter((caller): caller is LiveCaller => caller !== null), setup };
}

let live: LiveCaller[] = [];

async function measure(command: Extract<CallersCommand, { type: 'measure' }>) {
  const measured = live.map((caller) => caller.figures);
  for (const figures of measured) figures.resetWindow();
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
    roundTripMs: measured.flatMap((f) => f.roundTripMs),
    framesSent: measured.reduce((sum, f) => sum + f.framesSent, 0),
    framesEchoed: measured.reduce((sum, f) => sum + f.framesEchoed, 0),
    maxAudioGapMs: measured.map((f) => Math.max(f.maxGapMs, now - f.lastAudioAt)),
    eventLoopLagP99Ms: Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
    ...(arrivals ? { arrivals } : {}),
  };
}

async function hangUpAll() {
  const ended = live;
  live = [];
  await Promise.all(ended.map((caller) => caller.hangUp()));
  const figures = ended.map((caller) => caller.figures);
  return {
    type: 'hung-up' as const,
    framesSent: figures.reduce((sum, f) => sum + f.callFramesSent, 0),
    framesEchoed: figures.reduce((sum, f) => sum + f.callFramesEchoed, 0),
    callsMissingEchoes: figures.filter((f) => f.callFramesEchoed < f.callFramesSent).length,
  };
}

function serve(): void {
  process.on('message', async (command: CallersCommand) => {
    const reply = (message: CallersReply) => process.send?.(message);
    if (command.type === 'open') {
      const { callers, setup } = await openCalls(command.target, command.count, command.spreadMs);
      live.push(...callers);
      reply({ type: 'opened', ...setup });
    } else if (command.type === 'measure') {
      reply(await measure(command));
    } else {
      reply(await hangUpAll());
    }
  });
}

if (process.env[CALLERS_ENV] === '1') serve();
