import { Check, ChevronDown } from 'lucide-react';
import { Select as RadixSelect } from 'radix-ui';
import type { ReactNode } from 'react';
import { cn } from '../../lib/cn';
import { fieldBase } from '../../lib/styles';

export type SelectOption = {
  value: string;
  label: ReactNode;
  disabled?: boolean;
  /** Shown under the label inside the list, e.g. why the option is disabled. */
  hint?: ReactNode;
};

type SelectProps = {
  value: string;
  onValueChange: (value: string) => void;
  options: SelectOption[];
  id?: string;
  placeholder?: string;
  disabled?: boolean;
  className?: string;
  'aria-label'?: string;
  'aria-invalid'?: true | undefined;
  'aria-describedby'?: string | undefined;
};

export function Select({
  value,
  onValueChange,
  options,
  id,
  placeholder = 'Select…',
  disabled,
  className,
  ...aria
}: SelectProps) {
  return (
    <RadixSelect.Root value={value} onValueChange={onValueChange} disabled={disabled}>
      <RadixSelect.Trigger
        id={id}
        className={cn(
          fieldBase,
          'flex h-9 items-center justify-between gap-2 px-3 text-left',
          'data-[placeholder]:text-slate-400 dark:data-[placeholder]:text-slate-500',
          className,
        )}
        {...aria}
      >
        <span className="truncate">
          <RadixSelect.Value placeholder={placeholder} />
        </span>
        <RadixSelect.Icon>
          <ChevronDown className="size-4 text-slate-500" aria-hidden="true" />
        </RadixSelect.Icon>
      </RadixSelect.Trigger>
      <RadixSelect.Portal>
        <RadixSelect.Content
          position="popper"
          sideOffset={4}
          className={cn(
            'z-50 max-h-[min(var(--radix-select-content-available-height),20rem)] min-w-[var(--radix-select-trigger-width)] overflow-hidden',
            'rounded-lg border border-slate-200 bg-white text-sm text-slate-900 shadow-lg',
            'dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100 motion-safe:data-[state=open]:animate-fade-in',
          )}
        >
          <RadixSelect.Viewport className="p-1">
            {options.map((option) => (
              <RadixSelect.Item
                key={option.value}
                value={option.value}
                disabled={option.disabled}
                className={cn(
                  'relative flex cursor-pointer select-none flex-col rounded-md py-1.5 pr-2 pl-8 outline-none',
                  'data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800',
                  'data-[disabled]:cursor-not-allowed data-[disabled]:opacity-55',
                )}
              >
                <RadixSelect.ItemIndicator className="absolute top-2 left-2">
                  <Check className="size-4 text-blue-600 dark:text-blue-400" aria-hidden="true" />
                </RadixSelect.ItemIndicator>
                <RadixSelect.ItemText>{option.label}</RadixSelect.ItemText>
                {option.hint && (
                  <span className="text-xs text-slate-500 dark:text-slate-400">{option.hint}</span>
                )}
              </RadixSelect.Item>
            ))}
          </RadixSelect.Viewport>
        </RadixSelect.Content>
      </RadixSelect.Portal>
    </RadixSelect.Root>
  );
}
