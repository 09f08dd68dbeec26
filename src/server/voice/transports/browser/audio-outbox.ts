import type { WebSocket } from 'ws';

export type OutboxLimits = {
  /** Bytes handed to the socket whose write has not completed yet. */
  maxInFlightBytes: number;
  /** Bytes waiting behind those; the oldest are dropped past this. */
  maxQueuedBytes: number;
};

/**
 * Agent audio on its way to one browser. Sends at once while the client keeps
 * reading; when it stops, holds a bounded queue and drops the oldest audio
 * instead of buffering without end.
 */
export class AudioOutbox {
  #inFlightBytes = 0;
  #queue: Buffer[] = [];
  #queuedBytes = 0;
  #sentBytes = 0;

  constructor(
    private readonly socket: WebSocket,
    private readonly limits: OutboxLimits,
    private readonly onDrop: (droppedBytes: number) => void,
  ) {}

  /** Bytes passed to the socket so far: the client's position counts in the same stream. */
  get sentBytes(): number {
    return this.#sentBytes;
  }

  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  push(bytes: Buffer): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.#queue.length === 0 && this.#inFlightBytes < this.limits.maxInFlightBytes) {
      this.#send(bytes);
      return;
    }
    this.#queue.push(bytes);
    this.#queuedBytes += bytes.length;
    let dropped = 0;
    while (this.#queuedBytes > this.limits.maxQueuedBytes) {
      const oldest = this.#queue.shift();
      if (!oldest) break;
      this.#queuedBytes -= oldest.length;
      dropped += oldest.length;
    }
    if (dropped > 0) this.onDrop(dropped);
  }

  /** Drops everything not yet sent; returns how many bytes that was. */
  clear(): number {
    const dropped = this.#queuedBytes;
    this.#queue = [];
    this.#queuedBytes = 0;
    return dropped;
  }

  #send(bytes: Buffer): void {
    this.#inFlightBytes += bytes.length;
    this.#sentBytes += bytes.length;
    this.socket.send(bytes, () => {
      this.#inFlightBytes -= bytes.length;
      this.#drain();
    });
  }

  #drain(): void {
    while (this.#inFlightBytes < this.limits.maxInFlightBytes) {
      const next = this.#queue.shift();
      if (!next) return;
      this.#queuedBytes -= next.length;
      if (this.socket.readyState !== this.socket.OPEN) continue;
      this.#send(next);
    }
  }
}
