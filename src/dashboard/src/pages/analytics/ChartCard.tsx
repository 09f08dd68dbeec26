import type { ReactNode } from 'react';
import { Card, CardBody, CardHeader } from '../../components/ui/Card';
import { cn } from '../../lib/cn';

type ChartCardProps = {
  title: string;
  description?: string;
  /** What the chart shows, for screen readers. */
  summary: string;
  children: ReactNode;
  className?: string;
};

/** One chart of the Analytics page in a card, labelled for assistive technology. */
export function ChartCard({ title, description, summary, children, className }: ChartCardProps) {
  return (
    <Card aria-label={title} className={cn('min-w-0', className)}>
      <CardHeader title={title} description={description} />
      <CardBody>
        <figure aria-label={summary} className="h-64 w-full">
          {children}
        </figure>
      </CardBody>
    </Card>
  );
}
