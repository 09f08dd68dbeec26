import type { CallSource } from '../../../shared/domain.js';
import type { BusEvents, EventBus } from '../../bus/event-bus.js';
import type { CallerLeg } from '../transports/caller-leg.js';
import type { TranscriptSpeaker } from './transcript.js';

export type AnnouncedCall = {
  id: string;
  companyId: string;
  chatbotId: string;
  source: CallSource;
};

/**
 * Tells the caller (notices on their leg) and every live view (the bus, with
 * the company so only its dashboards listen) what happens in a call.
 */
export class CallAnnouncer {
  constructor(
    private readonly leg: CallerLeg,
    private readonly bus: EventBus,
    private readonly call: AnnouncedCall,
  ) {}

  started(): void {
    const { id, companyId, chatbotId, source } = this.call;
    this.leg.notify({ type: 'call.started', callId: id });
    this.bus.publish('call.started', {
      companyId,
      callId: id,
      chatbotId,
      source,
      startedAt: new Date().toISOString(),
    });
  }

  agentSpeaking(speaking: boolean): void {
    this.leg.notify({ type: 'agent.speaking', speaking });
    this.bus.publish('call.agent_speaking', {
      companyId: this.call.companyId,
      callId: this.call.id,
      speaking,
    });
  }

  callerSpeaking(speaking: boolean): void {
    this.leg.notify({ type: 'user.speaking', speaking });
  }

  transcript(
    kind: 'delta' | 'final',
    speaker: TranscriptSpeaker,
    text: string,
    line?: BusEvents['call.transcript']['line'],
    speakerName?: string,
  ): void {
    // The caller's page knows two sides: whoever answers them is the agent.
    this.leg.notify({
      type: kind === 'delta' ? 'transcript.delta' : 'transcript.final',
      speaker: speaker === 'caller' ? 'caller' : 'agent',
      text,
    });
    this.bus.publish('call.transcript', {
      companyId: this.call.companyId,
      callId: this.call.id,
      speaker,
      ...(speakerName ? { speakerName } : {}),
      kind,
      text,
      ...(line && { line }),
    });
  }

  error(code: string, message: string): void {
    this.leg.notify({ type: 'error', code, message });
  }

  ending(reason: string, message: string | undefined): void {
    this.leg.notify(
      message ? { type: 'call.ending', reason, message } : { type: 'call.ending', reason },
    );
  }

  ended(status: 'completed' | 'failed', reason: string, durationMs: number): void {
    this.leg.notify({ type: 'call.ended', reason, durationMs });
    this.bus.publish('call.ended', {
      companyId: this.call.companyId,
      callId: this.call.id,
      status,
      reason,
      durationMs,
    });
  }
}
