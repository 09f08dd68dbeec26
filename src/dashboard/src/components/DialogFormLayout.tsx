import type { FormEvent, ReactNode } from 'react';
import { formErrorMessage } from '../lib/errors';
import { Alert } from './ui/Alert';
import { Button } from './ui/Button';
import { DialogBody, DialogFooter, DialogForm } from './ui/Dialog';

type DialogFormLayoutProps = {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** The request the form sends: its error shows above the fields, its pending state on submit. */
  mutation: { error: unknown; isPending: boolean };
  onCancel: () => void;
  submitLabel: string;
  /** The fields. */
  children: ReactNode;
};

/** A form in a dialog: the request's error, the fields, then Cancel and the submit button. */
export function DialogFormLayout({
  onSubmit,
  mutation,
  onCancel,
  submitLabel,
  children,
}: DialogFormLayoutProps) {
  const formError = formErrorMessage(mutation.error);
  return (
    <DialogForm onSubmit={onSubmit}>
      <DialogBody>
        {formError && <Alert variant="error">{formError}</Alert>}
        {children}
      </DialogBody>
      <DialogFooter>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {submitLabel}
        </Button>
      </DialogFooter>
    </DialogForm>
  );
}
