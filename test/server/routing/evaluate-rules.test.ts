import { describe, expect, it } from 'vitest';
import {
  type CallFacts,
  type EvaluableRule,
  evaluateIntentRules,
  evaluateRoutingRules,
  menuPrompt,
} from '../../../src/server/routing/evaluate-rules.js';
import {
  type BusinessHours,
  NO_BUSINESS_HOURS,
  type RoutingAction,
  type RoutingConditions,
} from '../../../src/shared/call-routing.js';

const nineToFive = [{ open: '09:00', close: '17:00' }];
const NEW_YORK: BusinessHours = {
  timeZone: 'America/New_York',
  weekly: {
    mon: nineToFive,
    tue: nineToFive,
    wed: nineToFive,
    thu: nineToFive,
    fri: nineToFive,
    sat: nineToFive,
    sun: nineToFive,
  },
  holidays: [{ date: '2026-12-25', name: 'Christmas' }],
};

const PHONE_CALL: CallFacts = {
  source: 'phone',
  callerNumber: '+15551234567',
  chatbotId: 'bot-1',
  integrationAccountId: 'line-1',
  keypress: null,
};

let nextId = 0;
function rule(
  conditions: RoutingConditions,
  action: RoutingAction = { type: 'take_message' },
  extra: Partial<EvaluableRule> = {},
): EvaluableRule {
  nextId += 1;
  return {
    id: `rule-${nextId}`,
    name: `Rule ${nextId}`,
    enabled: true,
    chatbotId: null,
    integrationAccountId: null,
    conditions,
    action,
    ...extra,
  };
}

const matched = (
  rules: EvaluableRule[],
  at: string,
  call: Partial<CallFacts> = {},
  hours = NEW_YORK,
  lists = new Map<string, { name: string; numbers: string[] }>(),
) => evaluateRoutingRules(rules, { ...PHONE_CALL, ...call }, new Date(at), hours, lists).rule;

describe('evaluateRoutingRules', () => {
  it('without rules keeps today’s behaviour: no rule, the called chatbot answers', () => {
    const decision = evaluateRoutingRules([], PHONE_CALL, new Date(), NEW_YORK);
    expect(decision).toEqual({
      rule: null,
      menu: null,
      reasons: ['No rules: the called chatbot answers as usual'],
    });
  });

  it('takes the first enabled match in order and says why each rule did or did not match', () => {
    const disabled = rule({}, { type: 'mark_urgent' }, { enabled: false });
    const web = rule({ sources: ['web'] });
    const first = rule({ sources: ['phone'] });
    const second = rule({});
    const decision = evaluateRoutingRules(
      [disabled, web, first, second],
      PHONE_CALL,
      new Date('2026-06-01T15:00:00Z'),
      NEW_YORK,
    );
    expect(decision.rule?.id).toBe(first.id);
    expect(decision.reasons).toEqual([
      `Rule 1 "${disabled.name}": skipped, it is disabled`,
      `Rule 2 "${web.name}": no match, the source phone is not one of web`,
      `Rule 3 "${first.name}": matched, the source phone is one of phone`,
    ]);
    expect(matched([second, first], '2026-06-01T15:00:00Z')?.id).toBe(second.id);
  });

  it('reads business hours in the company’s zone across the March daylight-saving change', () => {
    const inside = rule({ businessHours: 'inside' });
    // Saturday 7 March 2026, EST (UTC-5): 13:30Z is 08:30, 14:30Z is 09:30.
    expect(matched([inside], '2026-03-07T13:30:00Z')).toBeNull();
    expect(matched([inside], '2026-03-07T14:30:00Z')?.id).toBe(inside.id);
    // Sunday 8 March 2026, after the change to EDT (UTC-4): 13:30Z is already 09:30.
    expect(matched([inside], '2026-03-08T12:30:00Z')).toBeNull();
    expect(matched([inside], '2026-03-08T13:30:00Z')?.id).toBe(inside.id);
  });

  it('reads business hours across the November change back to standard time', () => {
    const outside = rule({ businessHours: 'outside' });
    // Saturday 31 October 2026, EDT: 13:30Z is 09:30, open.
    expect(matched([outside], '2026-10-31T13:30:00Z')).toBeNull();
    // Sunday 1 November 2026, EST again: 13:30Z is 08:30, still closed.
    expect(matched([outside], '2026-11-01T13:30:00Z')?.id).toBe(outside.id);
    expect(matched([outside], '2026-11-01T14:30:00Z')).toBeNull();
  });

  it('takes the weekday from the zone, not from UTC', () => {
    const sunday = rule({ days: ['sun'] });
    // 03:30Z on Monday 9 March is still Sunday 23:30 in New York.
    expect(matched([sunday], '2026-03-09T03:30:00Z')?.id).toBe(sunday.id);
    expect(matched([sunday], '2026-03-09T04:30:00Z')).toBeNull();
  });

  it('is closed all day on a holiday', () => {
    const outside = rule({ businessHours: 'outside' });
    const decision = evaluateRoutingRules(
      [outside],
      PHONE_CALL,
      new Date('2026-12-25T16:00:00Z'),
      NEW_YORK,
    );
    expect(decision.rule?.id).toBe(outside.id);
    expect(decision.reasons[0]).toContain('is a holiday (Christmas)');
    expect(matched([outside], '2026-12-24T16:00:00Z')).toBeNull();
  });

  it('without business hours set, the company is never inside them', () => {
    expect(
      matched([rule({ businessHours: 'inside' })], '2026-06-01T15:00:00Z', {}, NO_BUSINESS_HOURS),
    ).toBeNull();
  });

  it('matches caller numbers exactly or by prefix', () => {
    const exact = rule({ callerNumber: { match: 'exact', value: '+15551234567' } });
    const prefix = rule({ callerNumber: { match: 'prefix', value: '+4930' } });
    const at = '2026-06-01T15:00:00Z';
    expect(matched([exact, prefix], at)?.id).toBe(exact.id);
    expect(matched([exact, prefix], at, { callerNumber: '+493012345678' })?.id).toBe(prefix.id);
    expect(matched([exact, prefix], at, { callerNumber: '+493112345678' })).toBeNull();
    expect(matched([exact, prefix], at, { callerNumber: null })).toBeNull();
  });

  it('matches a caller list by its numbers; a list that is gone matches nobody', () => {
    const lists = new Map([['vip', { name: 'VIP patients', numbers: ['+15551234567'] }]]);
    const vip = rule({ callerListId: 'vip' });
    const gone = rule({ callerListId: 'deleted' });
    const at = '2026-06-01T15:00:00Z';
    expect(matched([gone, vip], at, {}, NEW_YORK, lists)?.id).toBe(vip.id);
    expect(matched([gone, vip], at, { callerNumber: '+15550000000' }, NEW_YORK, lists)).toBeNull();
  });

  it('applies a rule only to its own chatbot or phone number', () => {
    const otherBot = rule({}, undefined, { chatbotId: 'bot-2' });
    const thisLine = rule({}, undefined, { integrationAccountId: 'line-1' });
    const at = '2026-06-01T15:00:00Z';
    expect(matched([otherBot, thisLine], at)?.id).toBe(thisLine.id);
    expect(
      matched([otherBot, thisLine], at, { source: 'web', integrationAccountId: null }),
    ).toBeNull();
  });

  it('asks a phone caller for a key first, then routes by the key pressed', () => {
    const blocked = rule({ callerNumber: { match: 'prefix', value: '+1900' } });
    const appointments = rule({ keypress: { digit: '1', label: 'appointments' } });
    const billing = rule({ keypress: { digit: '2', label: 'billing' } });
    const webOnly = rule({ keypress: { digit: '3', label: 'web' }, sources: ['web'] });
    const fallback = rule({});
    const rules = [blocked, appointments, billing, webOnly, fallback];
    const now = new Date('2026-06-01T15:00:00Z');
    const asked = evaluateRoutingRules(
      rules,
      { ...PHONE_CALL, canAskKeypress: true },
      now,
      NEW_YORK,
    );
    expect(asked.rule).toBeNull();
    expect(asked.menu).toEqual([
      { digit: '1', label: 'appointments' },
      { digit: '2', label: 'billing' },
    ]);
    expect(menuPrompt(asked.menu ?? [])).toBe('Press 1 for appointments. Press 2 for billing.');
    expect(matched(rules, now.toISOString(), { keypress: '2' })?.id).toBe(billing.id);
    expect(matched(rules, now.toISOString(), { keypress: '' })?.id).toBe(fallback.id);
    // A rule before the menu that matches on its own wins without a menu.
    expect(
      matched(rules, now.toISOString(), { callerNumber: '+19005550000', canAskKeypress: true })?.id,
    ).toBe(blocked.id);
    // A web call cannot press keys: keypress rules never match it.
    expect(
      matched(rules, now.toISOString(), { source: 'web', integrationAccountId: null })?.id,
    ).toBe(fallback.id);
  });
});

