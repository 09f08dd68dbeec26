import type { ClientEvent, ResponseCreateEvent } from './wire.js';

/** Key in `response.metadata` that ties a `response.created` to our `response.create`. */
export const CLIENT_EVENT_ID = 'client_event_id';

const CONVERSATION_BUSY = 'conversation_already_has_active_response';

type Awaiting = { event: ResponseCreateEvent; timer: NodeJS.Timeout };

export type ResponseRequestsOptions = {
  send: (event: ClientEvent) => void;
  /** A response.create went unanswered for `timeoutMs`; it is dropped. */
  onTimeout: () => void;
  timeoutMs: number;
};

/**
 * The one-answer-at-a-time rule of a Realtime conversation: a
 * `response.create` sent while another response is active is refused
 * (`conversation_already_has_active_response`). Requests made while an answer
 * is active or requested wait here and go out when it is done; a refused one
 * (server VAD started a response first) goes back to the front of the queue.
 */
export class ResponseRequests {
  #activeResponseId: string | undefined;
  readonly #pending: ResponseCreateEvent[] = [];
  readonly #awaiting = new Map<string, Awaiting>();
  readonly #cancelWhenCreated = new Set<string>();
  #nextId = 1;

  constructor(private readonly options: ResponseRequestsOptions) {}

  get activeResponseId(): string | undefined {
    return this.#activeResponseId;
  }

  /** Whether an answer is being generated or has been asked for. */
  get busy(): boolean {
    return this.#activeResponseId !== undefined || this.#awaiting.size > 0;
  }

  /**
   * Asks for an answer, now or once the current one is done. With `coalesce`,
   * a plain request already waiting serves for this one too (several tool
   * results before the model speaks again).
   */
  request(instructions?: string, { coalesce = false } = {}): void {
    if (coalesce && this.#pending.some((event) => event.response.instructions === undefined)) {
      return;
    }
    const eventId = `response_create_${this.#nextId++}`;
    const event: ResponseCreateEvent = {
      type: 'response.create',
      event_id: eventId,
      response: {
        ...(instructions === undefined ? {} : { instructions }),
        metadata: { [CLIENT_EVENT_ID]: eventId },
      },
    };
    this.#pending.push(event);
    this.#flush();
  }

  /** A response began (ours or one server VAD created). */
  created(responseId: string, metadata: Record<string, string> | null | undefined): void {
    this.#activeResponseId = responseId;
    const eventId = metadata?.[CLIENT_EVENT_ID];
    if (eventId === undefined) return;
    const awaiting = this.#awaiting.get(eventId);
    if (awaiting) {
      clearTimeout(awaiting.timer);
      this.#awaiting.delete(eventId);
    }
    if (this.#cancelWhenCreated.delete(eventId)) {
      this.options.send({ type: 'response.cancel', response_id: responseId });
    }
  }

  done(responseId: string): void {
    if (this.#activeResponseId === responseId) this.#activeResponseId = undefined;
    this.#flush();
  }

  /** Handles an error caused by one of our requests; false when it is not ours to handle. */
  refused(eventId: string | null | undefined, code: string | null | undefined): boolean {
    if (!eventId || code !== CONVERSATION_BUSY) return false;
    const awaiting = this.#awaiting.get(eventId);
    if (!awaiting) return false;
    clearTimeout(awaiting.timer);
    this.#awaiting.delete(eventId);
    if (this.#cancelWhenCreated.delete(eventId)) return true;
    this.#pending.unshift(awaiting.event);
    this.#flush();
    return true;
  }

  /** Stops the answer in flight (or about to start) and forgets queued ones. */
  cancel(): void {
    this.#pending.length = 0;
    for (const eventId of this.#awaiting.keys()) this.#cancelWhenCreated.add(eventId);
    if (this.#activeResponseId !== undefined) {
      this.options.send({ type: 'response.cancel', response_id: this.#activeResponseId });
    }
  }

  dispose(): void {
    for (const { timer } of this.#awaiting.values()) clearTimeout(timer);
    this.#awaiting.clear();
    this.#pending.length = 0;
    this.#cancelWhenCreated.clear();
    this.#activeResponseId = undefined;
  }

  #flush(): void {
    if (this.busy) return;
    const event = this.#pending.shift();
    if (!event) return;
    const timer = setTimeout(() => {
      this.#awaiting.delete(event.event_id);
      this.#cancelWhenCreated.delete(event.event_id);
      this.options.onTimeout();
      this.#flush();
    }, this.options.timeoutMs);
    timer.unref();
    this.#awaiting.set(event.event_id, { event, timer });
    this.options.send(event);
  }
}
