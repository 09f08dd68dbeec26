import { Check, CircleDashed } from 'lucide-react';
import { useUpdateCall } from '../../api/calls';
import type { Call } from '../../api/types';
import { Button } from '../../components/ui/Button';
import { useToast } from '../../components/ui/toast-context';
import { errorMessage } from '../../lib/errors';

/** Marks a call handled or not; the change shows at once and is undone when saving fails. */
export function HandledButton({ call, className }: { call: Call; className?: string }) {
  const update = useUpdateCall(call.id);
  const toast = useToast();
  const toggle = () =>
    update.mutate(
      { isHandled: !call.isHandled },
      {
        onError: (error) =>
          toast({
            variant: 'error',
            title: call.isHandled ? 'Could not reopen the call' : 'Could not mark the call handled',
            description: errorMessage(error),
          }),
      },
    );
  return (
    <Button
      size="sm"
      variant={call.isHandled ? 'ghost' : 'secondary'}
      onClick={toggle}
      className={className}
    >
      {call.isHandled ? (
        <CircleDashed className="size-3.5" aria-hidden="true" />
      ) : (
        <Check className="size-3.5" aria-hidden="true" />
      )}
      {call.isHandled ? 'Mark unhandled' : 'Mark handled'}
    </Button>
  );
}
