import { type FormEvent, useState } from 'react';
import { type ChatbotType, chatbotTypes } from '../../../../../shared/domain';
import { useCreatePackage, useUpdatePackage } from '../../../api/master-packages';
import type { ChatbotPackage, PackageLimits } from '../../../api/types';
import { DialogFormLayout } from '../../../components/DialogFormLayout';
import { Dialog } from '../../../components/ui/Dialog';
import { FormField } from '../../../components/ui/FormField';
import { CountInput, Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { SwitchField } from '../../../components/ui/Switch';
import { Textarea } from '../../../components/ui/Textarea';
import { useToast } from '../../../components/ui/toast-context';
import { createOrUpdate } from '../../../lib/create-or-update';
import { fieldErrorLookup } from '../../../lib/errors';
import { chatbotTypeLabels } from '../../../lib/labels';

type PackageDialogProps = {
  /** null creates a new package. */
  pkg: ChatbotPackage | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

export function PackageDialog({ pkg, open, onOpenChange }: PackageDialogProps) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={pkg ? `Edit ${pkg.name}` : 'New chatbot package'}
      description="Leave a limit empty for no limit."
      size="lg"
    >
      <PackageForm key={pkg?.id ?? 'new'} pkg={pkg} onClose={() => onOpenChange(false)} />
    </Dialog>
  );
}

const limitFields = [
  { key: 'monthlyMessages', label: 'Monthly messages' },
  { key: 'monthlyCallMinutes', label: 'Monthly call minutes' },
  { key: 'maxConcurrentCalls', label: 'Max concurrent calls' },
] as const;

type LimitKey = (typeof limitFields)[number]['key'];
const typeOptions = chatbotTypes.map((t) => ({ value: t, label: chatbotTypeLabels[t] }));

function PackageForm({ pkg, onClose }: { pkg: ChatbotPackage | null; onClose: () => void }) {
  const create = useCreatePackage();
  const update = useUpdatePackage();
  const saving = createOrUpdate(pkg, create, update);
  const toast = useToast();
  const [name, setName] = useState(pkg?.name ?? '');
  const [description, setDescription] = useState(pkg?.description ?? '');
  const [chatbotType, setChatbotType] = useState<ChatbotType>(pkg?.chatbotType ?? 'chat');
  const [isActive, setIsActive] = useState(pkg?.isActive ?? true);
  const [limits, setLimits] = useState<Record<LimitKey, string>>(() => ({
    monthlyMessages: String(pkg?.limits?.monthlyMessages ?? ''),
    monthlyCallMinutes: String(pkg?.limits?.monthlyCallMinutes ?? ''),
    maxConcurrentCalls: String(pkg?.limits?.maxConcurrentCalls ?? ''),
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    const parsedLimits: PackageLimits = {};
    if (!name.trim()) next.name = 'Enter a name.';
    for (const { key } of limitFields) {
      const raw = limits[key].trim();
      if (!raw) continue;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < 0) next[`limits.${key}`] = 'Enter a whole number.';
      else parsedLimits[key] = value;
    }
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const input = {
      name: name.trim(),
      description: description.trim(),
      chatbotType,
      limits: parsedLimits,
      isActive,
    };
    saving.save(input, () => {
      toast({ title: pkg ? 'Package saved' : `${input.name} created` });
      onClose();
    });
  };

  const error = fieldErrorLookup(errors, saving.error);
  return (
    <DialogFormLayout
      onSubmit={onSubmit}
      mutation={saving}
      onCancel={onClose}
      submitLabel={pkg ? 'Save package' : 'Create package'}
    >
      <FormField label="Name" error={error('name')}>
        {(control) => (
          <Input
            {...control}
            autoFocus={!pkg}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </FormField>
      <FormField label="Description" optional error={error('description')}>
        {(control) => (
          <Textarea
            {...control}
            rows={2}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        )}
      </FormField>
      <FormField label="Chatbot type" error={error('chatbotType')}>
        {(control) => (
          <Select
            {...control}
            value={chatbotType}
            options={typeOptions}
            onValueChange={(v) => setChatbotType(chatbotTypes.find((t) => t === v) ?? chatbotType)}
          />
        )}
      </FormField>
      <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <legend className="px-1 text-sm font-medium text-slate-800 dark:text-slate-200">
          Limits
        </legend>
        <div className="grid gap-4 sm:grid-cols-3">
          {limitFields.map(({ key, label }) => (
            <FormField key={key} label={label} error={error(`limits.${key}`)}>
              {(control) => (
                <CountInput
                  {...control}
                  placeholder="Unlimited"
                  value={limits[key]}
                  onChange={(e) => setLimits((current) => ({ ...current, [key]: e.target.value }))}
                />
              )}
            </FormField>
          ))}
        </div>
      </fieldset>
      <SwitchField
        label="Active"
        description="Only active packages are offered to companies."
        checked={isActive}
        onCheckedChange={setIsActive}
      />
    </DialogFormLayout>
  );
}
