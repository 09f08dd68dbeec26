import { type FormEvent, useState } from 'react';
import { type CompanyRole, companyRoles } from '../../../../shared/domain';
import { useInviteMember, useMailConfigured } from '../../api/members';
import { DialogFormLayout } from '../../components/DialogFormLayout';
import { InviteLinkStep } from '../../components/InviteLinkStep';
import { Alert } from '../../components/ui/Alert';
import { Dialog } from '../../components/ui/Dialog';
import { FormField } from '../../components/ui/FormField';
import { Input } from '../../components/ui/Input';
import { Select } from '../../components/ui/Select';
import { useToast } from '../../components/ui/toast-context';
import { fieldErrors } from '../../lib/errors';
import { roleLabels } from '../../lib/labels';

type InviteMemberDialogProps = { open: boolean; onOpenChange: (open: boolean) => void };

export function InviteMemberDialog({ open, onOpenChange }: InviteMemberDialogProps) {
  const [invite, setInvite] = useState<{ url: string; email: string } | null>(null);
  const close = () => onOpenChange(false);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) setInvite(null);
      }}
      title={invite ? 'Invite created' : 'Invite member'}
      description={invite ? undefined : 'They get access to this company once they accept.'}
    >
      {invite ? (
        <InviteLinkStep url={invite.url} email={invite.email} onDone={close} />
      ) : (
        <InviteForm onClose={close} onInvite={setInvite} />
      )}
    </Dialog>
  );
}

function InviteForm({
  onClose,
  onInvite,
}: {
  onClose: () => void;
  onInvite: (invite: { url: string; email: string }) => void;
}) {
  const invite = useInviteMember();
  const mailConfigured = useMailConfigured().data;
  const toast = useToast();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<CompanyRole>('support_agent');
  const [emailError, setEmailError] = useState<string>();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setEmailError('Enter a valid email address.');
      return;
    }
    setEmailError(undefined);
    invite.mutate(
      { email: email.trim(), role, ...(name.trim() ? { name: name.trim() } : {}) },
      {
        onSuccess: ({ inviteUrl, member }) => {
          if (inviteUrl) {
            onInvite({ url: inviteUrl, email: member.email });
          } else {
            toast({
              title: `Invitation emailed to ${member.email}`,
              description: 'They join once they open the link in it.',
            });
            onClose();
          }
        },
      },
    );
  };

  const errors = fieldErrors(invite.error);
  return (
    <DialogFormLayout
      onSubmit={onSubmit}
      mutation={invite}
      onCancel={onClose}
      submitLabel={mailConfigured ? 'Send invite' : 'Create invite'}
    >
      {mailConfigured === false && (
        <Alert variant="warning" title="No mail server configured">
          Buzzi cannot email invitations. You get a link to share with them yourself.
        </Alert>
      )}
      {mailConfigured && <Alert>We email them a link to join.</Alert>}
      <FormField label="Email" error={emailError ?? errors.email}>
        {(control) => (
          <Input
            {...control}
            type="email"
            autoFocus
            autoComplete="off"
            placeholder="colleague@company.com"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </FormField>
      <FormField label="Name" optional error={errors.name}>
        {(control) => (
          <Input
            {...control}
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </FormField>
      <FormField label="Role" error={errors.role}>
        {(control) => (
          <Select
            {...control}
            value={role}
            options={companyRoles.map((r) => ({ value: r, label: roleLabels[r] }))}
            onValueChange={(value) => setRole(companyRoles.find((r) => r === value) ?? role)}
          />
        )}
      </FormField>
    </DialogFormLayout>
  );
}
