import type { CallUsage } from '../../db/schema/index.js';

/**
 * What a call used: tokens as the provider reports them, audio as the runner
 * measured it (caller audio received, agent audio generated), so every
 * provider is counted the same way.
 */
export class CallUsageMeter {
  #inputTokens = 0;
  #outputTokens = 0;
  #inputAudioMs = 0;
  #outputAudioMs = 0;

  tokens(usage: { inputTokens: number; outputTokens: number }): void {
    this.#inputTokens += usage.inputTokens;
    this.#outputTokens += usage.outputTokens;
  }

  callerAudio(durationMs: number): void {
    this.#inputAudioMs += durationMs;
  }

  agentAudio(durationMs: number): void {
    this.#outputAudioMs += durationMs;
  }

  toCallUsage(): CallUsage {
    return {
      inputTokens: this.#inputTokens,
      outputTokens: this.#outputTokens,
      inputAudioMs: Math.round(this.#inputAudioMs),
      outputAudioMs: Math.round(this.#outputAudioMs),
    };
  }
}
