import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CallAnalytics } from '../../../shared/call-analytics';
import { api } from './client';
import { useCompanyId } from './company-scope';

export type { CallAnalytics };

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
