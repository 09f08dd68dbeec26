import { X } from 'lucide-react';
import { Dialog as RadixDialog } from 'radix-ui';
import type { FormEvent, ReactNode } from 'react';
import { cn } from '../../lib/cn';
import { Button } from './Button';

// Overlay and panel share a layer so a dialog opened from a dialog dims the one beneath it.
export const overlayClass =
  'fixed inset-0 z-50 bg-slate-950/50 backdrop-blur-[1px] motion-safe:data-[state=open]:animate-fade-in';

export const dialogPanelClass =
  'fixed top-1/2 left-1/2 z-50 flex max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 flex-col ' +
  'rounded-xl border border-slate-200 bg-white shadow-xl outline-none dark:border-slate-800 dark:bg-slate-900 ' +
  'motion-safe:data-[state=open]:animate-dialog-in';

const widths = { sm: 'max-w-sm', md: 'max-w-lg', lg: 'max-w-2xl' } as const;

type DialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  size?: keyof typeof widths;
  /** Usually a <DialogBody> and a <DialogFooter>, possibly wrapped in a <form>. */
  children: ReactNode;
};

export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  size = 'md',
  children,
}: DialogProps) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={overlayClass} />
        <RadixDialog.Content
          className={cn(dialogPanelClass, widths[size])}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-4 dark:border-slate-800">
            <div className="space-y-1">
              <RadixDialog.Title className="text-base font-semibold text-slate-900 dark:text-slate-50">
                {title}
              </RadixDialog.Title>
              {description && (
                <RadixDialog.Description className="text-sm text-slate-500 dark:text-slate-400">
                  {description}
                </RadixDialog.Description>
              )}
            </div>
            <RadixDialog.Close asChild>
              <Button variant="ghost" size="icon-sm" aria-label="Close" className="-mr-2 -mt-1">
                <X className="size-4" aria-hidden="true" />
              </Button>
            </RadixDialog.Close>
          </div>
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

export function DialogBody({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <div className={cn('min-h-0 flex-1 space-y-4 overflow-y-auto px-5 py-4', className)}>
      {children}
    </div>
  );
}

export function DialogFooter({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-col-reverse gap-2 border-t border-slate-200 px-5 py-3 sm:flex-row sm:justify-end dark:border-slate-800">
      {children}
    </div>
  );
}

/** A form that fills the dialog so its footer stays visible while the body scrolls. */
export function DialogForm({
  onSubmit,
  children,
}: {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  return (
    <form className="flex min-h-0 flex-1 flex-col" onSubmit={onSubmit} noValidate>
      {children}
    </form>
  );
}
