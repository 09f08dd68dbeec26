import { CircleAlert, CircleCheck, Info, X } from 'lucide-react';
import { Toast } from 'radix-ui';
import { type ReactNode, useCallback, useState } from 'react';
import { cn } from '../../lib/cn';
import { focusRing } from '../../lib/styles';
import { ToastContext, type ToastInput } from './toast-context';

type Item = ToastInput & { id: number; open: boolean };

const icons = {
  success: <CircleCheck className="size-4 text-emerald-600 dark:text-emerald-400" aria-hidden />,
  error: <CircleAlert className="size-4 text-red-600 dark:text-red-400" aria-hidden />,
  info: <Info className="size-4 text-blue-600 dark:text-blue-400" aria-hidden />,
};

let nextId = 1;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<Item[]>([]);

  const show = useCallback((toast: ToastInput) => {
    const id = nextId++;
    setItems((current) => [...current.slice(-2), { ...toast, id, open: true }]);
  }, []);

  const close = (id: number) => {
    setItems((current) =>
      current.map((item) => (item.id === id ? { ...item, open: false } : item)),
    );
    setTimeout(() => setItems((current) => current.filter((item) => item.id !== id)), 300);
  };

  return (
    <ToastContext value={show}>
      <Toast.Provider swipeDirection="right" duration={4000}>
        {children}
        {items.map((item) => (
          <Toast.Root
            key={item.id}
            open={item.open}
            onOpenChange={(open) => !open && close(item.id)}
            type={item.variant === 'error' ? 'foreground' : 'background'}
            duration={item.variant === 'error' ? 7000 : 4000}
            className={cn(
              'flex items-start gap-3 rounded-lg border border-slate-200 bg-white p-3 pr-2 shadow-lg',
              'dark:border-slate-800 dark:bg-slate-900 motion-safe:data-[state=open]:animate-toast-in',
              'data-[swipe=move]:translate-x-[var(--radix-toast-swipe-move-x)]',
            )}
          >
            <div className="mt-0.5">{icons[item.variant ?? 'success']}</div>
            <div className="min-w-0 flex-1 space-y-0.5">
              <Toast.Title className="text-sm font-medium text-slate-900 dark:text-slate-50">
                {item.title}
              </Toast.Title>
              {item.description && (
                <Toast.Description className="text-sm text-slate-600 dark:text-slate-400">
                  {item.description}
                </Toast.Description>
              )}
            </div>
            <Toast.Close
              aria-label="Dismiss notification"
              className={cn(
                'rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900 dark:hover:bg-slate-800 dark:hover:text-slate-100',
                focusRing,
              )}
            >
              <X className="size-4" aria-hidden />
            </Toast.Close>
          </Toast.Root>
        ))}
        <Toast.Viewport className="fixed right-0 bottom-0 z-[100] flex w-full max-w-sm flex-col gap-2 p-4 outline-none" />
      </Toast.Provider>
    </ToastContext>
  );
}
