import { type FormEvent, useState } from 'react';
import { useScheduleCallback } from '../../api/callbacks';
import type { CallDetails } from '../../api/types';
import { AssigneeSelect } from '../../components/AssigneeSelect';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { Dialog, DialogBody, DialogFooter, DialogForm } from '../../components/ui/Dialog';
import { FormField } from '../../components/ui/FormField';
import { Input } from '../../components/ui/Input';
import { Textarea } from '../../components/ui/Textarea';
import { useToast } from '../../components/ui/toast-context';
import { fieldErrors, formErrorMessage } from '../../lib/errors';
import { formatCallerNumber } from '../../lib/phone';

const QUARTER_HOUR_MS = 15 * 60_000;

/** A `datetime-local` value in the browser's time zone. */
function localInputValue(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

const nextQuarterHour = () => new Date(Math.ceil(Date.now() / QUARTER_HOUR_MS) * QUARTER_HOUR_MS);

type ScheduleCallbackDialogProps = {
  call: CallDetails;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

/** A promise to call the caller back: when, who, and why. */
export function ScheduleCallbackDialog({ call, open, onOpenChange }: ScheduleCallbackDialogProps) {
  const [dueAt, setDueAt] = useState(() => localInputValue(nextQuarterHour()));
  const [phone, setPhone] = useState(call.callerId ?? '');
  const [assignee, setAssignee] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [dueError, setDueError] = useState<string | undefined>();
  const schedule = useScheduleCallback(call.id);
  const toast = useToast();
  const errors = fieldErrors(schedule.error);
  const formError = formErrorMessage(schedule.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const due = new Date(dueAt);
    if (!dueAt || Number.isNaN(due.getTime())) {
      setDueError('Pick the date and time to call back.');
      return;
    }
    setDueError(undefined);
    schedule.mutate(
      {
        dueAt: due.toISOString(),
        phone: phone.trim() || undefined,
        assignedToId: assignee,
        note: note.trim() || null,
      },
      {
        onSuccess: () => {
          toast({ title: 'Callback scheduled' });
          onOpenChange(false);
        },
      },
    );
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Schedule callback"
      description={
        call.callerId
          ? `Call ${formatCallerNumber(call.callerId)} back.`
          : 'This call came without a number: give the one to call back.'
      }
    >
      <DialogForm onSubmit={submit}>
        <DialogBody>
          {formError && <Alert variant="error">{formError}</Alert>}
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="When" error={dueError ?? errors.dueAt}>
              {(control) => (
                <Input
                  {...control}
                  type="datetime-local"
                  value={dueAt}
                  onChange={(e) => setDueAt(e.target.value)}
                />
              )}
            </FormField>
            <FormField label="Number" error={errors.phone}>
              {(control) => (
                <Input
                  {...control}
                  type="tel"
                  value={phone}
                  maxLength={40}
                  onChange={(e) => setPhone(e.target.value)}
                />
              )}
            </FormField>
          </div>
          <FormField label="Assignee" optional error={errors.assignedToId}>
            {(control) => <AssigneeSelect {...control} value={assignee} onChange={setAssignee} />}
          </FormField>
          <FormField label="Note" optional error={errors.note}>
            {(control) => (
              <Textarea
                {...control}
                rows={3}
                value={note}
                maxLength={2_000}
                placeholder="What to tell them"
                onChange={(e) => setNote(e.target.value)}
              />
            )}
          </FormField>
        </DialogBody>
        <DialogFooter>
          <Button type="button" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" pending={schedule.isPending}>
            Schedule callback
          </Button>
        </DialogFooter>
      </DialogForm>
    </Dialog>
  );
}
