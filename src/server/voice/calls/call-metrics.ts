import type { AiProvider, CallSource } from '../../../shared/domain.js';
import type { CallOutcome } from '../runner/call-types.js';

/** A call's metric labels: few values each, never a company or call id. */
export type CallLabels = { source: CallSource; provider: AiProvider | 'none' };

/** Which way an audio frame crosses the server: from the caller, or from the agent. */
export type FrameDirection = 'caller' | 'agent';

/**
 * Why a frame never reached the other side: `invalid` (garbled, oversized,
 * unusable), `overflow` (the receiver was not reading; the oldest audio went).
 */
export type FrameDropReason = 'invalid' | 'overflow';

/**
 * What the live-call machinery reports for monitoring. Implemented by the
 * metrics module. Only the frame methods run per audio frame: they must stay
 * a few arithmetic operations.
 */
export interface CallMetrics {
  callStarted(labels: CallLabels): void;
  callEnded(labels: CallLabels, outcome: Pick<CallOutcome, 'status' | 'endReason'>): void;
  providerConnected(provider: AiProvider, durationMs: number): void;
  /** `code`: a ProviderConnectError code, or `unavailable` when no session could be built. */
  providerConnectFailed(provider: AiProvider, code: string): void;
  /** From the agent session's creation to its first audio (usually the greeting). */
  firstAgentAudio(provider: AiProvider, durationMs: number): void;
  /** From the provider hearing the caller stop speaking to the answer's first audio handed to the caller. */
  voiceToVoice(provider: AiProvider, durationMs: number): void;
  /** From the provider hearing the caller start speaking over the agent to the agent's audio being cleared. */
  bargeIn(provider: AiProvider, durationMs: number): void;
  /** Time one frame spent in the server between the caller's leg and the provider (either way). */
  frameLatency(direction: FrameDirection, durationMs: number): void;
  framesDropped(direction: FrameDirection, reason: FrameDropReason, frames: number): void;
}
