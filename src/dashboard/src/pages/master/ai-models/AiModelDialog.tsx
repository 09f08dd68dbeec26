import { type FormEvent, useState } from 'react';
import {
  type AiProvider,
  aiProviders,
  type ModelType,
  modelTypeLabels,
  modelTypes,
} from '../../../../../shared/domain';
import { useCreateAiModel, useUpdateAiModel } from '../../../api/master-ai-models';
import type { AiModel } from '../../../api/types';
import { DialogFormLayout } from '../../../components/DialogFormLayout';
import { Dialog } from '../../../components/ui/Dialog';
import { FormField } from '../../../components/ui/FormField';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { SwitchField } from '../../../components/ui/Switch';
import { useToast } from '../../../components/ui/toast-context';
import { createOrUpdate } from '../../../lib/create-or-update';
import { fieldErrorLookup } from '../../../lib/errors';
import { providerLabels } from '../../../lib/labels';

type AiModelDialogProps = {
  /** null creates a new model. */
  model: AiModel | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

export function AiModelDialog({ model, open, onOpenChange }: AiModelDialogProps) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={model ? `Edit ${model.displayName}` : 'New AI model'}
      description="The model ID is sent to the provider as is."
    >
      <AiModelForm key={model?.id ?? 'new'} model={model} onClose={() => onOpenChange(false)} />
    </Dialog>
  );
}

const providerOptions = aiProviders.map((p) => ({ value: p, label: providerLabels[p] }));
const typeOptions = modelTypes.map((t) => ({ value: t, label: modelTypeLabels[t] }));

function AiModelForm({ model, onClose }: { model: AiModel | null; onClose: () => void }) {
  const create = useCreateAiModel();
  const update = useUpdateAiModel();
  const saving = createOrUpdate(model, create, update);
  const toast = useToast();
  const [provider, setProvider] = useState<AiProvider>(
    aiProviders.find((p) => p === model?.provider) ?? 'openai',
  );
  const [modelId, setModelId] = useState(model?.modelId ?? '');
  const [displayName, setDisplayName] = useState(model?.displayName ?? '');
  const [modelType, setModelType] = useState<ModelType>(model?.modelType ?? 'chat');
  const [isActive, setIsActive] = useState(model?.isActive ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!modelId.trim()) next.modelId = 'Enter the provider’s model ID.';
    if (!displayName.trim()) next.displayName = 'Enter a display name.';
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const input = {
      provider,
      modelId: modelId.trim(),
      displayName: displayName.trim(),
      modelType,
      isActive,
    };
    saving.save(input, () => {
      toast({ title: model ? 'Model saved' : `${input.displayName} added` });
      onClose();
    });
  };

  const error = fieldErrorLookup(errors, saving.error);
  return (
    <DialogFormLayout
      onSubmit={onSubmit}
      mutation={saving}
      onCancel={onClose}
      submitLabel={model ? 'Save model' : 'Add model'}
    >
      <FormField label="Provider" error={error('provider')}>
        {(control) => (
          <Select
            {...control}
            value={provider}
            options={providerOptions}
            onValueChange={(v) => setProvider(aiProviders.find((p) => p === v) ?? provider)}
          />
        )}
      </FormField>
      <FormField
        label="Model ID"
        error={error('modelId')}
        hint="e.g. gpt-4o-mini or gemini-2.0-flash"
      >
        {(control) => (
          <Input
            {...control}
            className="font-mono"
            autoFocus={!model}
            spellCheck={false}
            value={modelId}
            onChange={(e) => setModelId(e.target.value)}
          />
        )}
      </FormField>
      <FormField label="Display name" error={error('displayName')} hint="What companies see.">
        {(control) => (
          <Input
            {...control}
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
          />
        )}
      </FormField>
      <FormField
        label="Model Type"
        error={error('modelType')}
        hint="Chat models answer in the widget; call models speak on voice calls."
      >
        {(control) => (
          <Select
            {...control}
            value={modelType}
            options={typeOptions}
            onValueChange={(v) => setModelType(modelTypes.find((t) => t === v) ?? modelType)}
          />
        )}
      </FormField>
      <SwitchField
        label="Active"
        description="Only active models can be picked by companies."
        checked={isActive}
        onCheckedChange={setIsActive}
      />
    </DialogFormLayout>
  );
}
