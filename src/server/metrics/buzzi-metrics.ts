import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AiProvider } from '../../shared/domain.js';
import type { CallLabels, CallMetrics } from '../voice/calls/call-metrics.js';

/** Seconds: connect attempts and first audio take from tens of milliseconds to tens of seconds. */
const CALL_BUCKETS_S = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30];
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

  webhookDeliveryFailed(outcome: 'retrying' | 'gave_up'): void {
    this.#webhookFailures.inc({ outcome });
  }

  /** `route` is the pattern (`/api/company/calls/:id`), never the path with its ids. */
  httpRequest(method: string, route: string, statusCode: number, durationMs: number): void {
    const statusClass = `${Math.floor(statusCode / 100)}xx`;
    this.#http.observe({ method, route, status_class: statusClass }, durationMs / 1000);
  }
}
