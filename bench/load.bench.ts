import {
  CallersProcess,
  cpuProfileDir,
  SPREAD_MS,
  serverCore,
  setupSummary,
  startEchoProviders,
  WARM_UP_MS,
  warmUp,
} from './call-path/bench-driver.js';
import { type BuzziServer, startBuzzi } from './call-path/buzzi-server.js';
import type { CallTarget } from './call-path/callers.js';
import {
  histogramWindowMs,
  type Scrape,
  scrapeMetrics,
  total,
} from './call-path/prometheus-text.js';
import { summarize } from './stats.js';

// The long load run: N browser-protocol callers (callers.ts) on one Buzzi
// node (src/server/main.ts in its own process, pinned to one core when there
// is a spare one) answered by OpenAI Realtime as the instantly echoing fake
// (echo-providers.ts), held for minutes. Each minute: calls held, frames lost
// and dropped, the callers' round trip and the server's own frame latency
// (its /metrics), CPU per call-second, RSS and event-loop lag.
//
// BENCH_LOAD_MINUTES (default 10) and BENCH_LOAD_CALLS (default 200).

const MINUTE_MS = 60_000;
const METRICS_TOKEN = 'bench-load-metrics-token-0123456789';

const progress = (line: string) => process.stderr.write(`load bench: ${line}\n`);

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/** One minute of the run, from the callers' side and the server's. */
async function measureMinute(
  minute: number,
  callers: CallersProcess,
  server: BuzziServer,
  scrape: () => Promise<Scrape>,
) {
  const before = await scrape();
  const cpuBefore = await server.cpuMs();
  const startedAt = performance.now();
  const measured = await callers.send<'measured'>({ type: 'measure', durationMs: MINUTE_MS });
  const elapsedS = (performance.now() - startedAt) / 1000;
  const cpuMs = (await server.cpuMs()) - cpuBefore;
  const after = await scrape();
  const callsHeld = total(after, 'buzzi_live_calls');
  const roundTrip = summarize(measured.roundTripMs, 1);
  return {
    minute,
    callsHeld,
    framesSent: measured.framesSent,
    /** Sent in the minute and not echoed by its end (the last few are still in flight). */
    framesNotEchoed: measured.framesSent - measured.framesEchoed,
    framesDroppedByServer:
      total(after, 'buzzi_gateway_frames_dropped_total') -
      total(before, 'buzzi_gateway_frames_dropped_total'),
    roundTripMs: {
      p50: roundTrip.p50,
      p99: roundTrip.p99,
      max: round(measured.roundTripMs.reduce((max, ms) => Math.max(max, ms), 0)),
    },
    serverFrameLatency: {
      caller: histogramWindowMs(before, after, 'buzzi_gateway_frame_latency_seconds', {
        direction: 'caller',
      }),
      agent: histogramWindowMs(before, after, 'buzzi_gateway_frame_latency_seconds', {
        direction: 'agent',
      }),
    },
    cpuMsPerCallSecond: round(cpuMs / Math.max(1, callsHeld * elapsedS), 2),
    coreBusyPercent: Math.round((cpuMs / (elapsedS * 1000)) * 100),
    rssMb: Math.round(await server.rssMb()),
    serverEventLoopLagMs: {
      p50: round(total(after, 'nodejs_eventloop_lag_p50_seconds') * 1000, 2),
      p99: round(total(after, 'nodejs_eventloop_lag_p99_seconds') * 1000, 2),
      max: round(total(after, 'nodejs_eventloop_lag_max_seconds') * 1000, 2),
    },
    callsWithAudioGapOver100Ms: measured.maxAudioGapMs.filter((gap) => gap > 100).length,
    callersEventLoopLagP99Ms: round(measured.eventLoopLagP99Ms),
  };
}

export async function loadBench() {
  const minutes = positive('BENCH_LOAD_MINUTES', 10);
  const calls = Math.round(positive('BENCH_LOAD_CALLS', 200));
  const callers = new CallersProcess();
  const fakes = await startEchoProviders();
  let server: BuzziServer | null = null;
  try {
    progress('starting Buzzi');
    server = await startBuzzi({
      core: serverCore,
      providerBaseUrl: fakes.baseUrl,
      callModel: 'gpt-realtime',
      cpuProfileDir,
      env: { METRICS_TOKEN },
    });
    const { url } = server;
    const target: CallTarget = { kind: 'buzzi', url, chatbotId: server.chatbotId };
    const scrape = () => scrapeMetrics(url, METRICS_TOKEN);
    await warmUp(callers, target);
    const rssIdleMb = Math.round(await server.rssMb());
    progress(`opening ${calls} calls`);
    const opened = await callers.send<'opened'>({
      type: 'open',
      target,
      count: calls,
      spreadMs: SPREAD_MS,
    });
    await callers.send<'measured'>({ type: 'measure', durationMs: WARM_UP_MS });
    const perMinute = [];
    for (let minute = 1; minute <= minutes; minute++) {
      perMinute.push(await measureMinute(minute, callers, server, scrape));
      const last = perMinute.at(-1);
      progress(
        `minute ${minute}/${minutes}: ${last?.callsHeld} calls, round trip p99 ${last?.roundTripMs.p99} ms, ${last?.rssMb} MB`,
      );
    }
    const ended = await callers.send<'hung-up'>({ type: 'hangup' });
    const rss = perMinute.map((m) => m.rssMb);
    return {
      serverCore: serverCore ?? 'unpinned (one core)',
      calls,
      minutes,
      setup: setupSummary(opened),
      rssIdleMb,
      perMinute,
      whole: {
        callsHeldAtEnd: perMinute.at(-1)?.callsHeld ?? 0,
        framesSent: ended.framesSent,
        framesLost: ended.framesSent - ended.framesEchoed,
        callsLosingFrames: ended.callsMissingEchoes,
        framesDroppedByServer: perMinute.reduce((sum, m) => sum + m.framesDroppedByServer, 0),
        worstRoundTripP99Ms: Math.max(...perMinute.map((m) => m.roundTripMs.p99)),
        /** From the first minute (warm) to the last: growth here is a leak. */
        rssGrowthMb: (rss.at(-1) ?? 0) - (rss[0] ?? 0),
      },
    };
  } finally {
    callers.stop();
    fakes.child.kill();
    await server?.stop();
  }
}
