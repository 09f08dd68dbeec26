import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import path from 'node:path';
import { summarize } from '../stats.js';
import { type PinnedProcess, spawnPinned } from './buzzi-server.js';
import {
  CALLERS_ENV,
  type CallersCommand,
  type CallersReply,
  type CallTarget,
  type SetupFigures,
} from './callers.js';
import { ECHO_PROVIDERS_ENV, type EchoProvidersReady } from './echo-providers.js';
import { PLAIN_RELAY_ENV, type PlainRelayReady } from './relay-process.js';

// What the call-path benchmarks share in their driver process: the helper
// processes, the load levels, and the steady window every level is measured
// over (calls opened within a second, a warm-up, then the figures).

export const STREAM_MS = 10_000;
export const WARM_UP_MS = 2_000;
export const SPREAD_MS = 1_000;
export const GAP_LIMIT_MS = 100;

/** BENCH_CALL_LEVELS=50,100,200 (default): the concurrent-call levels. */
export const callLevels = (process.env.BENCH_CALL_LEVELS ?? '50,100,200')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);

/**
 * On a machine with a spare core, the measured server (Buzzi or a relay) is
 * pinned to one core; the callers and the fakes run where the OS puts them.
 */
export const serverCore = cpus().length > 1 ? cpus().length - 1 : undefined;

/** BENCH_CPU_PROFILE=<dir>: V8 CPU profiles of the measured servers go there. */
export const cpuProfileDir = process.env.BENCH_CPU_PROFILE;

export function forkHelper(module: string | URL, env: string): ChildProcess {
  return fork(module, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [env]: '1' },
  });
}

/** Sends `message` and resolves with the child's next message; rejects if it exits first. */
export async function request<T>(child: ChildProcess, message: unknown): Promise<T> {
  const reply = new Promise<T>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`${child.spawnfile} exited (${code}) before it answered`));
    child.once('exit', onExit);
    child.once('message', (answer) => {
      child.off('exit', onExit);
      resolve(answer as T);
    });
  });
  child.send(message as object);
  return reply;
}

/** The callers process (callers.ts), asked one command at a time. */
export class CallersProcess {
  readonly child = forkHelper(new URL('./callers.ts', import.meta.url), CALLERS_ENV);

  send<T extends CallersReply['type']>(command: CallersCommand) {
    return request<Extract<CallersReply, { type: T }>>(this.child, command);
  }

  stop(): void {
    this.child.kill();
  }
}

export function setupSummary(setup: SetupFigures) {
  return {
    sessionMs: summarize(setup.sessionMs, 1),
    connectMs: summarize(setup.connectMs, 1),
    failed: setup.failed,
    ...(setup.firstError ? { firstError: setup.firstError } : {}),
  };
}

/** Each level's set-up and steady windows, on the clock V8's CPU profiles use (CLOCK_MONOTONIC, µs). */
const profileWindows: Array<{ label: string; startUs: number; endUs: number }> = [];
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** Writes the steady windows beside the CPU profiles, for cpu-profile-summary.ts. */
export async function writeProfileWindows(): Promise<void> {
  if (!cpuProfileDir) return;
  await mkdir(cpuProfileDir, { recursive: true });
  await writeFile(
    path.join(cpuProfileDir, 'windows.json'),
    `${JSON.stringify(profileWindows, null, 2)}\n`,
  );
}

/**
 * Opens `calls` calls within a second, lets them warm up, measures a steady
 * window, then hangs them all up (each after the echoes of its last frames)
 * and counts the frames lost over the whole of every call.
 */
