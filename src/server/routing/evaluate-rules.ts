import {
  type BusinessHours,
  midCallActions,
  type RoutingAction,
  type RoutingConditions,
  type RoutingIntent,
  type RoutingSource,
  routingIntentLabels,
  weekdayLabels,
} from '../../shared/call-routing.js';
import { localTimeOf, openAt } from './business-clock.js';

/** A rule as the evaluator needs it, in the company's order. */
export type EvaluableRule = {
  id: string;
  name: string;
  enabled: boolean;
  chatbotId: string | null;
  integrationAccountId: string | null;
  conditions: RoutingConditions;
  action: RoutingAction;
};

/** What is known of a call when it starts. */
export type CallFacts = {
  source: RoutingSource;
  /** E.164 when the network gave one; none for most web calls. */
  callerNumber: string | null;
  /** The chatbot the call came to. */
  chatbotId: string | null;
  /** The phone number (integration account) the call came through. */
  integrationAccountId: string | null;
  /** The menu key the caller pressed; '' when the menu played and none was. */
  keypress: string | null;
  /** A phone call whose keypress menu can still be played. */
  canAskKeypress?: boolean;
  /** What the caller wants, once heard during the call; unknown when the call starts. */
  intent?: RoutingIntent | null;
};

export type CallerListLookup = ReadonlyMap<string, { name: string; numbers: readonly string[] }>;

export type MenuOption = { digit: string; label: string };

export type RoutingDecision = {
  rule: EvaluableRule | null;
  /** Set when the caller must first choose from the keypress menu (phone calls only). */
  menu: MenuOption[] | null;
  reasons: string[];
};

type Check = { holds: boolean; why: string; isKeypress?: boolean };

/**
 * The first enabled rule in order whose scope and conditions all hold for the
 * call at `now`, with a line per rule saying why it did or did not match.
 * No match is today's behaviour: the called chatbot answers. When the caller
 * could still be asked for a key and a keypress rule would otherwise match,
 * the decision is the menu instead (its options: the keypress rules from
 * there on that would match once their key is pressed).
 */
export function evaluateRoutingRules(
  rules: readonly EvaluableRule[],
  call: CallFacts,
  now: Date,
  businessHours: BusinessHours,
  callerLists: CallerListLookup = new Map(),
  considers: (rule: EvaluableRule) => boolean = () => true,
): RoutingDecision {
  const reasons: string[] = [];
  for (const [index, rule] of rules.entries()) {
    if (!considers(rule)) continue;
    const label = `Rule ${index + 1} "${rule.name}"`;
    if (!rule.enabled) {
      reasons.push(`${label}: skipped, it is disabled`);
      continue;
    }
    const checks = [
      ...scopeChecks(rule, call),
      ...conditionChecks(rule.conditions, call, now, businessHours, callerLists),
    ];
    const failed = checks.find((check) => !check.holds);
    const othersHold = checks.every((check) => check.holds || check.isKeypress);
    if (rule.conditions.keypress && othersHold && call.keypress === null && call.canAskKeypress) {
      const menu = menuFrom(rules.slice(index), call, now, businessHours, callerLists);
      reasons.push(`${label}: needs a key, so the caller hears the menu first`);
      return { rule: null, menu, reasons };
    }
    if (failed) {
      reasons.push(`${label}: no match, ${failed.why}`);
      continue;
    }
    const why = checks.map((check) => check.why).join('; ');
    reasons.push(`${label}: matched${why ? `, ${why}` : ' (it has no conditions)'}`);
    return { rule, menu: null, reasons };
  }
  reasons.push(
    rules.length === 0
      ? 'No rules: the called chatbot answers as usual'
      : 'No rule matched: the called chatbot answers as usual',
  );
  return { rule: null, menu: null, reasons };
}

/**
 * The rule that acts once the caller's intent is heard during the call: the
 * first enabled intent rule, in order, whose conditions all hold. The other
 * rules were decided when the call started.
 */
export function evaluateIntentRules(
  rules: readonly EvaluableRule[],
  call: CallFacts & { intent: RoutingIntent },
  now: Date,
  businessHours: BusinessHours,
  callerLists: CallerListLookup = new Map(),
): RoutingDecision {
  const decision = evaluateRoutingRules(
    rules,
    { ...call, canAskKeypress: false },
    now,
    businessHours,
    callerLists,
    (rule) => rule.conditions.intent !== undefined && midCallActions.includes(rule.action.type),
  );
  if (decision.rule) return decision;
  const none = `No intent rule acts on "${routingIntentLabels[call.intent]}": the agent carries on`;
  return { ...decision, reasons: [...decision.reasons.slice(0, -1), none] };
}

