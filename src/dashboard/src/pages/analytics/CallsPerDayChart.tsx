import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CallAnalytics } from '../../api/analytics';
import { ChartCard } from './ChartCard';
import { axisProps, chartColors, tooltipProps } from './chart-theme';

const DAY_MS = 86_400_000;

/** Every day of the period, with zeros where no call came, so gaps show as gaps. */
function everyDay(data: CallAnalytics) {
  const byDay = new Map(data.perDay.map((d) => [d.day, d]));
  const days = [];
  const start = new Date(`${data.perDay[0]?.day ?? data.period.from.slice(0, 10)}T00:00:00Z`);
  const end = new Date(`${data.perDay.at(-1)?.day ?? data.period.to.slice(0, 10)}T00:00:00Z`);
  const first = new Date(data.period.from);
  const from = first < start ? new Date(`${first.toISOString().slice(0, 10)}T00:00:00Z`) : start;
  for (let t = from.getTime(); t <= end.getTime(); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    const found = byDay.get(day);
    days.push({
      day,
      label: new Date(t).toLocaleDateString(undefined, {
        month: 'short',
        day: 'numeric',
        timeZone: 'UTC',
      }),
      answered: (found?.calls ?? 0) - (found?.escalated ?? 0),
      escalated: found?.escalated ?? 0,
    });
  }
  return days;
}

export function CallsPerDayChart({ data }: { data: CallAnalytics }) {
  const days = everyDay(data);
  const busiest = [...data.perDay].sort((a, b) => b.calls - a.calls)[0];
  return (
    <ChartCard
      title="Calls per day"
      description="Handled by the agent, and escalated to a person"
      summary={`${data.totals.calls} calls over ${days.length} days${busiest ? `; the busiest day was ${busiest.day} with ${busiest.calls}` : ''}.`}
      className="lg:col-span-2"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={days} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
          <CartesianGrid vertical={false} stroke={chartColors.grid} />
          <XAxis dataKey="label" {...axisProps} minTickGap={16} />
          <YAxis allowDecimals={false} {...axisProps} />
          <Tooltip {...tooltipProps} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            isAnimationActive={false}
            dataKey="answered"
            name="Handled by the agent"
            stackId="calls"
            fill={chartColors.calls}
          />
          <Bar
            isAnimationActive={false}
            dataKey="escalated"
            name="Escalated"
            stackId="calls"
            fill={chartColors.escalated}
            radius={[3, 3, 0, 0]}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
