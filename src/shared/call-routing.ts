import { z } from 'zod';
import type { CallSource } from './domain.js';
import { PHONE_NUMBER_PROBLEM, toE164 } from './phone-number.js';

// Call routing: the company's business hours, caller lists and ordered rules,
// shared by the API (validation) and the dashboard (forms, types).

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export const weekdayLabels: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time of day as HH:MM (00:00 to 24:00)');

/** Minutes after midnight of an "HH:MM" time. */
export function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

export const openIntervalSchema = z
  .object({ open: clockTime, close: clockTime })
  .refine((interval) => minutesOf(interval.open) < minutesOf(interval.close), {
    message: 'must open before it closes',
  });
export type OpenInterval = z.infer<typeof openIntervalSchema>;

const dayIntervals = z
  .array(openIntervalSchema)
  .max(6)
  .superRefine((intervals, ctx) => {
    for (let i = 1; i < intervals.length; i++) {
      const previous = intervals[i - 1];
      const current = intervals[i];
      if (previous && current && minutesOf(current.open) < minutesOf(previous.close)) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: 'intervals must be in order and must not overlap',
        });
      }
    }
  });

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const isoDate = z.iso.date();

export const businessHoursSchema = z.object({
  timeZone: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .refine(isTimeZone, 'must be an IANA time zone such as America/New_York'),
  weekly: z.object(
    Object.fromEntries(weekdays.map((day) => [day, dayIntervals])) as Record<
      Weekday,
      typeof dayIntervals
    >,
  ),
  holidays: z
    .array(z.object({ date: isoDate, name: z.string().trim().max(80).optional() }))
    .max(100),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

/** What a company without business hours has: open nowhere, and no holidays. */
export const NO_BUSINESS_HOURS: BusinessHours = {
  timeZone: 'UTC',
  weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  holidays: [],
};

/** A number as people type it, stored E.164. */
export const e164Schema = z
  .string()
  .trim()
  .max(40)
  .transform((value, ctx) => {
    const number = toE164(value);
    if (!number) {
      ctx.addIssue({ code: 'custom', message: PHONE_NUMBER_PROBLEM });
      return z.NEVER;
    }
    return number;
  });

/** The start of an E.164 number: "+" and one to fourteen digits. */
const numberPrefix = z
  .string()
  .trim()
  .regex(/^\+\d{1,14}$/, 'must be "+" and the first digits, e.g. +1555');

export const callerListKinds = ['vip', 'blocked', 'custom'] as const;
export type CallerListKind = (typeof callerListKinds)[number];

export const callerListBody = z.object({
  name: z.string().trim().min(1).max(120),
  kind: z.enum(callerListKinds),
  numbers: z.array(e164Schema).max(5000),
});
export type CallerListInput = z.input<typeof callerListBody>;

export const routingSources = ['web', 'phone', 'whatsapp'] as const;
export type RoutingSource = (typeof routingSources)[number];

/** The routing source of a call's source: Twilio calls are phone calls. */
export const routingSourceOf: Record<CallSource, RoutingSource> = {
  web: 'web',
  twilio: 'phone',
  whatsapp: 'whatsapp',
};

/** What the caller wants, as the agent hears it during the call. */
export const routingIntents = ['emergency', 'appointment', 'billing', 'person'] as const;
export type RoutingIntent = (typeof routingIntents)[number];

export const routingIntentLabels: Record<RoutingIntent, string> = {
  emergency: 'Emergency',
  appointment: 'Appointment',
  billing: 'Billing or insurance',
  person: 'Asks for a person',
};

export const routingConditionsSchema = z
  .object({
    businessHours: z.enum(['inside', 'outside']).optional(),
    days: z.array(z.enum(weekdays)).min(1).max(7).optional(),
    callerNumber: z
      .discriminatedUnion('match', [
        z.object({ match: z.literal('exact'), value: e164Schema }),
        z.object({ match: z.literal('prefix'), value: numberPrefix }),
      ])
      .optional(),
    callerListId: z.uuid().optional(),
    sources: z.array(z.enum(routingSources)).min(1).max(3).optional(),
    /** A phone menu choice: the digit, and what the menu says it is for. */
    keypress: z
      .object({
        digit: z.string().regex(/^[0-9*#]$/, 'must be one key: 0-9, * or #'),
        label: z.string().trim().min(1).max(80),
      })
      .optional(),
    /** Heard during the call: such a rule acts mid-call, the first time the caller says it. */
    intent: z.enum(routingIntents).optional(),
  })
  .strict();
export type RoutingConditions = z.infer<typeof routingConditionsSchema>;

// `offer_person` (ring the team first) waits for human take-over.
export const routingActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('answer'),
    chatbotId: z.uuid(),
    /** One agent of a multi-agent chatbot; its default agent without one. */
    agentId: z.string().trim().min(1).max(40).optional(),
  }),
  z.object({ type: z.literal('transfer'), phoneNumber: e164Schema }),
  z.object({ type: z.literal('take_message') }),
  z.object({ type: z.literal('play_and_hangup'), message: z.string().trim().min(1).max(500) }),
  z.object({ type: z.literal('mark_urgent') }),
  z.object({ type: z.literal('offer_person') }),
]);
export type RoutingAction = z.infer<typeof routingActionSchema>;
export type RoutingActionType = RoutingAction['type'];

/** What a rule can still do once the call is answered: its intent is only heard then. */
export const midCallActions: readonly RoutingActionType[] = [
  'offer_person',
  'transfer',
  'play_and_hangup',
  'mark_urgent',
];

export const MID_CALL_ACTION_PROBLEM =
  'cannot follow an intent condition: the intent is heard once the call is answered, so the rule can offer a person, transfer, play a message and hang up, or mark urgent';

export const routingActionLabels: Record<RoutingActionType, string> = {
  answer: 'Answer with a chatbot',
  transfer: 'Transfer to a number',
  take_message: 'Take a message only',
  play_and_hangup: 'Play a message and hang up',
  mark_urgent: 'Mark urgent and notify',
  offer_person: 'Offer a person first',
};

const routingRuleFields = {
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean(),
  /** Only calls to this chatbot. */
  chatbotId: z.uuid().nullable(),
  /** Only calls through this phone number (integration account). */
  integrationAccountId: z.uuid().nullable(),
  conditions: routingConditionsSchema,
  action: routingActionSchema,
};

export const routingRuleBody = z.strictObject({
  ...routingRuleFields,
  enabled: routingRuleFields.enabled.default(true),
  chatbotId: routingRuleFields.chatbotId.default(null),
  integrationAccountId: routingRuleFields.integrationAccountId.default(null),
  conditions: routingRuleFields.conditions.default({}),
});
export type RoutingRuleInput = z.input<typeof routingRuleBody>;

export const routingRulePatch = z.strictObject(routingRuleFields).partial();

/** A rule as the API returns it. */
export type RoutingRuleView = z.output<typeof routingRuleBody> & {
  id: string;
  position: number;
  createdAt: string;
  updatedAt: string;
};

/** What "Test a call" answers: the rule that would route the call, and each rule's verdict. */
export type RoutingPreview = {
  matchedRuleId: string | null;
  matchedRuleName: string | null;
  /** `menu`: a phone caller would first hear the keypress menu. `default`: answered as without rules. */
  action: RoutingAction | { type: 'default' } | { type: 'menu'; prompt: string };
  reasons: string[];
  /** With an intent to test: the rule that acts once the caller says it during the call. */
  duringCall?: {
    intent: RoutingIntent;
    matchedRuleId: string | null;
    matchedRuleName: string | null;
    action: RoutingAction | null;
    reasons: string[];
  };
};
