type Counted = { calls: number };
type Rate = { hits: number; of: number };

/** GET /api/company/analytics/calls: a period's call figures, as the server sends them. */
export type CallAnalytics = {
  period: { from: string; to: string; timeZone: string };
  totals: Counted & {
    completed: number;
    avgDurationMs: number;
    escalated: number;
    messagesLeft: number;
    urgent: number;
    /** Calls whose analysis says the agent answered, of those where the caller asked something. */
    answered: Rate;
    avgRating: number | null;
    rated: number;
    /** USD; null when no call of the period has a priced model. */
    estimatedCost: number | null;
  };
  perDay: Array<
    Counted & { day: string; avgDurationMs: number; escalated: number; messagesLeft: number }
  >;
  statuses: Array<Counted & { status: string }>;
  endReasons: Array<Counted & { endReason: string }>;
  /** Calls by the hour they started, 0–23, in the time zone. */
  hours: Array<Counted & { hour: number }>;
  /** Calls by ISO weekday, 1 (Monday) to 7. */
  weekdays: Array<Counted & { weekday: number }>;
  intents: Array<Counted & { intent: string }>;
  ratings: Array<Counted & { rating: number }>;
  chatbots: Array<
    Counted & {
      chatbotId: string | null;
      name: string | null;
      avgDurationMs: number;
      escalated: number;
      answered: Rate;
      estimatedCost: number | null;
    }
  >;
  months: Array<
    Counted & {
      month: string;
      inputAudioMs: number;
      outputAudioMs: number;
      estimatedCost: number | null;
      /** The estimate divided by the calls it covers. */
      costPerCall: number | null;
    }
  >;
};
