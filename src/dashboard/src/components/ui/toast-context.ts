import { createContext, useContext } from 'react';

export type ToastInput = {
  title: string;
  description?: string;
  variant?: 'success' | 'error' | 'info';
};

export const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);

/** Shows a short, non-blocking message (announced politely to screen readers). */
export function useToast(): (toast: ToastInput) => void {
  const show = useContext(ToastContext);
  if (!show) throw new Error('useToast() used outside <ToastProvider>');
  return show;
}