/** The keypress options a menu offers: one per key, the first rule for it wins. */
function menuFrom(
  rules: readonly EvaluableRule[],
  call: CallFacts,
  now: Date,
  businessHours: BusinessHours,
  callerLists: CallerListLookup,
): MenuOption[] {
  const options: MenuOption[] = [];
  for (const rule of rules) {
    const keypress = rule.conditions.keypress;
    if (!rule.enabled || !keypress || options.some((o) => o.digit === keypress.digit)) continue;
    const pressed = { ...call, keypress: keypress.digit, canAskKeypress: false };
    const checks = [
      ...scopeChecks(rule, pressed),
      ...conditionChecks(rule.conditions, pressed, now, businessHours, callerLists),
    ];
    if (checks.every((check) => check.holds)) options.push(keypress);
  }
  return options;
}

/** The prompt a phone menu speaks: "Press 1 for appointments. Press 2 for billing." */
export function menuPrompt(options: readonly MenuOption[]): string {
  return options.map((option) => `Press ${option.digit} for ${option.label}.`).join(' ');
}

function scopeChecks(rule: EvaluableRule, call: CallFacts): Check[] {
  const checks: Check[] = [];
  if (rule.action.type === 'transfer' && call.source !== 'phone') {
    checks.push({ holds: false, why: 'only a phone call can be transferred' });
  }
  if (rule.chatbotId) {
    checks.push(
      rule.chatbotId === call.chatbotId
        ? { holds: true, why: 'the call is to its chatbot' }
        : { holds: false, why: 'the call is to another chatbot' },
    );
  }
  if (rule.integrationAccountId) {
    checks.push(
      rule.integrationAccountId === call.integrationAccountId
        ? { holds: true, why: 'the call came through its phone number' }
        : { holds: false, why: 'the call did not come through its phone number' },
    );
  }
  return checks;
}

function conditionChecks(
  conditions: RoutingConditions,
  call: CallFacts,
  now: Date,
  businessHours: BusinessHours,
  callerLists: CallerListLookup,
): Check[] {
  const checks: Check[] = [];
  if (conditions.sources) {
    const holds = conditions.sources.includes(call.source);
    checks.push({
      holds,
      why: `the source ${call.source} is ${holds ? '' : 'not '}one of ${conditions.sources.join(', ')}`,
    });
  }
  if (conditions.businessHours) {
    const verdict = openAt(businessHours, now);
    const wanted = conditions.businessHours === 'inside';
    checks.push({ holds: verdict.open === wanted, why: verdict.why });
  }
  if (conditions.days) {
    const { weekday } = localTimeOf(now, businessHours.timeZone);
    const holds = conditions.days.includes(weekday);
    checks.push({
      holds,
      why: `${weekdayLabels[weekday]} is ${holds ? '' : 'not '}one of its days`,
    });
  }
  if (conditions.callerNumber) checks.push(numberCheck(conditions.callerNumber, call));
  if (conditions.callerListId) {
    checks.push(listCheck(conditions.callerListId, call.callerNumber, callerLists));
  }
  if (conditions.intent) checks.push(intentCheck(conditions.intent, call.intent ?? null));
  if (conditions.keypress) {
    const { digit } = conditions.keypress;
    checks.push(
      call.keypress === digit
        ? { holds: true, why: `the caller pressed ${digit}`, isKeypress: true }
        : {
            holds: false,
            isKeypress: true,
            why: call.keypress
              ? `the caller pressed ${call.keypress}, not ${digit}`
              : `no key was pressed`,
          },
    );
  }
  return checks;
}

function intentCheck(wanted: RoutingIntent, heard: RoutingIntent | null): Check {
  const label = routingIntentLabels[wanted];
  if (heard === null) {
    return { holds: false, why: `it waits for the intent "${label}", heard during the call` };
  }
  return heard === wanted
    ? { holds: true, why: `the caller's intent is "${label}"` }
    : {
        holds: false,
        why: `the caller's intent is "${routingIntentLabels[heard]}", not "${label}"`,
      };
}

function numberCheck(
  wanted: NonNullable<RoutingConditions['callerNumber']>,
  call: CallFacts,
): Check {
  const number = call.callerNumber;
  if (!number) return { holds: false, why: 'the caller’s number is unknown' };
  if (wanted.match === 'exact') {
    const holds = number === wanted.value;
    return { holds, why: `the caller ${number} is ${holds ? '' : 'not '}${wanted.value}` };
  }
  const holds = number.startsWith(wanted.value);
  return {
    holds,
    why: `the caller ${number} ${holds ? 'starts' : 'does not start'} with ${wanted.value}`,
  };
}

function listCheck(listId: string, number: string | null, lists: CallerListLookup): Check {
  const list = lists.get(listId);
  if (!list) return { holds: false, why: 'its caller list no longer exists' };
  if (!number)
    return { holds: false, why: `the caller’s number is unknown, so not on "${list.name}"` };
  const holds = list.numbers.includes(number);
  return { holds, why: `the caller ${number} is ${holds ? '' : 'not '}on the list "${list.name}"` };
}
