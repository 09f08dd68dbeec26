import { type ChildProcess, fork } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import pino from 'pino';
import type { WebSocket } from 'ws';
import { MemoryBus } from '../src/server/bus/memory-bus.js';
import { loadConfig } from '../src/server/config.js';
import type { DatabaseHandle } from '../src/server/db/client.js';
import { chatbots, companies } from '../src/server/db/schema/index.js';
import { installErrorHandler } from '../src/server/http/error-handler.js';
import { KnowledgeRetriever } from '../src/server/knowledge/retrieval.js';
import { seedCatalog } from '../src/server/seed/catalog.js';
import type { AudioFrame } from '../src/server/voice/audio/frame.js';
import { CallSessionManager } from '../src/server/voice/calls/session-manager.js';
import type {
  AgentProvider,
  AgentSession,
  AgentSessionEvents,
  ProviderCapabilities,
} from '../src/server/voice/providers/agent-session.js';
import { browserCallRoutes } from '../src/server/voice/transports/browser/gateway-routes.js';
import { defaultChatbotSettings } from '../src/shared/chatbot-settings.js';
import { withPglite } from './databases.js';
import {
  CALLERS_ENV,
  type CallerCommand,
  type CallerReply,
  LOOP_RESOLUTION_MS,
  loopLagP99Ms,
} from './gateway-callers.js';
import { summarize } from './stats.js';

const LEVELS = [200, 50, 1];
const STREAM_MS = 8000;
const WARM_UP_MS = 2000;
/** In the barge-in run the "caller" interrupts every answer after this many echoed frames. */
const BARGE_IN_AFTER_FRAMES = 15;

const progress = (line: string) => process.stderr.write(`gateway bench: ${line}\n`);

// Full collections before memory readings; the flag only exists when set before the first use.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * What the server does with each frame, timed where it happens: the gateway's
 * path is synchronous from the socket's message event to the provider's
 * sendAudio, and from the provider's audio event to the socket's send.
 */
class Probes {
  lastArrivalAt = 0;
  lastAudioSentAt = 0;
  lastClearSentAt = 0;
  callerToProviderMs: number[] = [];
  providerToCallerMs: number[] = [];
  bargeInMs: number[] = [];
  /** Caller frame's message event → its echo sent, waiting in the event loop included. */
  serverTurnaroundMs: number[] = [];

  reset(): void {
    this.serverTurnaroundMs = [];
    this.callerToProviderMs = [];
    this.providerToCallerMs = [];
    this.bargeInMs = [];
  }

  /** Listens before the gateway does (the 'connection' event precedes the route's handler). */
  watch(socket: WebSocket): void {
    socket.on('message', (_data, isBinary) => {
      if (isBinary) this.lastArrivalAt = performance.now();
    });
    const send = socket.send.bind(socket);
    socket.send = ((data: unknown, ...rest: unknown[]) => {
      if (typeof data === 'string') {
        if (data.includes('"playback.clear"')) this.lastClearSentAt = performance.now();
      } else {
        this.lastAudioSentAt = performance.now();
      }
      return (send as (...args: unknown[]) => void)(data, ...rest);
    }) as typeof socket.send;
  }
}

const ECHO_CAPABILITIES: ProviderCapabilities = {
  serverVad: true,
  truncation: true,
  inputTranscription: false,
  outputTranscription: false,
  inputSampleRate: 24_000,
  outputSampleRate: 24_000,
  voices: ['echo'],
};

/**
 * A provider that answers instantly: every caller frame comes straight back
 * as agent audio on the next turn of the event loop, so what is measured is
 * the gateway's own overhead. With `bargeInAfterFrames` it also "hears" the
 * caller start speaking in the middle of each answer.
 */
class EchoSession extends EventEmitter<AgentSessionEvents> implements AgentSession {
  readonly capabilities = ECHO_CAPABILITIES;
  #responseId: string | null = null;
  #answers = 0;
  #framesInAnswer = 0;
  #closed = false;

  constructor(
    private readonly probes: Probes,
    private readonly bargeInAfterFrames: number | null,
  ) {
    super();
  }

  async connect(): Promise<void> {}

