import type { LucideIcon } from 'lucide-react';
import type { AriaRole, ReactNode } from 'react';
import { cn } from '../../lib/cn';

const tones = {
  neutral: {
    panel:
      'border-dashed border-slate-300 bg-white py-14 dark:border-slate-700 dark:bg-slate-900/40',
    icon: 'bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400',
    description: 'text-slate-500 dark:text-slate-400',
  },
  error: {
    panel: 'border-red-200 bg-red-50/50 py-12 dark:border-red-900/50 dark:bg-red-950/20',
    icon: 'bg-red-100 text-red-600 dark:bg-red-950 dark:text-red-400',
    description: 'text-slate-600 dark:text-slate-400',
  },
} as const;

type StatePanelProps = {
  icon: LucideIcon;
  title: string;
  description?: ReactNode;
  tone?: keyof typeof tones;
  role?: AriaRole;
  className?: string;
  /** Actions below the description. */
  children?: ReactNode;
};

/** The centred icon, title and text that stand in for content: empty lists, failed loads. */
export function StatePanel({
  icon: Icon,
  title,
  description,
  tone = 'neutral',
  role,
  className,
  children,
}: StatePanelProps) {
  const styles = tones[tone];
  return (
    <div
      role={role}
      className={cn(
        'flex flex-col items-center justify-center rounded-lg border px-6 text-center',
        styles.panel,
        className,
      )}
    >
      <div className={cn('mb-4 grid size-11 place-items-center rounded-full', styles.icon)}>
        <Icon className="size-5" aria-hidden="true" />
      </div>
      <h2 className="text-base font-semibold text-slate-900 dark:text-slate-50">{title}</h2>
      {description && (
        <p className={cn('mt-1.5 max-w-md text-sm', styles.description)}>{description}</p>
      )}
      {children}
    </div>
  );
}
