import type { Clock, Timer } from './clock.js';

export type CallTimerOptions = {
  clock: Clock;
  silenceTimeoutMs: number;
  maxDurationMs: number;
  /** The caller has been silent for `silenceTimeoutMs`: ask whether they are still there. */
  onSilencePrompt(): void;
  /** Silent for another `silenceTimeoutMs` after the prompt. */
  onSilenceTimeout(): void;
  onMaxDuration(): void;
};

/**
 * The two clocks of call policy. Silence counts only while the floor is the
 * caller's: from the moment the agent stops speaking (or the caller stops)
 * until the caller speaks again. The "are you still there?" prompt is asked
 * once per silence; speaking again earns a fresh prompt next time.
 */
export class CallTimers {
  readonly #options: CallTimerOptions;
  #silence: Timer | null = null;
  #maxDuration: Timer | null = null;
  #prompted = false;
  #stopped = false;

  constructor(options: CallTimerOptions) {
    this.#options = options;
  }

  start(): void {
    this.#maxDuration = this.#options.clock.after(this.#options.maxDurationMs, () => {
      if (!this.#stopped) this.#options.onMaxDuration();
    });
    this.floorToCaller();
  }

  /** The caller is speaking: no silence, and the prompt may be asked again later. */
  callerActive(): void {
    this.#prompted = false;
    this.#cancelSilence();
  }

  /** The agent is speaking; its words are not the caller's silence. */
  agentActive(): void {
    this.#cancelSilence();
  }

  /** It is the caller's turn: silence counts from now. */
  floorToCaller(): void {
    if (this.#stopped) return;
    this.#cancelSilence();
    this.#silence = this.#options.clock.after(this.#options.silenceTimeoutMs, () => {
      this.#silence = null;
      if (this.#stopped) return;
      if (this.#prompted) {
        this.#options.onSilenceTimeout();
        return;
      }
      this.#prompted = true;
      this.#options.onSilencePrompt();
    });
  }

  stop(): void {
    this.#stopped = true;
    this.#cancelSilence();
    this.#maxDuration?.cancel();
    this.#maxDuration = null;
  }

  #cancelSilence(): void {
    this.#silence?.cancel();
    this.#silence = null;
  }
}
