import type { Clock, Timer } from './clock.js';
import type { CallEndReason } from './end-reasons.js';

export type ClosingPlan = {
  /** Said as soon as the agent is quiet (the max-duration closing line). */
  line?: string;
  /** Said when the agent stays quiet, so the caller never hears the line just drop. */
  fallback?: string;
};

export type CallClosingOptions = {
  clock: Clock;
  isAgentSpeaking(): boolean;
  say(text: string): void;
  end(reason: CallEndReason): void;
};

// How long the agent must stay quiet before the call ends: enough for the
// reply a tool result or a caller's goodbye asks for to begin.
export const CLOSING_IDLE_MS = 2000;
// However the provider behaves, a closing call ends within this.
export const CLOSING_CAP_MS = 20_000;

/**
 * A call that ends politely: the agent finishes its answer (and says a last
 * line when one is due), then the call ends once the agent has been quiet
 * for a moment. No new turns start meanwhile.
 */
export class CallClosing {
  readonly #options: CallClosingOptions;
  #reason: CallEndReason | null = null;
  #line: string | null = null;
  #fallback: string | null = null;
  #idle: Timer | null = null;
  #cap: Timer | null = null;

  constructor(options: CallClosingOptions) {
    this.#options = options;
  }

  get active(): boolean {
    return this.#reason !== null;
  }

  begin(reason: CallEndReason, plan: ClosingPlan = {}): void {
    if (this.#reason) return;
    this.#reason = reason;
    this.#line = plan.line ?? null;
    this.#fallback = plan.fallback ?? null;
    this.#cap = this.#options.clock.after(CLOSING_CAP_MS, () => this.#options.end(reason));
    // An answer already under way (Gemini transcribes the caller late) is the goodbye.
    if (this.#options.isAgentSpeaking()) this.#fallback = null;
    else this.#agentQuiet();
  }

  agentSpeakingChanged(speaking: boolean): void {
    if (!this.#reason) return;
    if (speaking) {
      // Whatever the agent says now is its goodbye; no fallback needed.
      this.#fallback = null;
      this.#cancelIdle();
      return;
    }
    this.#agentQuiet();
  }

  cancel(): void {
    this.#cancelIdle();
    this.#cap?.cancel();
    this.#cap = null;
  }

  /** Calls the closing off (a hand-off the network refused): the conversation goes on. */
  reopen(): void {
    this.cancel();
    this.#reason = null;
    this.#line = null;
    this.#fallback = null;
  }

  #agentQuiet(): void {
    const reason = this.#reason;
    if (!reason) return;
    this.#cancelIdle();
    if (this.#line) {
      const line = this.#line;
      this.#line = null;
      this.#fallback = null;
      // The line ends the call once it has been said (or the cap runs out).
      this.#options.say(line);
      return;
    }
    this.#idle = this.#options.clock.after(CLOSING_IDLE_MS, () => {
      this.#idle = null;
      if (this.#options.isAgentSpeaking()) return;
      if (this.#fallback) {
        this.#line = this.#fallback;
        this.#agentQuiet();
        return;
      }
      this.#options.end(reason);
    });
  }

  #cancelIdle(): void {
    this.#idle?.cancel();
    this.#idle = null;
  }
}
