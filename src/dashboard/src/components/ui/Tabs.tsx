import { Tabs as RadixTabs } from 'radix-ui';
import type { ComponentProps } from 'react';
import { cn } from '../../lib/cn';
import { focusRing } from '../../lib/styles';

export const Tabs = RadixTabs.Root;

export function TabsList({ className, ...props }: ComponentProps<typeof RadixTabs.List>) {
  return (
    <RadixTabs.List
      className={cn(
        'flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-800',
        className,
      )}
      {...props}
    />
  );
}

export function TabsTrigger({ className, ...props }: ComponentProps<typeof RadixTabs.Trigger>) {
  return (
    <RadixTabs.Trigger
      className={cn(
        '-mb-px inline-flex items-center gap-2 whitespace-nowrap rounded-t-md border-b-2 border-transparent px-3 py-2 text-sm font-medium',
        'text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100',
        'data-[state=active]:border-blue-600 data-[state=active]:text-slate-900',
        'dark:data-[state=active]:border-blue-400 dark:data-[state=active]:text-slate-50',
        'motion-safe:transition-colors',
        focusRing,
        'focus-visible:ring-offset-0',
        className,
      )}
      {...props}
    />
  );
}

export function TabsContent({ className, ...props }: ComponentProps<typeof RadixTabs.Content>) {
  return <RadixTabs.Content className={cn('pt-6 outline-none', className)} {...props} />;
}
