import { ListPlus, Pencil, Trash2, Users } from 'lucide-react';
import { useState } from 'react';
import { type CallerListKind, callerListKinds } from '../../../../shared/call-routing';
import {
  type CallerList,
  useCallerLists,
  useDeleteCallerList,
  useSaveCallerList,
} from '../../api/call-routing';
import { ListQueryView } from '../../components/ListQueryView';
import { Alert } from '../../components/ui/Alert';
import { Badge } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../components/ui/Card';
import { ConfirmDialog } from '../../components/ui/ConfirmDialog';
import { Dialog, DialogBody, DialogFooter, DialogForm } from '../../components/ui/Dialog';
import { FormField } from '../../components/ui/FormField';
import { Input } from '../../components/ui/Input';
import { Select } from '../../components/ui/Select';
import { Textarea } from '../../components/ui/Textarea';
import { useConfirmRemoval } from '../../components/use-confirm-removal';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { formatPhoneNumber } from '../../lib/phone';
import { callerListKindLabels } from './rule-summary';

const kindTones = { vip: 'violet', blocked: 'red', custom: 'neutral' } as const;

/** Named lists of numbers (VIP patients, blocked callers) that rules can match on. */
export function CallerListsCard({ canEdit }: { canEdit: boolean }) {
  const lists = useCallerLists();
  const [editing, setEditing] = useState<CallerList | 'new' | null>(null);
  const removal = useConfirmRemoval(useDeleteCallerList(), {
    variables: (list: CallerList) => list.id,
    successTitle: (list) => `${list.name} deleted`,
  });
  const addButton = canEdit ? (
    <Button size="sm" onClick={() => setEditing('new')}>
      <ListPlus className="size-4" aria-hidden="true" />
      Add list
    </Button>
  ) : undefined;
  return (
    <Card>
      <CardHeader
        title="Caller lists"
        description="Numbers a rule can match as a group: VIPs to put through, blocked numbers to turn away."
        actions={addButton}
      />
      <CardBody>
        <ListQueryView
          query={lists}
          loadingLabel="Loading caller lists"
          errorTitle="Could not load caller lists"
          empty={{
            icon: Users,
            title: 'No caller lists',
            description: 'Add a list of numbers to match in a rule.',
          }}
        >
          {(items) => (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800">
              {items.map((list) => (
                <li key={list.id} className="flex flex-wrap items-center gap-3 py-2">
                  <span className="font-medium text-slate-900 dark:text-slate-100">
                    {list.name}
                  </span>
                  <Badge tone={kindTones[list.kind]}>{callerListKindLabels[list.kind]}</Badge>
                  <span className="text-sm text-slate-500 dark:text-slate-400">
                    {list.numbers.length} {list.numbers.length === 1 ? 'number' : 'numbers'}
                  </span>
                  {canEdit && (
                    <span className="ml-auto flex gap-1">
                      <Button
                        variant="ghost"
                        size="icon-sm"
                        aria-label={`Edit ${list.name}`}
                        onClick={() => setEditing(list)}
                      >
                        <Pencil className="size-4" aria-hidden="true" />
                      </Button>
                      <Button
                        variant="ghost"
                        size="icon-sm"
                        aria-label={`Delete ${list.name}`}
                        onClick={() => removal.ask(list)}
                      >
                        <Trash2 className="size-4" aria-hidden="true" />
                      </Button>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </ListQueryView>
      </CardBody>
      {editing && (
        <CallerListDialog
          list={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        {...removal.dialog}
        title="Delete this caller list?"
        description={`Rules that match "${removal.target?.name ?? ''}" stop matching anyone.`}
        confirmLabel="Delete list"
      />
    </Card>
  );
}

function CallerListDialog({ list, onClose }: { list: CallerList | null; onClose: () => void }) {
  const [name, setName] = useState(list?.name ?? '');
  const [kind, setKind] = useState<CallerListKind>(list?.kind ?? 'vip');
  const [numbers, setNumbers] = useState(
    list?.numbers.map((number) => formatPhoneNumber(number)).join('\n') ?? '',
  );
  const save = useSaveCallerList();
  const errors = fieldErrors(save.error);
  const numberError = Object.entries(errors).find(([path]) => path.startsWith('numbers'))?.[1];
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={list ? `Edit ${list.name}` : 'Add a caller list'}
    >
      <DialogForm
        onSubmit={(event) => {
          event.preventDefault();
          const typed = numbers
            .split(/[\n,;]+/)
            .map((number) => number.trim())
            .filter(Boolean);
          save.mutate({ id: list?.id, name, kind, numbers: typed }, { onSuccess: onClose });
        }}
      >
        <DialogBody>
          <FormField label="Name" error={errors.name}>
            {(control) => (
              <Input
                {...control}
                value={name}
                maxLength={120}
                onChange={(event) => setName(event.target.value)}
              />
            )}
          </FormField>
          <FormField label="Kind">
            {(control) => (
              <Select
                {...control}
                value={kind}
                onValueChange={(value) => setKind(value as CallerListKind)}
                options={callerListKinds.map((k) => ({ value: k, label: callerListKindLabels[k] }))}
              />
            )}
          </FormField>
          <FormField
            label="Numbers"
            hint="One per line, with the country code (+1 555 123 4567)."
            error={numberError}
          >
            {(control) => (
              <Textarea
                {...control}
                rows={6}
                value={numbers}
                onChange={(event) => setNumbers(event.target.value)}
              />
            )}
          </FormField>
          {save.isError && !numberError && !errors.name && (
            <Alert variant="error">{errorMessage(save.error)}</Alert>
          )}
        </DialogBody>
        <DialogFooter>
          <Button type="button" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={save.isPending || !name.trim()}>
            {save.isPending ? 'Saving…' : 'Save list'}
          </Button>
        </DialogFooter>
      </DialogForm>
    </Dialog>
  );
}
