/** μ-law at 8 kHz: eight bytes a millisecond. */
export const MULAW_BYTES_PER_MS = 8;
const TICK_MS = 10;

type Queued = { kind: 'audio'; bytes: Buffer } | { kind: 'mark'; name: string };

/**
 * Twilio's playback of a bidirectional Media Stream, as its player behaves:
 * agent audio plays out in real time in the order it arrived (silence while
 * none is queued); a mark is echoed once the audio queued before it has
 * played; `clear` drops the queued audio and echoes the pending marks at once.
 */
export class TwilioPlayer {
  /** Every byte of agent audio received, in order. */
  readonly received: Buffer[] = [];
  receivedBytes = 0;
  /** Bytes played out so far (what the caller heard). */
  playedBytes = 0;
  /** Bytes dropped by clears without being heard. */
  droppedBytes = 0;
  #queue: Queued[] = [];
  #timer: NodeJS.Timeout | undefined;
  #lastTick = 0;
  #carry = 0;

  constructor(private readonly echo: (name: string) => void) {}

  start(): void {
    this.#lastTick = performance.now();
    this.#timer = setInterval(() => this.#tick(), TICK_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** Agent audio not yet played, in ms. */
  get queuedMs(): number {
    let bytes = 0;
    for (const item of this.#queue) if (item.kind === 'audio') bytes += item.bytes.length;
    return bytes / MULAW_BYTES_PER_MS;
  }

  audio(bytes: Buffer): void {
    this.received.push(bytes);
    this.receivedBytes += bytes.length;
    this.#queue.push({ kind: 'audio', bytes });
  }

  mark(name: string): void {
    this.#queue.push({ kind: 'mark', name });
    this.#echoReadyMarks();
  }

  clear(): void {
    for (const item of this.#queue) {
      if (item.kind === 'mark') this.echo(item.name);
      else this.droppedBytes += item.bytes.length;
    }
    this.#queue = [];
  }

  #tick(): void {
    const now = performance.now();
    let budget = (now - this.#lastTick) * MULAW_BYTES_PER_MS + this.#carry;
    this.#lastTick = now;
    while (this.#queue.length > 0) {
      this.#echoReadyMarks();
      const head = this.#queue[0];
      if (head?.kind !== 'audio' || budget < 1) break;
      const take = Math.min(head.bytes.length, Math.floor(budget));
      budget -= take;
      this.playedBytes += take;
      if (take === head.bytes.length) this.#queue.shift();
      else head.bytes = head.bytes.subarray(take);
    }
    // Time with nothing queued is silence; it does not bank playback for later audio.
    this.#carry = this.#queue.length > 0 ? budget : 0;
  }

  #echoReadyMarks(): void {
    while (this.#queue[0]?.kind === 'mark') {
      const mark = this.#queue.shift() as { kind: 'mark'; name: string };
      this.echo(mark.name);
    }
  }
}
