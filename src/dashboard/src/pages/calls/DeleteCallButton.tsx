import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useDeleteCall } from '../../api/calls';
import { Button } from '../../components/ui/Button';
import { ConfirmDialog } from '../../components/ui/ConfirmDialog';
import { useToast } from '../../components/ui/toast-context';
import { errorMessage } from '../../lib/errors';

/** Deletes a call with its transcript and recording, after asking. */
export function DeleteCallButton({ callId, onDeleted }: { callId: string; onDeleted: () => void }) {
  const [asking, setAsking] = useState(false);
  const remove = useDeleteCall(callId);
  const toast = useToast();
  return (
    <>
      <Button
        size="sm"
        variant="danger-outline"
        onClick={() => {
          remove.reset();
          setAsking(true);
        }}
      >
        <Trash2 className="size-3.5" aria-hidden="true" />
        Delete
      </Button>
      <ConfirmDialog
        open={asking}
        onOpenChange={setAsking}
        title="Delete this call?"
        description="Its transcript, summary, notes and recording are deleted for good."
        confirmLabel="Delete call"
        pending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              setAsking(false);
              toast({ title: 'Call deleted' });
              onDeleted();
            },
          })
        }
      />
    </>
  );
}
