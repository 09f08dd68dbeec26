import { wallMs } from './caller-figures.js';

// Twilio's player as far as marks go: agent audio plays out in real time in
// the order it arrived; a mark is echoed once the audio queued before it has
// played; `clear` drops the queue and echoes the pending marks at once. One
// 10 ms clock serves every call of the process, so hundreds of calls cost one
// timer (test/fakes/twilio-media-player.ts is the byte-exact player of the tests).

const MULAW_BYTES_PER_MS = 8;
const TICK_MS = 10;

const withPendingMarks = new Set<TwilioPlayout>();
let clock: NodeJS.Timeout | undefined;

function tick(): void {
  const now = wallMs();
  for (const playout of withPendingMarks) playout.echoDue(now);
  if (withPendingMarks.size === 0) {
    clearInterval(clock);
    clock = undefined;
  }
}

export class TwilioPlayout {
  /** When the audio queued so far will have played. */
  #playsUntil = 0;
  readonly #pending: Array<{ name: string; dueAt: number }> = [];

  constructor(private readonly echo: (name: string) => void) {}

  audio(bytes: number): void {
    this.#playsUntil = Math.max(wallMs(), this.#playsUntil) + bytes / MULAW_BYTES_PER_MS;
  }

  mark(name: string): void {
    if (this.#pending.length === 0 && this.#playsUntil <= wallMs()) {
      this.echo(name);
      return;
    }
    this.#pending.push({ name, dueAt: this.#playsUntil });
    withPendingMarks.add(this);
    clock ??= setInterval(tick, TICK_MS);
  }

  clear(): void {
    this.#playsUntil = 0;
    this.echoDue(Number.POSITIVE_INFINITY);
  }

  echoDue(now: number): void {
    let due = 0;
    while (due < this.#pending.length && (this.#pending[due]?.dueAt ?? now) <= now) due++;
    for (const { name } of this.#pending.splice(0, due)) this.echo(name);
    if (this.#pending.length === 0) withPendingMarks.delete(this);
  }

  /** The call ended: nothing more is echoed. */
  stop(): void {
    this.#pending.length = 0;
    withPendingMarks.delete(this);
  }
}
