import { type FormEvent, useState } from 'react';
import { type UpdateCompanyInput, useUpdateCompany } from '../../../api/master-companies';
import type { Company } from '../../../api/types';
import { SaveChangesFooter } from '../../../components/SaveChangesFooter';
import { Alert } from '../../../components/ui/Alert';
import { Card, CardBody, CardHeader } from '../../../components/ui/Card';
import { FormField } from '../../../components/ui/FormField';
import { Input } from '../../../components/ui/Input';
import { SwitchField } from '../../../components/ui/Switch';
import { useToast } from '../../../components/ui/toast-context';
import { fieldErrors, formErrorMessage } from '../../../lib/errors';

export function CompanyGeneralTab({ company }: { company: Company }) {
  const update = useUpdateCompany(company.id);
  const toast = useToast();
  const [name, setName] = useState(company.name);
  const [slug, setSlug] = useState(company.slug);
  const [isActive, setIsActive] = useState(company.isActive);
  const [nameError, setNameError] = useState<string>();
  const dirty = name !== company.name || slug !== company.slug || isActive !== company.isActive;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError('Enter a name.');
      return;
    }
    setNameError(undefined);
    const patch: UpdateCompanyInput = {};
    if (name.trim() !== company.name) patch.name = name.trim();
    if (slug.trim() !== company.slug) patch.slug = slug.trim();
    if (isActive !== company.isActive) patch.isActive = isActive;
    update.mutate(patch, { onSuccess: () => toast({ title: 'Company saved' }) });
  };

  const errors = fieldErrors(update.error);
  const formError = formErrorMessage(update.error);
  return (
    <form onSubmit={onSubmit} noValidate>
      <Card>
        <CardHeader title="General" />
        <CardBody className="space-y-5">
          {formError && <Alert variant="error">{formError}</Alert>}
          <div className="grid gap-5 md:grid-cols-2">
            <FormField label="Name" error={nameError ?? errors.name}>
              {(control) => (
                <Input {...control} value={name} onChange={(e) => setName(e.target.value)} />
              )}
            </FormField>
            <FormField
              label="Slug"
              error={errors.slug}
              hint="Lowercase letters, digits and dashes."
            >
              {(control) => (
                <Input
                  {...control}
                  className="font-mono"
                  value={slug}
                  onChange={(e) => setSlug(e.target.value)}
                />
              )}
            </FormField>
          </div>
          <SwitchField
            label="Active"
            description="Members of an inactive company cannot use it and its chatbots stop answering."
            checked={isActive}
            onCheckedChange={setIsActive}
            className="rounded-lg border border-slate-200 p-4 dark:border-slate-800"
          />
        </CardBody>
        <SaveChangesFooter
          dirty={dirty}
          pending={update.isPending}
          onDiscard={() => {
            setName(company.name);
            setSlug(company.slug);
            setIsActive(company.isActive);
            update.reset();
          }}
        />
      </Card>
    </form>
  );
}
