import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useCreateCompany } from '../../../api/master-companies';
import type { Company } from '../../../api/types';
import { DialogFormLayout } from '../../../components/DialogFormLayout';
import { InviteLinkStep } from '../../../components/InviteLinkStep';
import { Button } from '../../../components/ui/Button';
import { Dialog } from '../../../components/ui/Dialog';
import { FormField } from '../../../components/ui/FormField';
import { Input } from '../../../components/ui/Input';
import { useToast } from '../../../components/ui/toast-context';
import { fieldErrorLookup } from '../../../lib/errors';

type Created = {
  company: Company;
  invite?: { email: string; inviteUrl: string | null; emailed: boolean; error?: string };
};
type NewCompanyDialogProps = { open: boolean; onOpenChange: (open: boolean) => void };

export function NewCompanyDialog({ open, onOpenChange }: NewCompanyDialogProps) {
  const [created, setCreated] = useState<Created | null>(null);
  const close = () => onOpenChange(false);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) setCreated(null);
      }}
      title={created ? `${created.company.name} created` : 'New company'}
      description={created ? undefined : 'A tenant with its own chatbots, members and settings.'}
    >
      {created?.invite?.inviteUrl ? (
        <InviteLinkStep url={created.invite.inviteUrl} email={created.invite.email} onDone={close}>
          <Button asChild>
            <Link to={`/master/companies/${created.company.id}`} onClick={close}>
              Open company
            </Link>
          </Button>
        </InviteLinkStep>
      ) : (
        <NewCompanyForm onClose={close} onCreated={setCreated} />
      )}
    </Dialog>
  );
}

function NewCompanyForm({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (created: Created) => void;
}) {
  const create = useCreateCompany();
  const toast = useToast();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [adminEmail, setAdminEmail] = useState('');
  const [adminName, setAdminName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!name.trim()) next.name = 'Enter a name.';
    if (adminEmail.trim() && !/^\S+@\S+\.\S+$/.test(adminEmail.trim())) {
      next['admin.email'] = 'Enter a valid email address.';
    }
    if (adminName.trim() && !adminEmail.trim()) next['admin.email'] = 'Enter the admin’s email.';
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    create.mutate(
      {
        name: name.trim(),
        ...(slug.trim() ? { slug: slug.trim() } : {}),
        ...(adminEmail.trim()
          ? {
              admin: {
                email: adminEmail.trim(),
                ...(adminName.trim() ? { name: adminName.trim() } : {}),
              },
            }
          : {}),
      },
      {
        onSuccess: (data) => {
          if (data.invite?.inviteUrl) {
            onCreated(data);
            return;
          }
          if (data.invite?.error) {
            toast({
              title: `${data.company.name} created, but the invitation was not sent`,
              description: data.invite.error,
              variant: 'error',
            });
          } else {
            toast({
              title: `${data.company.name} created`,
              ...(data.invite?.emailed
                ? { description: `Invitation emailed to ${data.invite.email}.` }
                : {}),
            });
          }
          onClose();
        },
      },
    );
  };

  const error = fieldErrorLookup(errors, create.error);
  return (
    <DialogFormLayout
      onSubmit={onSubmit}
      mutation={create}
      onCancel={onClose}
      submitLabel="Create company"
    >
      <FormField label="Company name" error={error('name')}>
        {(control) => (
          <Input {...control} autoFocus value={name} onChange={(e) => setName(e.target.value)} />
        )}
      </FormField>
      <FormField
        label="Slug"
        optional
        error={error('slug')}
        hint="Lowercase letters, digits and dashes. Made from the name when left empty."
      >
        {(control) => (
          <Input
            {...control}
            className="font-mono"
            placeholder="acme-dental"
            value={slug}
            onChange={(e) => setSlug(e.target.value)}
          />
        )}
      </FormField>
      <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <legend className="px-1 text-sm font-medium text-slate-800 dark:text-slate-200">
          First company admin <span className="font-normal text-slate-500">(optional)</span>
        </legend>
        <FormField label="Admin email" error={error('admin.email')}>
          {(control) => (
            <Input
              {...control}
              type="email"
              autoComplete="off"
              value={adminEmail}
              onChange={(e) => setAdminEmail(e.target.value)}
            />
          )}
        </FormField>
        <FormField label="Admin name" error={error('admin.name')}>
          {(control) => (
            <Input
              {...control}
              autoComplete="off"
              value={adminName}
              onChange={(e) => setAdminName(e.target.value)}
            />
          )}
        </FormField>
      </fieldset>
    </DialogFormLayout>
  );
}
