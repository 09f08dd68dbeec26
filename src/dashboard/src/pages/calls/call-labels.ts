import { Globe, type LucideIcon, MessageCircle, Phone } from 'lucide-react';
import type { CallSource, CallStatus } from '../../../../shared/domain';
import type { CallTab } from '../../api/calls';
import type { Call, CallSpeaker } from '../../api/types';
import type { BadgeTone } from '../../components/ui/Badge';
import { formatCallerNumber } from '../../lib/phone';

export const statusBadges: Record<CallStatus, { label: string; tone: BadgeTone }> = {
  pending: { label: 'Connecting', tone: 'amber' },
  in_progress: { label: 'In Progress', tone: 'blue' },
  completed: { label: 'Completed', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
  no_answer: { label: 'No Answer', tone: 'neutral' },
};

export const sources: Record<CallSource, { label: string; icon: LucideIcon }> = {
  web: { label: 'Web call', icon: Globe },
  twilio: { label: 'Phone call', icon: Phone },
  whatsapp: { label: 'WhatsApp call', icon: MessageCircle },
};

export const tabLabels: Record<CallTab, string> = {
  all: 'All Calls',
  attention: 'Needs Attention',
  handled: 'Handled',
  in_progress: 'In Progress',
};

export const speakerLabels: Record<CallSpeaker, string> = {
  caller: 'Caller',
  agent: 'Agent',
  human_agent: 'Staff',
};

export const isLive = (call: Pick<Call, 'status'>) =>
  call.status === 'in_progress' || call.status === 'pending';

/** Who called, as the card's heading says it, and the number beneath it when a name came too. */
export function callerOf(call: Pick<Call, 'source' | 'callerId' | 'callerName'>): {
  name: string;
  number: string | null;
} {
  const number = call.callerId ? formatCallerNumber(call.callerId) : null;
  if (call.callerName) return { name: call.callerName, number };
  if (number) return { name: number, number: null };
  return { name: call.source === 'web' ? 'Web visitor' : 'Unknown caller', number: null };
}

/** What the caller is waiting for, besides an urgent flag. */
export function followUps(call: Pick<Call, 'escalated' | 'messageLeft' | 'answered'>): string[] {
  const reasons: string[] = [];
  if (call.escalated) reasons.push('Asked for a person');
  if (call.messageLeft) reasons.push('Left a message');
  // A person asked for is already a follow-up; otherwise say the agent left the caller without an answer.
  if (call.answered === false && !call.escalated) reasons.push('Not answered');
  return reasons;
}
