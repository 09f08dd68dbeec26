import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard } from './ChartCard';
import { axisProps, chartColors, tooltipProps } from './chart-theme';

type BreakdownChartProps = {
  title: string;
  description?: string;
  rows: Array<{ label: string; calls: number }>;
  color?: string;
};

/** Calls counted by one attribute (end reason, intent, rating) as horizontal bars. */
export function BreakdownChart({ title, description, rows, color }: BreakdownChartProps) {
  const summary =
    rows.length === 0
      ? 'No calls in this period.'
      : rows.map((row) => `${row.label}: ${row.calls}`).join(', ');
  return (
    <ChartCard title={title} description={description} summary={summary}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
          <XAxis type="number" allowDecimals={false} {...axisProps} />
          <YAxis type="category" dataKey="label" width={130} {...axisProps} />
          <Tooltip {...tooltipProps} />
          <Bar
            isAnimationActive={false}
            maxBarSize={28}
            dataKey="calls"
            name="Calls"
            fill={color ?? chartColors.calls}
            radius={[0, 3, 3, 0]}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
