import { type FormEvent, useState } from 'react';
import { useCreateTicket } from '../../api/tickets';
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

type CreateTicketDialogProps = {
  call: CallDetails;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

/** A ticket for the team from a call, filled from the caller and the call's summary. */
export function CreateTicketDialog({ call, open, onOpenChange }: CreateTicketDialogProps) {
  const [name, setName] = useState(call.callerName ?? '');
  const [phone, setPhone] = useState(call.callerId ?? '');
  const [message, setMessage] = useState(call.summary ?? '');
  const [assignee, setAssignee] = useState<string | null>(null);
  const create = useCreateTicket();
  const toast = useToast();
  const errors = fieldErrors(create.error);
  const formError = formErrorMessage(create.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { callId: call.id, name, phone, message, assignedToId: assignee },
      {
        onSuccess: () => {
          toast({ title: 'Ticket created' });
          onOpenChange(false);
        },
      },
    );
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Create ticket">
      <DialogForm onSubmit={submit}>
        <DialogBody>
          {formError && <Alert variant="error">{formError}</Alert>}
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Name" optional error={errors.name}>
              {(control) => (
                <Input
                  {...control}
                  value={name}
                  maxLength={120}
                  onChange={(e) => setName(e.target.value)}
                />
              )}
            </FormField>
            <FormField label="Phone" optional error={errors.phone}>
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
          <FormField label="What needs doing" error={errors.message}>
            {(control) => (
              <Textarea
                {...control}
                rows={4}
                value={message}
                maxLength={10_000}
                onChange={(e) => setMessage(e.target.value)}
              />
            )}
          </FormField>
          <FormField label="Assignee" optional error={errors.assignedToId}>
            {(control) => <AssigneeSelect {...control} value={assignee} onChange={setAssignee} />}
          </FormField>
        </DialogBody>
        <DialogFooter>
          <Button type="button" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" pending={create.isPending}>
            Create ticket
          </Button>
        </DialogFooter>
      </DialogForm>
    </Dialog>
  );
}
