import { CircleCheck, CircleMinus, CircleX, type LucideIcon, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import type { IntegrationTestStep, IntegrationTestStepKey } from '../../api/types';
import { cn } from '../../lib/cn';

const stepLooks: Record<
  IntegrationTestStep['status'],
  { Icon: LucideIcon; label: string; className: string }
> = {
  passed: {
    Icon: CircleCheck,
    label: 'passed',
    className: 'text-emerald-600 dark:text-emerald-400',
  },
  failed: { Icon: CircleX, label: 'failed', className: 'text-red-600 dark:text-red-400' },
  warning: {
    Icon: TriangleAlert,
    label: 'warning',
    className: 'text-amber-600 dark:text-amber-400',
  },
  skipped: { Icon: CircleMinus, label: 'skipped', className: 'text-slate-400 dark:text-slate-500' },
};

type TestStepsProps = {
  steps: IntegrationTestStep[];
  /** Shown under a step instead of its detail: what to do about it. */
  fixes?: Partial<Record<IntegrationTestStepKey, ReactNode>>;
};

/** Each check of a connection test, in order, with its outcome and what it found. */
export function TestSteps({ steps, fixes = {} }: TestStepsProps) {
  return (
    <ol aria-label="Connection test steps" className="space-y-3">
      {steps.map((step) => {
        const { Icon, label, className } = stepLooks[step.status];
        return (
          <li key={step.key} data-status={step.status} className="flex gap-3">
            <Icon className={cn('mt-0.5 size-5 shrink-0', className)} aria-hidden="true" />
            <div className="min-w-0 flex-1 space-y-0.5">
              <p
                className={cn(
                  'text-sm font-medium',
                  step.status === 'skipped'
                    ? 'text-slate-500 dark:text-slate-400'
                    : 'text-slate-900 dark:text-slate-100',
                )}
              >
                {step.label}
                <span className="sr-only">: {label}</span>
              </p>
              {fixes[step.key] ??
                (step.detail && (
                  <p className="break-words text-sm text-slate-600 dark:text-slate-400">
                    {step.detail}
                  </p>
                ))}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
