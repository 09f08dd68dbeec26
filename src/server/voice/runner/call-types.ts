import type { Logger } from 'pino';
import type { CallSettings } from '../../../shared/chatbot-settings.js';
import type { EventBus } from '../../bus/event-bus.js';
import type { CallUsage } from '../../db/schema/index.js';
import type { AudioFrame } from '../audio/frame.js';
import type { CallOffer, CallOffers } from '../handoff/call-offer.js';
import type { HoldAudioKind } from '../handoff/hold-audio.js';
import type { ListenedLeg } from '../handoff/listened-leg.js';
import type { SpeechListenerFactory } from '../handoff/speech-listeners.js';
import type { AgentSession, AgentSessionConfig } from '../providers/agent-session.js';
import type { CallerLeg } from '../transports/caller-leg.js';
import type { PhoneLineControl } from '../transports/phone-line-control.js';
import type { AnnouncedCall } from './call-announcer.js';
import type { CallToolResult } from './call-tools.js';
import type { Clock } from './clock.js';
import type { CallEndReason } from './end-reasons.js';
import type { IntentRouteLookup } from './intent-routing.js';
import type { TranscriptSink } from './transcript.js';

/** Where the runner keeps the call's record: utterances as they finalize, then the outcome. */
export interface CallRecorder extends TranscriptSink {
  finish(outcome: CallOutcome): Promise<void>;
}

/**
 * Both sides of the call as the caller heard them, for its audio recording.
 * Times are milliseconds since the call started.
 */
export interface CallAudioRecording {
  caller(frame: AudioFrame, atMs: number): void;
  /** Agent audio of answer `responseId` handed to the caller's leg to play. */
  agent(frame: AudioFrame, atMs: number, responseId: string): void;
  /**
   * Agent audio still queued for the caller was dropped (barge-in, end of
   * call); `heardMs` is how much of the current answer the leg says was played.
   */
  agentCleared(atMs: number, heardMs?: number): void;
  /** Closes the recording; null when nothing could be stored. */
  finish(atMs: number): Promise<RecordedAudio | null>;
}

/** A stored recording: its key in the recording store and its length. */
export type RecordedAudio = { key: string; durationMs: number };

export type CallOutcome = {
  status: 'completed' | 'failed';
  endReason: CallEndReason;
  endedAt: Date;
  durationMs: number;
  usage: CallUsage;
  /** The number a transferred phone call was handed to. */
  transferredTo?: string;
  /** The call's audio recording, when its chatbot records calls. */
  recording?: RecordedAudio;
};

export type CallToolRunner = {
  definitions(): AgentSessionConfig['tools'];
  run(call: { name: string; arguments: Record<string, unknown> }): Promise<CallToolResult>;
  /** The call is over: settles what its tools left open (an escalation nobody took). */
  callEnded?(): Promise<void>;
  /** A person took the call over / gave it back (the Inbox follows). */
  personJoined?(person: { id: string; name: string }): Promise<void>;
  personLeft?(): Promise<void>;
};

/** What a call needs to be handed to a person of the company. */
export type CallHandoffOptions = {
  offers: CallOffers;
  offer: Omit<CallOffer, 'reason'>;
  holdAudio: HoldAudioKind;
  /** A routing rule rings the team as the call starts; the AI answers if nobody takes it. */
  personFirst?: boolean;
  /** A phone call's transfer number, where the person may send the caller on. */
  transferNumber?: string | null | undefined;
  /** Transcribes both sides while a person has the call; none: their words are not transcribed. */
  listeners?: SpeechListenerFactory | undefined;
};

export type CallRunnerOptions = {
  call: AnnouncedCall;
  settings: CallSettings;
  /** The agent's instructions (persona, rules, phone manner). */
  instructions: string;
  leg: CallerLeg;
  /** The same leg, for supervisors listening in (the factory passes one ListenedLeg as both). */
  listenIn?: ListenedLeg | undefined;
  /** The phone network's hold on a phone call: transfers, and an apology instead of silence. */
  phoneLine?: PhoneLineControl;
  /** Builds the provider session; throws ProviderUnavailableError when the provider cannot serve calls. */
  createSession(config: AgentSessionConfig): AgentSession;
  providerName: string;
  tools: CallToolRunner;
  /** Set when the company can ring its people for a caller who asks for one. */
  handoff?: CallHandoffOptions | undefined;
  /** The company's rules that act on what the caller asks for mid-call (intent-routing.ts). */
  intentRoutes?: IntentRouteLookup | undefined;
  recorder: CallRecorder;
  /** Set when the chatbot records its calls. */
  recording?: CallAudioRecording | undefined;
  bus: EventBus;
  logger: Logger;
  clock?: Clock;
  connectRetry?: { attempts?: number; baseDelayMs?: number };
};
