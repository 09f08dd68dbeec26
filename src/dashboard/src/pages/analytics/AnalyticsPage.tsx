import { ChartNoAxesColumnIncreasing } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useCallAnalytics } from '../../api/analytics';
import { useChatbots } from '../../api/chatbots';
import { EmptyState } from '../../components/ui/EmptyState';
import { ErrorState } from '../../components/ui/ErrorState';
import { PageHeader } from '../../components/ui/PageHeader';
import { Select } from '../../components/ui/Select';
import { Skeleton } from '../../components/ui/Skeleton';
import { formatDurationWords, humanize } from '../../lib/format';
import { type DateRange, DEFAULT_RANGE, dateRanges, rangeStart } from '../calls/date-ranges';
import { AnalyticsFigures } from './AnalyticsFigures';
import { BreakdownChart } from './BreakdownChart';
import { BreakdownList } from './BreakdownList';
import { BusiestHoursChart } from './BusiestHoursChart';
import { CallsPerDayChart } from './CallsPerDayChart';
import { chartColors, percent, usd } from './chart-theme';

const ALL_CHATBOTS = 'all';
const FIGURE_PLACEHOLDERS = ['calls', 'answered', 'escalations', 'duration', 'rating', 'cost'];

const monthLabel = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString(undefined, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

const minutes = (ms: number) => `${Math.round(ms / 60_000).toLocaleString()} min`;

export function AnalyticsPage() {
  const [range, setRange] = useState<DateRange>(DEFAULT_RANGE);
  const [chatbot, setChatbot] = useState(ALL_CHATBOTS);
  const from = useMemo(() => rangeStart(range), [range]);
  const analytics = useCallAnalytics({
    from,
    chatbotId: chatbot === ALL_CHATBOTS ? null : chatbot,
  });
  const chatbots = useChatbots();
  const data = analytics.data;

  return (
    <>
      <PageHeader
        title="Analytics"
        description="How your voice agents are doing: volume, outcomes, busy times, ratings and cost."
      />
      <div className="space-y-5">
        <div className="flex flex-col gap-2 sm:flex-row sm:justify-end">
          <Select
            aria-label="Chatbot"
            value={chatbot}
            onValueChange={setChatbot}
            options={[
              { value: ALL_CHATBOTS, label: 'All chatbots' },
              ...(chatbots.data ?? []).map((c) => ({ value: c.id, label: c.name })),
            ]}
            className="sm:w-56"
          />
          <Select
            aria-label="Date range"
            value={range}
            onValueChange={(value) =>
              setRange(dateRanges.find((r) => r.value === value)?.value ?? range)
            }
            options={dateRanges.map(({ value, label }) => ({ value, label }))}
            className="sm:w-44"
          />
        </div>
        {analytics.isError && !data ? (
          <ErrorState
            error={analytics.error}
            title="Analytics could not be loaded"
            onRetry={() => analytics.refetch()}
            retrying={analytics.isFetching}
          />
        ) : !data ? (
          <section className="space-y-5" aria-busy="true" aria-label="Loading analytics">
            <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
              {FIGURE_PLACEHOLDERS.map((key) => (
                <Skeleton key={key} className="h-24" />
              ))}
            </div>
            <Skeleton className="h-80" />
          </section>
        ) : data.totals.calls === 0 ? (
          <EmptyState
            icon={ChartNoAxesColumnIncreasing}
            title="No calls in this period"
            description="Charts appear once callers have talked to your chatbots. Try a longer date range."
          />
        ) : (
          <>
            <AnalyticsFigures data={data} />
            <div className="grid gap-5 lg:grid-cols-2">
              <CallsPerDayChart data={data} />
              <BusiestHoursChart data={data} />
              <BreakdownChart
                title="Outcomes"
                description="How calls ended"
                rows={data.endReasons.map((r) => ({
                  label: humanize(r.endReason),
                  calls: r.calls,
                }))}
              />
              <BreakdownChart
                title="What callers wanted"
                description="Intent found by the post-call analysis"
                rows={data.intents.map((i) => ({ label: i.intent, calls: i.calls }))}
                color={chartColors.messages}
              />
              <BreakdownChart
                title="Ratings"
                description="Stars given by callers after the call"
                rows={[5, 4, 3, 2, 1].map((rating) => ({
                  label: `${rating} ★`,
                  calls: data.ratings.find((r) => r.rating === rating)?.calls ?? 0,
                }))}
                color={chartColors.escalated}
              />
            </div>
            <BreakdownList
              title="By chatbot"
              empty="No chatbot took calls in this period."
              rows={data.chatbots.map((bot) => ({
                key: bot.chatbotId ?? 'deleted',
                name: bot.name ?? 'Deleted chatbot',
                facts: [
                  ['Calls', bot.calls.toLocaleString()],
                  ['Answered', percent(bot.answered.hits, bot.answered.of)],
                  ['Escalated', bot.escalated.toLocaleString()],
                  ['Avg duration', formatDurationWords(bot.avgDurationMs)],
                  ['Est. cost', bot.estimatedCost === null ? '—' : usd(bot.estimatedCost)],
                ],
              }))}
            />
            <BreakdownList
              title="Usage and cost by month"
              description="Estimated from the tokens each provider reported; the local engine costs nothing."
              empty="No usage in this period."
              rows={data.months.map((month) => ({
                key: month.month,
                name: monthLabel(month.month),
                facts: [
                  ['Calls', month.calls.toLocaleString()],
                  ['Caller audio', minutes(month.inputAudioMs)],
                  ['Agent audio', minutes(month.outputAudioMs)],
                  ['Est. cost', month.estimatedCost === null ? '—' : usd(month.estimatedCost)],
                  ['Per call', month.costPerCall === null ? '—' : usd(month.costPerCall, 4)],
                ],
              }))}
            />
          </>
        )}
      </div>
    </>
  );
}
