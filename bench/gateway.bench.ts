import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { cpus } from 'node:os';
import {
  type BuzziServer,
  type PinnedProcess,
  spawnPinned,
  startBuzzi,
} from './call-path/buzzi-server.js';
import {
  CALLERS_ENV,
  type CallersCommand,
  type CallersReply,
  type CallTarget,
  type SetupFigures,
} from './call-path/callers.js';
import {
  ECHO_PROVIDERS_ENV,
  type EchoProvidersCommand,
  type EchoProvidersReady,
  type EchoProvidersStats,
} from './call-path/echo-providers.js';
import { PLAIN_RELAY_ENV, type PlainRelayReady } from './call-path/plain-relay.js';
import { summarize } from './stats.js';

// The browser call path as a user's call takes it, measured from outside:
// callers (one process) → Buzzi (`src/server/main.ts`, its own process, pinned
// to one core) → OpenAI Realtime / Gemini Live over their real WebSocket
// protocols (a fake in a third process that echoes every caller frame as one
// audio chunk) → back to the callers. The same load through a plain
// hand-written relay, on the same core in the same run, is the reference.
//
// BENCH_CALL_LEVELS=50,100,200 (default) picks the concurrent-call levels;
// BENCH_CPU_PROFILE=<dir> writes a V8 CPU profile of the Buzzi process.

const STREAM_MS = 10_000;
const WARM_UP_MS = 2_000;
const SPREAD_MS = 1_000;
const GAP_LIMIT_MS = 100;
const BARGE_IN_AFTER_FRAMES = 15;
const ARRIVALS = { live: 100, count: 150, perSecond: 50 };

const progress = (line: string) => process.stderr.write(`gateway bench: ${line}\n`);

const levels = (process.env.BENCH_CALL_LEVELS ?? '50,100,200')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
/**
 * On a machine with a spare core, the measured server (Buzzi or the relay) is
 * pinned to one core; the callers and the fake providers run where the OS puts them.
 */
const serverCore = cpus().length > 1 ? cpus().length - 1 : undefined;

function forkHelper(module: string, env: string): ChildProcess {
  return fork(new URL(module, import.meta.url), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [env]: '1' },
  });
}

async function request<T>(child: ChildProcess, message: unknown): Promise<T> {
  const reply = once(child, 'message') as Promise<[T]>;
  child.send(message as object);
  return (await reply)[0];
}

const callers = {
  child: null as ChildProcess | null,
  send<T extends CallersReply['type']>(command: CallersCommand) {
    if (!this.child) throw new Error('callers not started');
    return request<Extract<CallersReply, { type: T }>>(this.child, command);
  },
};

function setupSummary(setup: SetupFigures) {
  return {
    sessionMs: summarize(setup.sessionMs, 1),
    connectMs: summarize(setup.connectMs, 1),
    failed: setup.failed,
    ...(setup.firstError ? { firstError: setup.firstError } : {}),
  };
}

/** Opens `calls` calls within a second, lets them warm up, then measures a steady window. */
async function measureSteady(target: CallTarget, server: PinnedProcess, calls: number) {
  const opened = await callers.send<'opened'>({
    type: 'open',
    target,
    count: calls,
    spreadMs: SPREAD_MS,
  });
  await callers.send<'measured'>({ type: 'measure', durationMs: WARM_UP_MS });
  const rssBefore = await server.rssMb();
  const cpuBefore = await server.cpuMs();
  const measured = await callers.send<'measured'>({ type: 'measure', durationMs: STREAM_MS });
  const cpuMs = (await server.cpuMs()) - cpuBefore;

  const rssMb = await server.rssMb();
  await callers.send<'hung-up'>({ type: 'hangup' });
  const callSeconds = (calls * STREAM_MS) / 1000;
  return {
    cpuMsPerCallSecond: Number((cpuMs / callSeconds).toFixed(2)),
    coreBusyPercent: Math.round((cpuMs / STREAM_MS) * 100),
    roundTripMs: summarize(measured.roundTripMs, 1),
    echoedFrames: `${measured.framesEchoed}/${measured.framesSent}`,
    callsWithAudioGapOver100Ms: measured.maxAudioGapMs.filter((gap) => gap > GAP_LIMIT_MS).length,
    maxAudioGapMs: Math.round(Math.max(0, ...measured.maxAudioGapMs)),
    callersEventLoopLagP99Ms: Number(measured.eventLoopLagP99Ms.toFixed(1)),
    rssMb: Math.round(rssMb),
    rssGrowthMbWhileLive: Number((rssMb - rssBefore).toFixed(1)),
    setup: setupSummary(opened),
  };
}

/** Live calls' round trips while new calls keep arriving. */
async function measureArrivals(server: BuzziServer) {
  const target: CallTarget = { kind: 'buzzi', url: server.url, chatbotId: server.chatbotId };
  await callers.send<'opened'>({ type: 'open', target, count: ARRIVALS.live, spreadMs: SPREAD_MS });
  await callers.send<'measured'>({ type: 'measure', durationMs: WARM_UP_MS });
  const measured = await callers.send<'measured'>({
    type: 'measure',
    durationMs: (ARRIVALS.count / ARRIVALS.perSecond) * 1000 + 1000,
    arrivals: { target, count: ARRIVALS.count, perSecond: ARRIVALS.perSecond },
  });
  await callers.send<'hung-up'>({ type: 'hangup' });
  return {
    liveCalls: ARRIVALS.live,
    arrivingCalls: `${ARRIVALS.count} at ${ARRIVALS.perSecond}/s`,
    liveRoundTripMs: summarize(measured.roundTripMs, 1),
    liveCallsWithAudioGapOver100Ms: measured.maxAudioGapMs.filter((gap) => gap > GAP_LIMIT_MS)
      .length,
    arrivals: measured.arrivals ? setupSummary(measured.arrivals) : null,
  };
}

