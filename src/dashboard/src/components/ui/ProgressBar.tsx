import { cn } from '../../lib/cn';

type ProgressBarProps = {
  /** 0–100. */
  value: number;
  /** The accessible name, e.g. "Uploading handbook.pdf". */
  label: string;
  className?: string;
};

export function ProgressBar({ value, label, className }: ProgressBarProps) {
  const percent = Math.min(100, Math.max(0, Math.round(value)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      className={cn(
        'h-1.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800',
        className,
      )}
    >
      <div
        className="h-full rounded-full bg-blue-600 motion-safe:transition-[width] motion-safe:duration-300 dark:bg-blue-400"
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}