describe('evaluateIntentRules', () => {
  const at = new Date('2026-12-07T15:00:00Z'); // a Monday, 10:00 in New York: open

  it('passes intent rules over as the call starts, with why', () => {
    const emergency = rule(
      { intent: 'emergency' },
      { type: 'transfer', phoneNumber: '+15550009111' },
    );
    const decision = evaluateRoutingRules([emergency], PHONE_CALL, at, NEW_YORK);
    expect(decision.rule).toBeNull();
    expect(decision.reasons[0]).toBe(
      `Rule 1 "${emergency.name}": no match, it waits for the intent "Emergency", heard during the call`,
    );
  });

  it('finds the first intent rule for what the caller asked, numbered as in the full list', () => {
    const everyone = rule({}, { type: 'offer_person' });
    const billing = rule({ intent: 'billing' }, { type: 'mark_urgent' });
    const closedEmergency = rule(
      { intent: 'emergency', businessHours: 'outside' },
      { type: 'play_and_hangup', message: 'Please dial 911.' },
    );
    const emergency = rule({ intent: 'emergency' }, { type: 'mark_urgent' });
    const rules = [everyone, billing, closedEmergency, emergency];
    const decision = evaluateIntentRules(
      rules,
      { ...PHONE_CALL, intent: 'emergency' },
      at,
      NEW_YORK,
    );
    expect(decision.rule?.id).toBe(emergency.id);
    // The rules without an intent were decided at the start: they have no line here.
    expect(decision.reasons).toEqual([
      `Rule 2 "${billing.name}": no match, the caller's intent is "Emergency", not "Billing or insurance"`,
      expect.stringMatching(new RegExp(`^Rule 3 "${closedEmergency.name}": no match, `)),
      `Rule 4 "${emergency.name}": matched, the caller's intent is "Emergency"`,
    ]);
  });

  it('acts on nothing when no intent rule matches, and never on an intent rule that picks the chatbot', () => {
    const answer = rule({ intent: 'appointment' }, { type: 'answer', chatbotId: 'bot-2' });
    const decision = evaluateIntentRules(
      [answer],
      { ...PHONE_CALL, intent: 'appointment' },
      at,
      NEW_YORK,
    );
    expect(decision.rule).toBeNull();
    expect(decision.reasons).toEqual([
      'No intent rule acts on "Appointment": the agent carries on',
    ]);
  });
});
