import type {
  RoutingAction,
  RoutingActionType,
  RoutingConditions,
  RoutingIntent,
  RoutingSource,
  Weekday,
} from '../../../../shared/call-routing';
import type { RoutingRule, RoutingRuleInput } from '../../api/call-routing';

/** Select values cannot be empty: this one means "no condition". */
export const ANY = 'any';

/** The rule dialog's fields as the form holds them (strings for every control). */
export type RuleForm = {
  name: string;
  enabled: boolean;
  chatbotId: string;
  integrationAccountId: string;
  businessHours: 'any' | 'inside' | 'outside';
  days: Weekday[];
  numberMatch: 'any' | 'exact' | 'prefix';
  numberValue: string;
  callerListId: string;
  sources: RoutingSource[];
  keypressDigit: string;
  keypressLabel: string;
  intent: RoutingIntent | typeof ANY;
  actionType: RoutingActionType;
  actionChatbotId: string;
  actionAgentId: string;
  transferNumber: string;
  message: string;
};

export function ruleForm(rule: RoutingRule | null): RuleForm {
  const c = rule?.conditions ?? {};
  const action = rule?.action;
  return {
    name: rule?.name ?? '',
    enabled: rule?.enabled ?? true,
    chatbotId: rule?.chatbotId ?? ANY,
    integrationAccountId: rule?.integrationAccountId ?? ANY,
    businessHours: c.businessHours ?? ANY,
    days: c.days ?? [],
    numberMatch: c.callerNumber?.match ?? ANY,
    numberValue: c.callerNumber?.value ?? '',
    callerListId: c.callerListId ?? ANY,
    sources: c.sources ?? [],
    keypressDigit: c.keypress?.digit ?? ANY,
    keypressLabel: c.keypress?.label ?? '',
    intent: c.intent ?? ANY,
    actionType: action?.type ?? 'answer',
    actionChatbotId: action?.type === 'answer' ? action.chatbotId : '',
    actionAgentId: (action?.type === 'answer' && action.agentId) || ANY,
    transferNumber: action?.type === 'transfer' ? action.phoneNumber : '',
    message: action?.type === 'play_and_hangup' ? action.message : '',
  };
}

const orNull = (value: string) => (value === ANY ? null : value);

/** The rule the API takes; the server validates numbers and ids. */
export function ruleInput(form: RuleForm): RoutingRuleInput {
  const conditions: RoutingConditions = {};
  if (form.businessHours !== ANY) conditions.businessHours = form.businessHours;
  if (form.days.length > 0) conditions.days = form.days;
  if (form.numberMatch !== ANY) {
    conditions.callerNumber = { match: form.numberMatch, value: form.numberValue.trim() };
  }
  if (form.callerListId !== ANY) conditions.callerListId = form.callerListId;
  if (form.sources.length > 0) conditions.sources = form.sources;
  if (form.keypressDigit !== ANY) {
    conditions.keypress = { digit: form.keypressDigit, label: form.keypressLabel.trim() };
  }
  if (form.intent !== ANY) conditions.intent = form.intent;
  return {
    name: form.name.trim(),
    enabled: form.enabled,
    chatbotId: orNull(form.chatbotId),
    integrationAccountId: orNull(form.integrationAccountId),
    conditions,
    action: actionOf(form),
  };
}

function actionOf(form: RuleForm): RoutingAction {
  switch (form.actionType) {
    case 'answer':
      return {
        type: 'answer',
        chatbotId: form.actionChatbotId,
        ...(form.actionAgentId !== ANY ? { agentId: form.actionAgentId } : {}),
      };
    case 'transfer':
      return { type: 'transfer', phoneNumber: form.transferNumber.trim() };
    case 'play_and_hangup':
      return { type: 'play_and_hangup', message: form.message.trim() };
    case 'take_message':
      return { type: 'take_message' };
    case 'mark_urgent':
      return { type: 'mark_urgent' };
    case 'offer_person':
      return { type: 'offer_person' };
  }
}
