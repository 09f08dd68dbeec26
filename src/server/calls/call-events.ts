import type { Logger } from 'pino';
import type { BusEvents, EventBus } from '../bus/event-bus.js';
import type { Database } from '../db/client.js';
import type { CallDetails } from './call-details.js';
import { type CallListItem, loadCallListItem } from './call-list-item.js';

/** What the Calls page's event stream sends, by event name. */
export type CallStreamEvents = {
  'call.created': { callId: string; call: CallListItem | null };
  'call.updated': { callId: string; call: CallListItem | null };
  'call.ended': {
    callId: string;
    status: 'completed' | 'failed';
    reason: string;
    durationMs: number;
    call: CallListItem | null;
  };
  'call.transcript': { callId: string; line: CallDetails['transcript'][number] };
};

export type CallStreamEvent = {
  [E in keyof CallStreamEvents]: { event: E; data: CallStreamEvents[E] };
}[keyof CallStreamEvents];

type Listener = (event: CallStreamEvent) => void;

/**
 * One set of bus subscriptions per node, fanned out to the Calls page streams
 * open on this node by company. A created, updated or ended call is read once
 * per event (only when someone of its company listens here), in bus order.
 */
export class CallEventHub {
  readonly #byCompany = new Map<string, Set<Listener>>();
  readonly #unsubscribes: Array<() => void> = [];
  #queue: Promise<void> = Promise.resolve();

  private constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  /** Resolves once the bus delivers this node every call event published from then on. */
  static async open(bus: EventBus, db: Database, logger: Logger): Promise<CallEventHub> {
    const hub = new CallEventHub(db, logger);
    hub.#unsubscribes.push(
      await bus.subscribe('call.started', ({ companyId, callId }) =>
        hub.#withCall(companyId, callId, (call) => ({
          event: 'call.created',
          data: { callId, call },
        })),
      ),
      await bus.subscribe('call.updated', ({ companyId, callId }) =>
        hub.#withCall(companyId, callId, (call) => ({
          event: 'call.updated',
          data: { callId, call },
        })),
      ),
      await bus.subscribe('call.ended', ({ companyId, callId, status, reason, durationMs }) =>
        hub.#withCall(companyId, callId, (call) => ({
          event: 'call.ended',
          data: { callId, status, reason, durationMs, call },
        })),
      ),
      await bus.subscribe('call.transcript', (payload) => hub.#transcript(payload)),
    );
    return hub;
  }

  /** Returns the function that stops listening. */
  onCompany(companyId: string, listener: Listener): () => void {
    let set = this.#byCompany.get(companyId);
    if (!set) {
      set = new Set();
      this.#byCompany.set(companyId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#byCompany.get(companyId) === set) {
        this.#byCompany.delete(companyId);
      }
    };
  }

  close(): void {
    for (const unsubscribe of this.#unsubscribes) unsubscribe();
    this.#byCompany.clear();
  }

  #transcript(payload: BusEvents['call.transcript']): void {
    const { companyId, callId, speaker, speakerName, kind, text, line } = payload;
    // Live views show stored lines; deltas would repeat what the final line says.
    if (kind !== 'final' || !line) return;
    this.#enqueue(companyId, async () => ({
      event: 'call.transcript',
      data: { callId, line: { ...line, speaker, speakerName: speakerName ?? null, text } },
    }));
  }

  #withCall(
    companyId: string,
    callId: string,
    toEvent: (call: CallListItem | null) => CallStreamEvent,
  ): void {
    this.#enqueue(companyId, async () =>
      toEvent(await loadCallListItem(this.db, { companyId }, callId)),
    );
  }

  /** Keeps bus order although reading a call takes a query. */
  #enqueue(companyId: string, build: () => Promise<CallStreamEvent>): void {
    if (!this.#byCompany.has(companyId)) return;
    this.#queue = this.#queue
      .then(async () => {
        const event = await build();
        for (const listener of this.#byCompany.get(companyId) ?? []) listener(event);
      })
      .catch((err: unknown) => this.logger.error({ err }, 'call event not delivered'));
  }
}
