import type { Logger } from 'pino';
import type { CallSettings } from '../../../shared/chatbot-settings.js';
import type { EventBus } from '../../bus/event-bus.js';
import type { CallUsage } from '../../db/schema/index.js';
import type { AgentSession, AgentSessionConfig } from '../providers/agent-session.js';
import type { CallerLeg } from '../transports/caller-leg.js';
import type { PhoneLineControl } from '../transports/phone-line-control.js';
import type { AnnouncedCall } from './call-announcer.js';
import type { CallToolResult } from './call-tools.js';
import type { Clock } from './clock.js';
import type { CallEndReason } from './end-reasons.js';
import type { TranscriptSink } from './transcript.js';

/** Where the runner keeps the call's record: utterances as they finalize, then the outcome. */
export interface CallRecorder extends TranscriptSink {
  finish(outcome: CallOutcome): Promise<void>;
}

export type CallOutcome = {
  status: 'completed' | 'failed';
  endReason: CallEndReason;
  endedAt: Date;
  durationMs: number;
  usage: CallUsage;
  /** The number a transferred phone call was handed to. */
  transferredTo?: string;
};

export type CallToolRunner = {
  definitions(): AgentSessionConfig['tools'];
  run(call: { name: string; arguments: Record<string, unknown> }): Promise<CallToolResult>;
};

export type CallRunnerOptions = {
  call: AnnouncedCall;
  settings: CallSettings;
  /** The agent's instructions (persona, rules, phone manner). */
  instructions: string;
  leg: CallerLeg;
  /** The phone network's hold on a phone call: transfers, and an apology instead of silence. */
  phoneLine?: PhoneLineControl;
  /** Builds the provider session; throws ProviderUnavailableError when the provider cannot serve calls. */
  createSession(config: AgentSessionConfig): AgentSession;
  providerName: string;
  tools: CallToolRunner;
  recorder: CallRecorder;
  bus: EventBus;
  logger: Logger;
  clock?: Clock;
  connectRetry?: { attempts?: number; baseDelayMs?: number };
};