export async function measureSteady(
  callers: CallersProcess,
  target: CallTarget,
  server: PinnedProcess,
  calls: number,
  label: string,
  /** The server's RSS with no call up (after a warm-up call), for RSS per call. */
  idleRssMb?: number,
) {
  const rssIdleMb = idleRssMb ?? (await server.rssMb());
  const openedAtUs = monotonicUs();
  const opened = await callers.send<'opened'>({
    type: 'open',
    target,
    count: calls,
    spreadMs: SPREAD_MS,
  });
  profileWindows.push({ label: `${label} set-up`, startUs: openedAtUs, endUs: monotonicUs() });
  await callers.send<'measured'>({ type: 'measure', durationMs: WARM_UP_MS });
  const rssBefore = await server.rssMb();
  const cpuBefore = await server.cpuMs();
  const systemBefore = await server.systemCpuMs();
  const startUs = monotonicUs();
  const measured = await callers.send<'measured'>({ type: 'measure', durationMs: STREAM_MS });
  const cpuMs = (await server.cpuMs()) - cpuBefore;
  const systemMs = (await server.systemCpuMs()) - systemBefore;
  profileWindows.push({ label, startUs, endUs: monotonicUs() });
  const rssMb = await server.rssMb();
  const ended = await callers.send<'hung-up'>({ type: 'hangup' });
  const live = calls - opened.failed;
  const callSeconds = (live * STREAM_MS) / 1000;
  return {
    cpuMsPerCallSecond: Number((cpuMs / callSeconds).toFixed(2)),
    coreBusyPercent: Math.round((cpuMs / STREAM_MS) * 100),
    kernelPercentOfCpu: Math.round((systemMs / Math.max(1, cpuMs)) * 100),
    roundTripMs: summarize(measured.roundTripMs, 1),
    echoedFrames: `${measured.framesEchoed}/${measured.framesSent}`,
    framesLost: ended.framesSent - ended.framesEchoed,
    callsLosingFrames: ended.callsMissingEchoes,
    callsWithAudioGapOver100Ms: measured.maxAudioGapMs.filter((gap) => gap > GAP_LIMIT_MS).length,
    maxAudioGapMs: Math.round(Math.max(0, ...measured.maxAudioGapMs)),
    callersEventLoopLagP99Ms: Number(measured.eventLoopLagP99Ms.toFixed(1)),
    rssMb: Math.round(rssMb),
    rssGrowthMbWhileLive: Number((rssMb - rssBefore).toFixed(1)),
    rssKbPerCall: Math.round(((rssMb - rssIdleMb) * 1024) / Math.max(1, live)),
    setup: setupSummary(opened),
  };
}

/** The fake providers' process (echo-providers.ts); its base URL once it listens. */
export async function startEchoProviders(): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = forkHelper(new URL('./echo-providers.ts', import.meta.url), ECHO_PROVIDERS_ENV);
  const [ready] = (await once(child, 'message')) as [EchoProvidersReady];
  return { child, baseUrl: `http://127.0.0.1:${ready.port}` };
}

/**
 * A plain relay (plain-relay.ts, plain-twilio-relay.ts) on the server's core,
 * relaying to OpenAI Realtime at `providerBaseUrl`; its port once it listens.
 */
export async function startPlainRelay(
  module: 'plain-relay.ts' | 'plain-twilio-relay.ts',
  providerBaseUrl: string,
): Promise<{ relay: PinnedProcess; port: number }> {
  const name = path.basename(module, '.ts');
  const profile = cpuProfileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${path.join(cpuProfileDir, name)}`]
    : [];
  const realtimeUrl = `${providerBaseUrl.replace(/^http/, 'ws')}/v1/realtime?model=gpt-realtime`;
  const relay = spawnPinned(
    [...profile, '--import', 'tsx', `bench/call-path/${module}`, realtimeUrl],
    { core: serverCore, env: { ...process.env, [PLAIN_RELAY_ENV]: '1' }, ipc: true },
  );
  const [ready] = (await once(relay.child, 'message')) as [PlainRelayReady];
  return { relay, port: ready.port };
}

/** One short call, so the levels that follow run on warm code. */
export async function warmUp(callers: CallersProcess, target: CallTarget): Promise<void> {
  await callers.send<'opened'>({ type: 'open', target, count: 1, spreadMs: 0 });
  await callers.send<'measured'>({ type: 'measure', durationMs: WARM_UP_MS });
  await callers.send<'hung-up'>({ type: 'hangup' });
}
