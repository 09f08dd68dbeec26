import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AiProvider } from '../../shared/domain.js';
import type {
  CallLabels,
  CallMetrics,
  FrameDirection,
  FrameDropReason,
} from '../voice/calls/call-metrics.js';

/** Seconds: connect attempts and first audio take from tens of milliseconds to tens of seconds. */
const CALL_BUCKETS_S = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30];
/** Seconds: a spoken answer comes after hundreds of milliseconds to a few seconds. */
const VOICE_TO_VOICE_BUCKETS_S = [0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10];
/** Seconds: the server clears the agent's audio within the same event, or a provider round trip later. */
const BARGE_IN_BUCKETS_S = [0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
/** Seconds: a frame crosses the server in tens of microseconds unless the event loop is behind. */
const FRAME_BUCKETS_S = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1];
const HTTP_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type MetricsOptions = {
  /** Counted at scrape time: knowledge documents still being extracted and chunked. */
  knowledgeQueueDepth: () => Promise<number>;
};

/**
 * Every metric of one node, in its own registry (two apps in one test
 * process never share counters). Labels take a handful of values each:
 * company, chatbot and call ids never become labels.
 */
export class BuzziMetrics implements CallMetrics {
  readonly registry = new Registry();
  readonly #liveCalls: Gauge<'source' | 'provider'>;
  readonly #callsEnded: Counter<'source' | 'provider' | 'status' | 'end_reason'>;
  readonly #providerConnect: Histogram<'provider'>;
  readonly #providerConnectFailures: Counter<'provider' | 'code'>;
  readonly #firstAgentAudio: Histogram<'provider'>;
  readonly #voiceToVoice: Histogram<'provider'>;
  readonly #bargeIn: Histogram<'provider'>;
  /** Bound once per direction: observing one frame then skips the label lookup. */
  readonly #frameLatency: Record<FrameDirection, { observe(seconds: number): void }>;
  readonly #framesDropped: Counter<'direction' | 'reason'>;
  readonly #webhookFailures: Counter<'outcome'>;
  readonly #http: Histogram<'method' | 'route' | 'status_class'>;

  constructor(options: MetricsOptions) {
    const registers = [this.registry];
    // Event-loop lag, CPU, memory, handles and GC, the prom-client defaults.
    collectDefaultMetrics({ register: this.registry });
    this.#liveCalls = new Gauge({
      name: 'buzzi_live_calls',
      help: 'Calls running on this node',
      labelNames: ['source', 'provider'],
      registers,
    });
    this.#callsEnded = new Counter({
      name: 'buzzi_calls_ended_total',
      help: 'Calls that ended on this node, by outcome and end reason',
      labelNames: ['source', 'provider', 'status', 'end_reason'],
      registers,
    });
    this.#providerConnect = new Histogram({
      name: 'buzzi_provider_connect_seconds',
      help: 'Time a successful connect attempt to the call provider took',
      labelNames: ['provider'],
      buckets: CALL_BUCKETS_S,
      registers,
    });
    this.#providerConnectFailures = new Counter({
      name: 'buzzi_provider_connect_failures_total',
      help: 'Failed connect attempts to the call provider, by error code',
      labelNames: ['provider', 'code'],
      registers,
    });
    this.#firstAgentAudio = new Histogram({
      name: 'buzzi_first_agent_audio_seconds',
      help: "Time from the agent session's creation to the agent's first audio",
      labelNames: ['provider'],
      buckets: CALL_BUCKETS_S,
      registers,
    });
    this.#voiceToVoice = new Histogram({
      name: 'buzzi_voice_to_voice_seconds',
      help: "From the provider hearing the caller stop speaking to the first audio of the agent's answer sent to the caller",
      labelNames: ['provider'],
      buckets: VOICE_TO_VOICE_BUCKETS_S,
      registers,
    });
    this.#bargeIn = new Histogram({
      name: 'buzzi_barge_in_reaction_seconds',
      help: "From the provider hearing the caller start speaking over the agent to the agent's audio being cleared",
      labelNames: ['provider'],
      buckets: BARGE_IN_BUCKETS_S,
      registers,
    });
    const frameLatency = new Histogram({
      name: 'buzzi_gateway_frame_latency_seconds',
      help: 'Time an audio frame spends in the server: caller frame to the provider, agent frame to the caller',
      labelNames: ['direction'],
      buckets: FRAME_BUCKETS_S,
      registers,
    });
    this.#frameLatency = {
      caller: frameLatency.labels({ direction: 'caller' }),
      agent: frameLatency.labels({ direction: 'agent' }),
    };
    this.#framesDropped = new Counter({
      name: 'buzzi_gateway_frames_dropped_total',
      help: 'Audio frames that never reached the other side (20 ms frames), by direction and reason',
      labelNames: ['direction', 'reason'],
      registers,
    });
    // Zero from the start, so a rate over them reads 0 rather than "no data".
    for (const direction of ['caller', 'agent'] as const) {
      for (const reason of ['invalid', 'overflow'] as const) {
        this.#framesDropped.inc({ direction, reason }, 0);
      }
    }
    this.#webhookFailures = new Counter({
      name: 'buzzi_webhook_delivery_failures_total',
      help: 'Failed webhook delivery attempts; gave_up when no retry follows',
      labelNames: ['outcome'],
      registers,
    });
    this.#http = new Histogram({
      name: 'buzzi_http_request_duration_seconds',
      help: 'HTTP request latency by route pattern and status class',
      labelNames: ['method', 'route', 'status_class'],
      buckets: HTTP_BUCKETS_S,
      registers,
    });
    new Gauge({
      name: 'buzzi_knowledge_ingestion_queue',
      help: 'Knowledge documents waiting to be extracted and chunked (all companies)',
      registers,
      async collect() {
        this.set(await options.knowledgeQueueDepth());
      },
    });
  }

  callStarted(labels: CallLabels): void {
    this.#liveCalls.inc(labels);
  }

  callEnded(labels: CallLabels, outcome: { status: string; endReason: string }): void {
    this.#liveCalls.dec(labels);
    this.#callsEnded.inc({ ...labels, status: outcome.status, end_reason: outcome.endReason });
  }

  providerConnected(provider: AiProvider, durationMs: number): void {
    this.#providerConnect.observe({ provider }, durationMs / 1000);
  }

  providerConnectFailed(provider: AiProvider, code: string): void {
    this.#providerConnectFailures.inc({ provider, code });
  }

  firstAgentAudio(provider: AiProvider, durationMs: number): void {
    this.#firstAgentAudio.observe({ provider }, durationMs / 1000);
  }

  voiceToVoice(provider: AiProvider, durationMs: number): void {
    this.#voiceToVoice.observe({ provider }, durationMs / 1000);
  }

  bargeIn(provider: AiProvider, durationMs: number): void {
    this.#bargeIn.observe({ provider }, durationMs / 1000);
  }

  frameLatency(direction: FrameDirection, durationMs: number): void {
    this.#frameLatency[direction].observe(durationMs / 1000);
  }

  framesDropped(direction: FrameDirection, reason: FrameDropReason, frames: number): void {
    this.#framesDropped.inc({ direction, reason }, frames);
  }

  webhookDeliveryFailed(outcome: 'retrying' | 'gave_up'): void {
    this.#webhookFailures.inc({ outcome });
  }

  /** `route` is the pattern (`/api/company/calls/:id`), never the path with its ids. */
  httpRequest(method: string, route: string, statusCode: number, durationMs: number): void {
    const statusClass = `${Math.floor(statusCode / 100)}xx`;
    this.#http.observe({ method, route, status_class: statusClass }, durationMs / 1000);
  }
}
