import { useId, useState } from 'react';
import { useUpdateCall } from '../../api/calls';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { Label } from '../../components/ui/Label';
import { Textarea } from '../../components/ui/Textarea';
import { useToast } from '../../components/ui/toast-context';
import { errorMessage } from '../../lib/errors';

const NOTES_MAX_LENGTH = 10_000;

/** The team's notes on a call, saved when asked. */
export function CallNotes({ callId, notes }: { callId: string; notes: string | null }) {
  const id = useId();
  const [draft, setDraft] = useState(notes ?? '');
  const update = useUpdateCall(callId);
  const toast = useToast();
  const changed = draft !== (notes ?? '');
  const save = () =>
    update.mutate({ notes: draft }, { onSuccess: () => toast({ title: 'Notes saved' }) });
  return (
    <div className="space-y-2">
      {/* The section's heading says it; the label names the box for assistive tech. */}
      <Label htmlFor={id} className="sr-only">
        Notes
      </Label>
      <Textarea
        id={id}
        rows={3}
        value={draft}
        maxLength={NOTES_MAX_LENGTH}
        placeholder="What was done, who called back…"
        onChange={(event) => setDraft(event.target.value)}
      />
      {update.isError && <Alert variant="error">{errorMessage(update.error)}</Alert>}
      <div className="flex justify-end">
        <Button size="sm" onClick={save} disabled={!changed} pending={update.isPending}>
          Save notes
        </Button>
      </div>
    </div>
  );
}
