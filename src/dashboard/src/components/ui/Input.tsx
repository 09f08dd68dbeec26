import { Search } from 'lucide-react';
import type { ComponentProps } from 'react';
import { cn } from '../../lib/cn';
import { fieldBase } from '../../lib/styles';

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(fieldBase, 'h-9 px-3', className)} {...props} />;
}

/** An input for a count: whole numbers from 0 up. */
export function CountInput(props: Omit<ComponentProps<'input'>, 'type'>) {
  return <Input type="number" inputMode="numeric" min={0} step={1} {...props} />;
}

/** A search box with its magnifier icon; `className` sizes the wrapper. */
export function SearchInput({ className, ...props }: Omit<ComponentProps<'input'>, 'type'>) {
  return (
    <div className={cn('relative', className)}>
      <Search
        className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400"
        aria-hidden="true"
      />
      <Input type="search" maxLength={200} className="pl-9" {...props} />
    </div>
  );
}
