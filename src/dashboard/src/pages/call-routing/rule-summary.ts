import {
  type CallerListKind,
  type RoutingAction,
  type RoutingConditions,
  routingIntentLabels,
  weekdayLabels,
} from '../../../../shared/call-routing';
import type { SelectOption } from '../../components/ui/Select';
import { formatPhoneNumber } from '../../lib/phone';
import type { RoutingChoices } from './RuleDialog';

export const callerListKindLabels: Record<CallerListKind, string> = {
  vip: 'VIP',
  blocked: 'Blocked',
  custom: 'Custom',
};

const sourceLabels = { web: 'web', phone: 'phone', whatsapp: 'WhatsApp' } as const;

type Names = {
  chatbot: (id: string) => string;
  agent: (chatbotId: string, agentId: string) => string;
  list: (id: string) => string;
};

/** How rules name the chatbots, agents and caller lists they refer to. */
export function routingNames(choices: RoutingChoices): Names {
  const labelOf = (options: SelectOption[] | undefined, value: string) =>
    options?.find((option) => option.value === value)?.label;
  return {
    chatbot: (id) => String(labelOf(choices.callChatbots, id) ?? 'a deleted chatbot'),
    agent: (chatbotId, agentId) =>
      String(labelOf(choices.agentsOf[chatbotId], agentId) ?? 'a deleted agent'),
    list: (id) => choices.callerLists.find((list) => list.id === id)?.name ?? 'a deleted list',
  };
}

/** The rule's conditions as one line a person reads ("Outside business hours · caller on Blocked"). */
export function conditionsSummary(conditions: RoutingConditions, names: Names): string {
  const parts: string[] = [];
  if (conditions.businessHours) parts.push(`${conditions.businessHours} business hours`);
  if (conditions.days) {
    parts.push(conditions.days.map((day) => weekdayLabels[day].slice(0, 3)).join(', '));
  }
  if (conditions.callerNumber) {
    const { match, value } = conditions.callerNumber;
    parts.push(match === 'exact' ? `caller ${formatPhoneNumber(value)}` : `caller starts ${value}`);
  }
  if (conditions.callerListId) parts.push(`caller on ${names.list(conditions.callerListId)}`);
  if (conditions.sources) {
    parts.push(`${conditions.sources.map((source) => sourceLabels[source]).join(' or ')} calls`);
  }
  if (conditions.keypress) {
    parts.push(`pressed ${conditions.keypress.digit} (${conditions.keypress.label})`);
  }
  if (conditions.intent) parts.push(`intent “${routingIntentLabels[conditions.intent]}”`);
  if (parts.length === 0) return 'Every call';
  const text = parts.join(' · ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function actionSummary(action: RoutingAction, names: Names): string {
  switch (action.type) {
    case 'answer':
      return action.agentId
        ? `Answer with ${names.chatbot(action.chatbotId)} (${names.agent(action.chatbotId, action.agentId)})`
        : `Answer with ${names.chatbot(action.chatbotId)}`;
    case 'transfer':
      return `Transfer to ${formatPhoneNumber(action.phoneNumber)}`;
    case 'take_message':
      return 'Take a message only';
    case 'play_and_hangup':
      return `Say “${action.message}” and hang up`;
    case 'mark_urgent':
      return 'Mark urgent and notify the team';
    case 'offer_person':
      return 'Ring the team first; the AI answers if nobody takes it';
  }
}