  sendAudio(frame: AudioFrame): void {
    const arrivedAt = this.probes.lastArrivalAt;
    this.probes.callerToProviderMs.push(performance.now() - arrivedAt);
    setImmediate(() => this.#echo(frame, arrivedAt));
  }

  #echo(frame: AudioFrame, arrivedAt: number): void {
    if (this.#closed) return;
    const probes = this.probes;
    if (!this.#responseId) {
      this.#responseId = `answer_${++this.#answers}`;
      this.#framesInAnswer = 0;
      this.emit('response.started', { responseId: this.#responseId });
    }
    const emittedAt = performance.now();
    this.emit('audio', { responseId: this.#responseId, frame });
    if (probes.lastAudioSentAt >= emittedAt) {
      probes.providerToCallerMs.push(probes.lastAudioSentAt - emittedAt);
      probes.serverTurnaroundMs.push(probes.lastAudioSentAt - arrivedAt);
    }
    if (this.bargeInAfterFrames !== null && ++this.#framesInAnswer === this.bargeInAfterFrames) {
      const heardAt = performance.now();
      this.emit('speech.started');
      if (probes.lastClearSentAt >= heardAt)
        probes.bargeInMs.push(probes.lastClearSentAt - heardAt);
      this.emit('speech.stopped');
    }
  }

  cancelResponse(): void {
    const responseId = this.#responseId;
    this.#responseId = null;
    if (responseId) {
      setImmediate(() => this.emit('response.done', { responseId, status: 'cancelled' }));
    }
  }

  truncate(): void {}
  say(): void {}
  sendToolResult(): void {}

  async close(): Promise<void> {
    this.#closed = true;
    this.emit('closed', { reason: 'client closed' });
  }
}

type Server = {
  app: FastifyInstance;
  url: string;
  probes: Probes;
  publicId: string;
  setBargeIn(afterFrames: number | null): void;
};

async function startServer(database: DatabaseHandle): Promise<Server> {
  const { db } = database;
  await seedCatalog(db);
  const [company] = await db
    .insert(companies)
    .values({
      name: 'Bench Dental',
      slug: `bench-${Date.now()}`,
      settings: { features: { callEnabled: true }, limits: { maxConcurrentCalls: 1000 } },
    })
    .returning();
  if (!company) throw new Error('company insert failed');
  const settings = defaultChatbotSettings();
  settings.call.greeting = '';
  const publicId = `cb_bench${Date.now()}`;
  await db
    .insert(chatbots)
    .values({ companyId: company.id, publicId, name: 'Bench line', chatbotType: 'call', settings });

  const logger = pino({ level: 'silent' });
  const config = loadConfig({ BUZZI_DATA_DIR: '/tmp/buzzi-bench-unused', LOG_LEVEL: 'silent' });
  const bus = new MemoryBus(logger);
  const probes = new Probes();
  let bargeInAfterFrames: number | null = null;
  const echo: AgentProvider = {
    name: 'local',
    capabilities: ECHO_CAPABILITIES,
    createSession: () => new EchoSession(probes, bargeInAfterFrames),
  };
  const calls = new CallSessionManager({
    db,
    bus,
    config,
    logger,
    retriever: new KnowledgeRetriever({ db, embeddings: undefined, vectorColumn: false, logger }),
    providers: () => echo,
  });

  // The gateway as app.ts mounts it; every caller comes from its own address behind a proxy.
  const app = Fastify({ trustProxy: true, forceCloseConnections: true });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(fastifyRateLimit, { global: false });
  app.addHook('preClose', async () => calls.drain(0));
  await app.register(fastifyWebsocket, { options: { maxPayload: 256 * 1024 } });
  await browserCallRoutes(app, { calls, config, db, bus, logger });
  app.websocketServer.on('connection', (socket: WebSocket) => probes.watch(socket));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    url,
    probes,
    publicId,
    setBargeIn: (afterFrames) => {
      bargeInAfterFrames = afterFrames;
    },
  };
}

async function callSessionUrls(server: Server, count: number): Promise<string[]> {
  const urls: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${server.url}/api/widget/call/session`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      },
      body: JSON.stringify({ chatbotId: server.publicId }),
    });
    if (response.status !== 201) throw new Error(`call session refused: ${response.status}`);
    const session = (await response.json()) as { wsUrl: string; token: string };
    urls.push(`${session.wsUrl}?token=${encodeURIComponent(session.token)}`);
  }
  return urls;
}

function command(callers: ChildProcess, message: CallerCommand): Promise<CallerReply> {
  const reply = once(callers, 'message') as Promise<[CallerReply]>;
  callers.send(message);
  return reply.then(([answer]) => answer);
}

const MB = 2 ** 20;
const RSS_SAMPLE_MS = 250;

/** Memory V8 accounts for (heap, Buffers, typed arrays), after a full collection. */
function liveMemoryMb(): number {
  gc();
  const { heapUsed, external } = process.memoryUsage();
  return (heapUsed + external) / MB;
}

/** The highest RSS seen until `stop`: an upper bound, transient buffers and garbage included. */
function watchPeakRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, RSS_SAMPLE_MS);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss) / MB;
    },
  };
}

async function measureLevel(
  server: Server,
  callers: ChildProcess,
  calls: number,
  options: { streamMs?: number; memory?: boolean } = {},
) {
  const { streamMs = STREAM_MS, memory = false } = options;
  progress(`${calls} concurrent calls`);
  const memoryBefore = liveMemoryMb();
  const rssBefore = process.memoryUsage().rss / MB;
  const rss = watchPeakRss();
  await command(callers, { type: 'open', urls: await callSessionUrls(server, calls) });
  server.probes.reset();
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loopDelay.enable();
  const cpuBefore = process.cpuUsage();
  const preemptedBefore = process.resourceUsage().involuntaryContextSwitches;
  const streamed = await command(callers, { type: 'stream', durationMs: streamMs });
  const cpu = process.cpuUsage(cpuBefore);
  const preempted = process.resourceUsage().involuntaryContextSwitches - preemptedBefore;
  loopDelay.disable();
  // Read with the calls still live but after streaming, so the collection pauses no frame.
  const memoryLive = liveMemoryMb();
  const rssPeak = rss.stop();
  await command(callers, { type: 'hangup' });
  if (streamed.type !== 'streamed') throw new Error('callers did not stream');
  const callSeconds = (calls * streamMs) / 1000;
  return {
    calls,
    addedLatencyMs: {
      callerToProvider: summarize(server.probes.callerToProviderMs),
      providerToCaller: summarize(server.probes.providerToCallerMs),
    },
    serverTurnaroundMs: summarize(server.probes.serverTurnaroundMs),
    serverEventLoopLagP99Ms: loopLagP99Ms(loopDelay),
    // Times the OS took the CPU from the server: on a shared 2-core box, the source of the tails.
    serverPreemptionsPerSecond: Math.round(preempted / (streamMs / 1000)),
    roundTripMs: summarize(streamed.roundTripMs),
    callersEventLoopLagP99Ms: streamed.eventLoopLagP99Ms,
    echoedFrames: `${streamed.framesEchoed}/${streamed.framesSent}`,
    cpuMsPerCallSecond: Number(((cpu.user + cpu.system) / 1000 / callSeconds).toFixed(3)),
    // RSS rarely shrinks after a level ends, so only a level started on a fresh baseline can tell.
    ...(memory
      ? {
          liveMemoryMbPerCall: Number(((memoryLive - memoryBefore) / calls).toFixed(3)),
          peakRssGrowthMbPerCall: Number(((rssPeak - rssBefore) / calls).toFixed(3)),
        }
      : {}),
  };
}

async function measureBargeIn(server: Server, callers: ChildProcess, calls: number) {
  progress(`barge-in with ${calls} concurrent calls`);
  server.setBargeIn(BARGE_IN_AFTER_FRAMES);
  try {
    await command(callers, { type: 'open', urls: await callSessionUrls(server, calls) });
    server.probes.reset();
    await command(callers, { type: 'stream', durationMs: STREAM_MS });
    await command(callers, { type: 'hangup' });
    return { calls, speechStartedToClearSentMs: summarize(server.probes.bargeInMs) };
  } finally {
    server.setBargeIn(null);
  }
}

/**
 * The browser call gateway's own cost at 1, 50 and 200 concurrent calls over
 * loopback, with an echoing provider and the callers in another process:
 * added latency per direction, round trip, CPU per call-second, memory per
 * live call, and barge-in reaction (speech.started → playback.clear sent).
 */
export async function gatewayBench() {
  return withPglite(async (database) => {
    const server = await startServer(database);
    const callers = fork(new URL('./gateway-callers.ts', import.meta.url), {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, [CALLERS_ENV]: '1' },
    });
    try {
      // One short call first, so the levels run on warm code.
      await measureLevel(server, callers, 1, { streamMs: WARM_UP_MS });
      const levels = [];
      for (const calls of LEVELS) {
        levels.push(await measureLevel(server, callers, calls, { memory: levels.length === 0 }));
      }
      const bargeIn = await measureBargeIn(server, callers, 200);
      return { database: database.kind, streamMs: STREAM_MS, levels, bargeIn };
    } finally {
      callers.kill();
      await server.app.close();
    }
  });
}
