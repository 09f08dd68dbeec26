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
