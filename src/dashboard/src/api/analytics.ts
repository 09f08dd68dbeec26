import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useCompanyId } from './company-scope';

type Counted = { calls: number };
type Rate = { hits: number; of: number };

/** GET /api/company/analytics/calls, as the server sends it. */
export type CallAnalytics = {
  period: { from: string; to: string; timeZone: string };
  totals: Counted & {
    completed: number;
    avgDurationMs: number;
    escalated: number;
    messagesLeft: number;
    urgent: number;
    answered: Rate;
    avgRating: number | null;
    rated: number;
    estimatedCost: number | null;
  };
  perDay: Array<
    Counted & { day: string; avgDurationMs: number; escalated: number; messagesLeft: number }
  >;
  statuses: Array<Counted & { status: string }>;
  endReasons: Array<Counted & { endReason: string }>;
  hours: Array<Counted & { hour: number }>;
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
      costPerCall: number | null;
    }
  >;
};

export type AnalyticsFilters = { from: string; chatbotId: string | null };

/** The viewer's time zone: days and busiest hours are counted in it. */
const viewerTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function useCallAnalytics({ from, chatbotId }: AnalyticsFilters) {
  const companyId = useCompanyId();
  const timeZone = viewerTimeZone();
  return useQuery({
    queryKey: ['company', companyId, 'analytics', 'calls', from, chatbotId, timeZone],
    queryFn: ({ signal }) =>
      api.get<CallAnalytics>(
        '/api/company/analytics/calls',
        { from, timeZone, ...(chatbotId ? { chatbotId } : {}) },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}
