import type { ComponentProps } from 'react';
import { cn } from '../../lib/cn';
import { fieldBase } from '../../lib/styles';

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(fieldBase, 'h-9 px-3', className)} {...props} />;
}
