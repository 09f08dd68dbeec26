import { Cpu, Pencil, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { modelTypeLabels } from '../../../../../shared/domain';
import {
  useDeleteAiModel,
  useMasterAiModels,
  useUpdateAiModel,
} from '../../../api/master-ai-models';
import type { AiModel } from '../../../api/types';
import { Badge } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorState } from '../../../components/ui/ErrorState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { TableSkeleton } from '../../../components/ui/Skeleton';
import { Switch } from '../../../components/ui/Switch';
import { Table, TableContainer, TBody, TD, TH, THead, TR } from '../../../components/ui/Table';
import { useToast } from '../../../components/ui/toast-context';
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
  const [deleting, setDeleting] = useState<AiModel | null>(null);

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
      {models.isPending ? (
        <TableSkeleton label="Loading AI models" />
      ) : models.isError ? (
        <ErrorState
          title="Could not load AI models"
          error={models.error}
          onRetry={() => models.refetch()}
          retrying={models.isFetching}
        />
      ) : models.data.length === 0 ? (
        <EmptyState
          icon={Cpu}
          title="No AI models yet"
          description="Add the chat and voice models your companies may use."
          action={newButton}
        />
      ) : (
        <TableContainer>
          <Table>
            <THead>
              <tr>
                <TH>Display name</TH>
                <TH>Provider</TH>
                <TH>Model ID</TH>
                <TH>Type</TH>
                <TH>Active</TH>
                <TH>
                  <span className="sr-only">Actions</span>
                </TH>
              </tr>
            </THead>
            <TBody>
              {models.data.map((model) => {
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
                      <div className="flex justify-end gap-1">
                        <Button
                          variant="ghost"
                          size="icon-sm"
                          aria-label={`Edit ${model.displayName}`}
                          title="Edit"
                          onClick={() => setEditing(model)}
                        >
                          <Pencil className="size-4" aria-hidden="true" />
                        </Button>
                        <Button
                          variant="ghost"
                          size="icon-sm"
                          aria-label={`Delete ${model.displayName}`}
                          title="Delete"
                          onClick={() => {
                            remove.reset();
                            setDeleting(model);
                          }}
                        >
                          <Trash2 className="size-4" aria-hidden="true" />
                        </Button>
                      </div>
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        </TableContainer>
      )}
      <AiModelDialog
        model={editing === 'new' ? null : editing}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={deleting ? `Delete ${deleting.displayName}?` : 'Delete model?'}
        description="Companies can no longer pick it. A model that chatbots still use cannot be deleted — deactivate it instead."
        confirmLabel="Delete model"
        pending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onConfirm={() => {
          if (!deleting) return;
          const model = deleting;
          remove.mutate(model.id, {
            onSuccess: () => {
              setDeleting(null);
              toast({ title: `${model.displayName} deleted` });
            },
          });
        }}
      />
    </>
  );
}
