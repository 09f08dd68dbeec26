import type { ReactNode } from 'react';
import { InviteLink } from './InviteLink';
import { Button } from './ui/Button';
import { DialogBody, DialogFooter } from './ui/Dialog';

type InviteLinkStepProps = {
  url: string;
  email: string;
  onDone: () => void;
  /** More footer buttons, placed before Done. */
  children?: ReactNode;
};

/** A dialog's last step after an invite was created: the link to pass on, then Done. */
export function InviteLinkStep({ url, email, onDone, children }: InviteLinkStepProps) {
  return (
    <>
      <DialogBody>
        <InviteLink url={url} email={email} />
      </DialogBody>
      <DialogFooter>
        {children}
        <Button variant="primary" onClick={onDone}>
          Done
        </Button>
      </DialogFooter>
    </>
  );
}
