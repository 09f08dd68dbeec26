import type { ChildProcess } from 'node:child_process';
import {
  CallersProcess,
  callLevels,
  cpuProfileDir,
  GAP_LIMIT_MS,
  measureSteady,
  request,
  SPREAD_MS,
  STREAM_MS,
  serverCore,
  setupSummary,
  startEchoProviders,
  startPlainRelay,
  WARM_UP_MS,
  warmUp,
  writeProfileWindows,
} from './call-path/bench-driver.js';
import { type BuzziServer, type PinnedProcess, startBuzzi } from './call-path/buzzi-server.js';
import type { CallTarget } from './call-path/callers.js';
import type { EchoProvidersCommand, EchoProvidersStats } from './call-path/echo-providers.js';
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

const BARGE_IN_AFTER_FRAMES = 15;
const ARRIVALS = { live: 100, count: 150, perSecond: 50 };

const progress = (line: string) => process.stderr.write(`gateway bench: ${line}\n`);

/** Live calls' round trips while new calls keep arriving. */
async function measureArrivals(callers: CallersProcess, server: BuzziServer) {
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
async function measureBargeIn(
  callers: CallersProcess,
  server: BuzziServer,
  fakes: ChildProcess,
  calls: number,
) {
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
  callers: CallersProcess,
  providerBaseUrl: string,
  callModel: string,
  work: (server: BuzziServer) => Promise<T>,
): Promise<T> {
  progress(`starting Buzzi with ${callModel}`);
  const server = await startBuzzi({ core: serverCore, providerBaseUrl, callModel, cpuProfileDir });
  try {
    await warmUp(callers, { kind: 'buzzi', url: server.url, chatbotId: server.chatbotId });
    return await work(server);
  } finally {
    await server.stop();
  }
}

export async function gatewayBench() {
  const callers = new CallersProcess();
  const fakes = await startEchoProviders();
  let relay: PinnedProcess | null = null;
  try {
    const plain = await startPlainRelay('plain-relay.ts', fakes.baseUrl);
    relay = plain.relay;
    const relayTarget: CallTarget = { kind: 'relay', url: `ws://127.0.0.1:${plain.port}` };

    const openai = await withBuzzi(callers, fakes.baseUrl, 'gpt-realtime', async (server) => {
      const target: CallTarget = { kind: 'buzzi', url: server.url, chatbotId: server.chatbotId };
      const byLevel = [];
      for (const calls of callLevels) {
        progress(`${calls} calls through Buzzi, then through the plain relay`);
        const buzzi = await measureSteady(callers, target, server, calls, `buzzi ${calls}`);
        const plainRelay = await measureSteady(
          callers,
          relayTarget,
          plain.relay,
          calls,
          `plain relay ${calls}`,
        );
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
      const arrivals = await measureArrivals(callers, server);
      progress('barge-in');
      const bargeIn = await measureBargeIn(callers, server, fakes.child, Math.max(...callLevels));
      return { levels: byLevel, arrivals, bargeIn };
    });

    const geminiCalls = Math.min(100, Math.max(...callLevels));
    const gemini = await withBuzzi(callers, fakes.baseUrl, 'gemini-3.8-live', async (server) => {
      progress(`${geminiCalls} calls through Buzzi with Gemini Live`);
      const target: CallTarget = { kind: 'buzzi', url: server.url, chatbotId: server.chatbotId };
      return {
        calls: geminiCalls,
        ...(await measureSteady(callers, target, server, geminiCalls, `gemini ${geminiCalls}`)),
      };
    });
    await writeProfileWindows();

    return {
      serverCore: serverCore ?? 'unpinned (one core)',
      streamMs: STREAM_MS,
      openaiRealtime: openai,
      geminiLive: gemini,
    };
  } finally {
    callers.stop();
    fakes.child.kill();
    await relay?.stop();
  }
}
