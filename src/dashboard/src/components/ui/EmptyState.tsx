import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { StatePanel } from './StatePanel';

export type EmptyStateProps = {
  icon: LucideIcon;
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  className?: string;
};

export function EmptyState({ action, ...props }: EmptyStateProps) {
  return (
    <StatePanel {...props}>
      {action && <div className="mt-5 flex flex-wrap justify-center gap-2">{action}</div>}
    </StatePanel>
  );
}