/** The provider hears the caller start talking mid-answer: how soon does Buzzi cancel it? */
async function measureBargeIn(server: BuzziServer, fakes: ChildProcess, calls: number) {
  const target: CallTarget = { kind: 'buzzi', url: server.url, chatbotId: server.chatbotId };
  fakes.send({
    type: 'barge-in',
    afterFrames: BARGE_IN_AFTER_FRAMES,
  } satisfies EchoProvidersCommand);
  await callers.send<'opened'>({ type: 'open', target, count: calls, spreadMs: SPREAD_MS });
  await callers.send<'measured'>({ type: 'measure', durationMs: STREAM_MS / 2 });
  await callers.send<'hung-up'>({ type: 'hangup' });
  const stats = await request<EchoProvidersStats>(fakes, {
    type: 'stats',
  } satisfies EchoProvidersCommand);
  fakes.send({ type: 'barge-in', afterFrames: null } satisfies EchoProvidersCommand);
  return { calls, speechStartedToResponseCancelMs: summarize(stats.bargeInCancelMs, 1) };
}

async function withBuzzi<T>(
  providerBaseUrl: string,
  callModel: string,
  work: (server: BuzziServer) => Promise<T>,
): Promise<T> {
  progress(`starting Buzzi with ${callModel}`);
  const server = await startBuzzi({
    core: serverCore,
    providerBaseUrl,
    callModel,
    cpuProfileDir: process.env.BENCH_CPU_PROFILE,
  });
  try {
    const target: CallTarget = { kind: 'buzzi', url: server.url, chatbotId: server.chatbotId };
    // One short call first, so the levels run on warm code.
    await callers.send<'opened'>({ type: 'open', target, count: 1, spreadMs: 0 });
    await callers.send<'measured'>({ type: 'measure', durationMs: WARM_UP_MS });
    await callers.send<'hung-up'>({ type: 'hangup' });
    return await work(server);
  } finally {
    await server.stop();
  }
}

export async function gatewayBench() {
  const fakes = forkHelper('./call-path/echo-providers.ts', ECHO_PROVIDERS_ENV);
  callers.child = forkHelper('./call-path/callers.ts', CALLERS_ENV);
  let relay: PinnedProcess | null = null;
  try {
    const [ready] = (await once(fakes, 'message')) as [EchoProvidersReady];
    const providerBaseUrl = `http://127.0.0.1:${ready.port}`;
    const relayProfile = process.env.BENCH_CPU_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}/relay`]
      : [];
    relay = spawnPinned(
      [
        ...relayProfile,
        '--import',
        'tsx',
        'bench/call-path/plain-relay.ts',
        `ws://127.0.0.1:${ready.port}/v1/realtime?model=gpt-realtime`,
      ],
      {
        core: serverCore,
        env: { ...process.env, [PLAIN_RELAY_ENV]: '1' },
        ipc: true,
      },
    );
    const [relayReady] = (await once(relay.child, 'message')) as [PlainRelayReady];
    const relayTarget: CallTarget = { kind: 'relay', url: `ws://127.0.0.1:${relayReady.port}` };
    const activeRelay = relay;

    const openai = await withBuzzi(providerBaseUrl, 'gpt-realtime', async (server) => {
      const target: CallTarget = { kind: 'buzzi', url: server.url, chatbotId: server.chatbotId };
      const byLevel = [];
      for (const calls of levels) {
        progress(`${calls} calls through Buzzi, then through the plain relay`);
        const buzzi = await measureSteady(target, server, calls);
        const plainRelay = await measureSteady(relayTarget, activeRelay, calls);
        byLevel.push({
          calls,
          buzzi,
          plainRelay,
          cpuVersusRelay: Number(
            (buzzi.cpuMsPerCallSecond / plainRelay.cpuMsPerCallSecond).toFixed(2),
          ),
        });
      }
      progress(
        `${ARRIVALS.count} calls arriving at ${ARRIVALS.perSecond}/s beside ${ARRIVALS.live} live`,
      );
      const arrivals = await measureArrivals(server);
      progress('barge-in');
      const bargeIn = await measureBargeIn(server, fakes, Math.max(...levels));
      return { levels: byLevel, arrivals, bargeIn };
    });

    const geminiCalls = Math.min(100, Math.max(...levels));
    const gemini = await withBuzzi(providerBaseUrl, 'gemini-3.8-live', async (server) => {
      progress(`${geminiCalls} calls through Buzzi with Gemini Live`);
      const target: CallTarget = { kind: 'buzzi', url: server.url, chatbotId: server.chatbotId };
      return { calls: geminiCalls, ...(await measureSteady(target, server, geminiCalls)) };
    });

    return {
      serverCore: serverCore ?? 'unpinned (one core)',
      streamMs: STREAM_MS,
      openaiRealtime: openai,
      geminiLive: gemini,
    };
  } finally {
    callers.child.kill();
    fakes.kill();
    await relay?.stop();
  }
}
