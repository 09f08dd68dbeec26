import type { CallSource } from '../../shared/domain.js';
import type { ConversationEvent } from '../conversations/conversation-events.js';
import type { AgentStreamEvent } from '../voice/handoff/ring-events.js';

/** Every message that crosses nodes, by channel. */
export type BusEvents = {
  'company.settings.updated': { companyId: string };
  'conversation.event': { companyId: string; conversationId: string; event: ConversationEvent };
  /** Live call views (dashboard) across nodes. */
  'call.started': {
    companyId: string;
    callId: string;
    chatbotId: string;
    source: CallSource;
    startedAt: string;
  };
  'call.transcript': {
    companyId: string;
    callId: string;
    speaker: 'caller' | 'agent' | 'human_agent';
    /** The person's name on a human_agent line. */
    speakerName?: string;
    kind: 'delta' | 'final';
    text: string;
    /** On a final line: where it sits in the stored transcript. */
    line?: { seq: number; startMs: number; endMs: number; interrupted: boolean };
  };
  /** Staff changed a call (handled, notes, assignee); live views reload it. */
  'call.updated': { companyId: string; callId: string };
  'call.agent_speaking': { companyId: string; callId: string; speaking: boolean };
  'call.ended': {
    companyId: string;
    callId: string;
    status: 'completed' | 'failed';
    reason: string;
    durationMs: number;
  };
  /** A command for a live call, handled by whichever node runs it. */
  'call.control': { callId: string; command: 'end'; reason: string };
  /** For the dashboard tabs of these people, on whichever node they are open (ringing, presence). */
  'agent.event': { companyId: string; userIds: string[]; event: AgentStreamEvent };
  /** A person answered a ringing call; the node whose offer waits for it acts on it. */
  'call.offer.answer': {
    callId: string;
    offerId: string;
    userId: string;
    userName: string;
    answer: 'accepted' | 'declined';
  };
};

export type BusChannel = keyof BusEvents;
export type BusHandler<C extends BusChannel> = (payload: BusEvents[C]) => void;

export interface EventBus {
  readonly kind: 'memory' | 'redis';
  publish<C extends BusChannel>(channel: C, payload: BusEvents[C]): void;
  /**
   * Resolves once messages published from any node after it resolves reach the
   * handler, with the function that unsubscribes.
   */
  subscribe<C extends BusChannel>(channel: C, handler: BusHandler<C>): Promise<() => void>;
  ping(): Promise<'ok' | 'error'>;
  close(): Promise<void>;
}
