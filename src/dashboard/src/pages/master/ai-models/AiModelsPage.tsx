import { Cpu, Plus } from 'lucide-react';
import { useState } from 'react';
import { modelTypeLabels } from '../../../../../shared/domain';
import {
  useDeleteAiModel,
  useMasterAiModels,
  useUpdateAiModel,
} from '../../../api/master-ai-models';
import type { AiModel } from '../../../api/types';
import { DataTable } from '../../../components/DataTable';
import { ListQueryView } from '../../../components/ListQueryView';
import { RowActions } from '../../../components/RowActions';
import { Badge } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { PageHeader } from '../../../components/ui/PageHeader';
import { Switch } from '../../../components/ui/Switch';
import { TD, TH, TR } from '../../../components/ui/Table';
import { useToast } from '../../../components/ui/toast-context';
import { useConfirmRemoval } from '../../../components/use-confirm-removal';
import { errorMessage } from '../../../lib/errors';
import { providerLabel } from '../../../lib/labels';
import { AiModelDialog } from './AiModelDialog';

const typeTones = { chat: 'blue', call: 'violet', both: 'green' } as const;

export function AiModelsPage() {
  const models = useMasterAiModels();
  const update = useUpdateAiModel();
  const remove = useDeleteAiModel();
  const toast = useToast();
  const [editing, setEditing] = useState<AiModel | 'new' | null>(null);
  const deletion = useConfirmRemoval(remove, {
    variables: (model: AiModel) => model.id,
    successTitle: (model) => `${model.displayName} deleted`,
  });

  const toggleActive = (model: AiModel, isActive: boolean) =>
    update.mutate(
      { id: model.id, isActive },
      {
        onError: (error) =>
          toast({
            title: 'Could not update the model',
            description: errorMessage(error),
            variant: 'error',
          }),
      },
    );

  const newButton = (
    <Button variant="primary" onClick={() => setEditing('new')}>
      <Plus className="size-4" aria-hidden="true" />
      New model
    </Button>
  );

  return (
    <>
      <PageHeader
        title="AI Models"
        description="Models companies can pick for their chatbots. Inactive models are hidden from companies."
        actions={newButton}
      />
      <ListQueryView
        query={models}
        loadingLabel="Loading AI models"
        errorTitle="Could not load AI models"
        empty={{
          icon: Cpu,
          title: 'No AI models yet',
          description: 'Add the chat and voice models your companies may use.',
          action: newButton,
        }}
      >
        {(items) => (
          <DataTable
            head={
              <>
                <TH>Display name</TH>
                <TH>Provider</TH>
                <TH>Model ID</TH>
                <TH>Type</TH>
                <TH>Active</TH>
              </>
            }
            withActions
          >
            {items.map((model) => {
              const pending = update.isPending && update.variables?.id === model.id;
              const isActive = pending
                ? (update.variables?.isActive ?? model.isActive)
                : model.isActive;
              return (
                <TR key={model.id}>
                  <TD className="font-medium text-slate-900 dark:text-slate-100">
                    {model.displayName}
                  </TD>
                  <TD>{providerLabel(model.provider)}</TD>
                  <TD className="font-mono text-xs">{model.modelId}</TD>
                  <TD>
                    <Badge tone={typeTones[model.modelType] ?? 'neutral'}>
                      {modelTypeLabels[model.modelType] ?? model.modelType}
                    </Badge>
                  </TD>
                  <TD>
                    <Switch
                      aria-label={`Active: ${model.displayName}`}
                      checked={isActive}
                      disabled={pending}
                      onCheckedChange={(checked) => toggleActive(model, checked)}
                    />
                  </TD>
                  <TD className="text-right">
                    <RowActions
                      name={model.displayName}
                      onEdit={() => setEditing(model)}
                      onDelete={() => deletion.ask(model)}
                    />
                  </TD>
                </TR>
              );
            })}
          </DataTable>
        )}
      </ListQueryView>
      <AiModelDialog
        model={editing === 'new' ? null : editing}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
      />
      <ConfirmDialog
        {...deletion.dialog}
        title={deletion.target ? `Delete ${deletion.target.displayName}?` : 'Delete model?'}
        description="Companies can no longer pick it. A model that chatbots still use cannot be deleted — deactivate it instead."
        confirmLabel="Delete model"
      />
    </>
  );
}
