import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../lib/errors';
import { useToast } from './ui/toast-context';

type RemovalOptions<T, V> = {
  /** What the mutation needs to remove the item, usually its id. */
  variables: (item: T) => V;
  /** The toast once it is gone. */
  successTitle: (item: T) => string;
};

/**
 * Asks before removing a list item: `ask(item)` opens the confirm dialog, which takes
 * `dialog` as props and stays open with the error when the request fails.
 */
export function useConfirmRemoval<T, TData, TError, V, TContext>(
  mutation: UseMutationResult<TData, TError, V, TContext>,
  { variables, successTitle }: RemovalOptions<T, V>,
) {
  const toast = useToast();
  const [target, setTarget] = useState<T | null>(null);

  const ask = (item: T) => {
    mutation.reset();
    setTarget(item);
  };

  const dialog = {
    open: target !== null,
    onOpenChange: (open: boolean) => !open && setTarget(null),
    pending: mutation.isPending,
    error: mutation.isError ? errorMessage(mutation.error) : null,
    onConfirm: () => {
      if (!target) return;
      const item = target;
      mutation.mutate(variables(item), {
        onSuccess: () => {
          setTarget(null);
          toast({ title: successTitle(item) });
        },
      });
    },
  };

  return { target, ask, dialog };
}
