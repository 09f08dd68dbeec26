import type { ComponentProps } from 'react';
import { cn } from '../../lib/cn';

/** Scrolls horizontally on narrow screens instead of squeezing columns. */
export function TableContainer({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      className={cn(
        'relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900',
        className,
      )}
      {...props}
    />
  );
}

export function Table({ className, ...props }: ComponentProps<'table'>) {
  return <table className={cn('w-full border-collapse text-left text-sm', className)} {...props} />;
}

export function THead({ className, ...props }: ComponentProps<'thead'>) {
  return (
    <thead
      className={cn(
        'border-b border-slate-200 bg-slate-50/80 dark:border-slate-800 dark:bg-slate-900/80',
        className,
      )}
      {...props}
    />
  );
}

export function TBody({ className, ...props }: ComponentProps<'tbody'>) {
  return (
    <tbody
      className={cn('divide-y divide-slate-100 dark:divide-slate-800/80', className)}
      {...props}
    />
  );
}

export function TR({ className, ...props }: ComponentProps<'tr'>) {
  return (
    <tr
      className={cn(
        'motion-safe:transition-colors hover:bg-slate-50/70 dark:hover:bg-slate-800/40',
        className,
      )}
      {...props}
    />
  );
}

export function TH({ className, ...props }: ComponentProps<'th'>) {
  return (
    <th
      scope="col"
      className={cn(
        'whitespace-nowrap px-4 py-2.5 text-xs font-medium text-slate-500 dark:text-slate-400',
        className,
      )}
      {...props}
    />
  );
}

export function TD({ className, ...props }: ComponentProps<'td'>) {
  return (
    <td
      className={cn('whitespace-nowrap px-4 py-3 text-slate-700 dark:text-slate-300', className)}
      {...props}
    />
  );
}
