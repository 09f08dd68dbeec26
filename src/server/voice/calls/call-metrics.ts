import type { AiProvider, CallSource } from '../../../shared/domain.js';
import type { CallOutcome } from '../runner/call-types.js';

/** A call's metric labels: few values each, never a company or call id. */
export type CallLabels = { source: CallSource; provider: AiProvider | 'none' };

/**
 * What the live-call machinery reports for monitoring, once per call or per
 * connect attempt, never per audio frame. Implemented by the metrics module.
 */
export interface CallMetrics {
  callStarted(labels: CallLabels): void;
  callEnded(labels: CallLabels, outcome: Pick<CallOutcome, 'status' | 'endReason'>): void;
  providerConnected(provider: AiProvider, durationMs: number): void;
  /** `code`: a ProviderConnectError code, or `unavailable` when no session could be built. */
  providerConnectFailed(provider: AiProvider, code: string): void;
  /** From the agent session's creation to its first audio (usually the greeting). */
  firstAgentAudio(provider: AiProvider, durationMs: number): void;
}
