import { RotateCw, TriangleAlert } from 'lucide-react';
import { cn } from '../../lib/cn';
import { errorMessage } from '../../lib/errors';
import { Button } from './Button';

type ErrorStateProps = {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  retrying?: boolean;
  className?: string;
};

export function ErrorState({
  error,
  title = 'Something went wrong',
  onRetry,
  retrying,
  className,
}: ErrorStateProps) {
  return (
    <div
      role="alert"
      className={cn(
        'flex flex-col items-center justify-center rounded-lg border border-red-200 bg-red-50/50 px-6 py-12 text-center',
        'dark:border-red-900/50 dark:bg-red-950/20',
        className,
      )}
    >
      <div className="mb-4 grid size-11 place-items-center rounded-full bg-red-100 text-red-600 dark:bg-red-950 dark:text-red-400">
        <TriangleAlert className="size-5" aria-hidden="true" />
      </div>
      <h2 className="text-base font-semibold text-slate-900 dark:text-slate-50">{title}</h2>
      <p className="mt-1.5 max-w-md text-sm text-slate-600 dark:text-slate-400">
        {errorMessage(error)}
      </p>
      {onRetry && (
        <Button className="mt-5" onClick={onRetry} pending={retrying}>
          {!retrying && <RotateCw className="size-4" aria-hidden="true" />}
          Try again
        </Button>
      )}
    </div>
  );
}
