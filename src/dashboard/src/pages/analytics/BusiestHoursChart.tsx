import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CallAnalytics } from '../../api/analytics';
import { ChartCard } from './ChartCard';
import { axisProps, chartColors, tooltipProps } from './chart-theme';

const hourLabel = (hour: number) =>
  new Date(2000, 0, 1, hour).toLocaleTimeString(undefined, { hour: 'numeric' });

export function BusiestHoursChart({ data }: { data: CallAnalytics }) {
  const byHour = new Map(data.hours.map((h) => [h.hour, h.calls]));
  const hours = Array.from({ length: 24 }, (_, hour) => ({
    hour: hourLabel(hour),
    calls: byHour.get(hour) ?? 0,
  }));
  const busiest = [...data.hours].sort((a, b) => b.calls - a.calls)[0];
  return (
    <ChartCard
      title="Busiest hours"
      description={`When calls start, in your time zone (${data.period.timeZone})`}
      summary={
        busiest
          ? `Most calls start at ${hourLabel(busiest.hour)}: ${busiest.calls}.`
          : 'No calls in this period.'
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={hours} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
          <CartesianGrid vertical={false} stroke={chartColors.grid} />
          <XAxis dataKey="hour" {...axisProps} interval={3} />
          <YAxis allowDecimals={false} {...axisProps} />
          <Tooltip {...tooltipProps} />
          <Bar
            isAnimationActive={false}
            dataKey="calls"
            name="Calls"
            fill={chartColors.calls}
            radius={[3, 3, 0, 0]}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
