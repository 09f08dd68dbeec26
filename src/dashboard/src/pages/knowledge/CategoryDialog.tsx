import { type FormEvent, useState } from 'react';
import { useCreateCategory, useUpdateCategory } from '../../api/knowledge';
import type { KnowledgeCategory } from '../../api/types';
import { DialogFormLayout } from '../../components/DialogFormLayout';
import { Dialog } from '../../components/ui/Dialog';
import { FormField } from '../../components/ui/FormField';
import { Input } from '../../components/ui/Input';
import { Textarea } from '../../components/ui/Textarea';
import { useToast } from '../../components/ui/toast-context';
import { fieldErrorLookup } from '../../lib/errors';

type CategoryDialogProps = {
  /** null creates a new category. */
  category: KnowledgeCategory | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated?: (category: KnowledgeCategory) => void;
};

export function CategoryDialog({ category, open, onOpenChange, onCreated }: CategoryDialogProps) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={category ? `Rename ${category.name}` : 'New category'}
      description="Categories group documents; each chatbot can use all of them or a chosen few."
    >
      <CategoryForm
        key={category?.id ?? 'new'}
        category={category}
        onClose={() => onOpenChange(false)}
        onCreated={onCreated}
      />
    </Dialog>
  );
}

type CategoryFormProps = {
  category: KnowledgeCategory | null;
  onClose: () => void;
  onCreated: ((category: KnowledgeCategory) => void) | undefined;
};

function CategoryForm({ category, onClose, onCreated }: CategoryFormProps) {
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const saving = category ? update : create;
  const toast = useToast();
  const [name, setName] = useState(category?.name ?? '');
  const [description, setDescription] = useState(category?.description ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setErrors({ name: 'Enter a name.' });
      return;
    }
    setErrors({});
    const input = { name: name.trim(), description: description.trim() };
    if (category) {
      update.mutate(
        { id: category.id, ...input },
        {
          onSuccess: () => {
            toast({ title: 'Category saved' });
            onClose();
          },
        },
      );
      return;
    }
    create.mutate(input, {
      onSuccess: (data) => {
        toast({ title: `${input.name} created` });
        onCreated?.(data.category);
        onClose();
      },
    });
  };

  const error = fieldErrorLookup(errors, saving.error);
  return (
    <DialogFormLayout
      onSubmit={onSubmit}
      mutation={saving}
      onCancel={onClose}
      submitLabel={category ? 'Save category' : 'Create category'}
    >
      <FormField label="Name" error={error('name')}>
        {(control) => (
          <Input
            {...control}
            value={name}
            maxLength={120}
            placeholder="Opening hours and prices"
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </FormField>
      <FormField label="Description" optional error={error('description')}>
        {(control) => (
          <Textarea
            {...control}
            rows={3}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        )}
      </FormField>
    </DialogFormLayout>
  );
}
