import { ArrowDown, ArrowUp, Pencil, Plus, Route, Trash2 } from 'lucide-react';
import { useState } from 'react';
import {
  type RoutingRule,
  useDeleteRoutingRule,
  useReorderRoutingRules,
  useRoutingRules,
  useSaveRoutingRule,
} from '../../api/call-routing';
import { ListQueryView } from '../../components/ListQueryView';
import { Badge } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../components/ui/Card';
import { ConfirmDialog } from '../../components/ui/ConfirmDialog';
import { Switch } from '../../components/ui/Switch';
import { useToast } from '../../components/ui/toast-context';
import { useConfirmRemoval } from '../../components/use-confirm-removal';
import { errorMessage } from '../../lib/errors';
import { type RoutingChoices, RuleDialog } from './RuleDialog';
import { actionSummary, conditionsSummary, routingNames } from './rule-summary';

/** The ordered rule list: the first enabled rule whose conditions hold routes a call. */
export function RulesCard({ canEdit, choices }: { canEdit: boolean; choices: RoutingChoices }) {
  const rules = useRoutingRules();
  const reorder = useReorderRoutingRules();
  const toggle = useSaveRoutingRule();
  const toast = useToast();
  const [editing, setEditing] = useState<RoutingRule | 'new' | null>(null);
  const removal = useConfirmRemoval(useDeleteRoutingRule(), {
    variables: (rule: RoutingRule) => rule.id,
    successTitle: (rule) => `${rule.name} deleted`,
  });
  const names = routingNames(choices);
  const move = (items: RoutingRule[], index: number, by: -1 | 1) => {
    const ids = items.map((rule) => rule.id);
    const [moved] = ids.splice(index, 1);
    if (!moved) return;
    ids.splice(index + by, 0, moved);
    reorder.mutate(ids, {
      onError: (error) =>
        toast({ title: 'Could not reorder', description: errorMessage(error), variant: 'error' }),
    });
  };
  const addButton = canEdit ? (
    <Button size="sm" variant="primary" onClick={() => setEditing('new')}>
      <Plus className="size-4" aria-hidden="true" />
      Add rule
    </Button>
  ) : undefined;

  return (
    <Card>
      <CardHeader
        title="Rules"
        description="Checked from the top; the first enabled rule that matches routes the call. Without a match, the called chatbot answers as usual."
        actions={addButton}
      />
      <CardBody>
        <ListQueryView
          query={rules}
          loadingLabel="Loading routing rules"
          errorTitle="Could not load routing rules"
          empty={{
            icon: Route,
            title: 'No rules yet',
            description: 'Every call is answered by the chatbot it was made to.',
          }}
        >
          {(items) => (
            <ol aria-label="Routing rules" className="space-y-2">
              {items.map((rule, index) => (
                <li
                  key={rule.id}
                  className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3 sm:flex-row sm:items-center dark:border-slate-800"
                >
                  <span
                    aria-hidden="true"
                    className="flex size-7 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-slate-700 dark:bg-slate-800 dark:text-slate-200"
                  >
                    {index + 1}
                  </span>
                  <div className="min-w-0 flex-1 space-y-0.5">
                    <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900 dark:text-slate-100">
                      {rule.name}
                      {!rule.enabled && <Badge>Disabled</Badge>}
                    </p>
                    <p className="text-sm text-slate-600 dark:text-slate-400">
                      {conditionsSummary(rule.conditions, names)} →{' '}
                      {actionSummary(rule.action, names)}
                    </p>
                  </div>
                  {canEdit && (
                    <div className="flex items-center gap-1">
                      <Switch
                        aria-label={`Enable ${rule.name}`}
                        checked={rule.enabled}
                        disabled={toggle.isPending}
                        onCheckedChange={(enabled) => toggle.mutate({ id: rule.id, enabled })}
                      />
                      <Button
                        variant="ghost"
                        size="icon-sm"
                        aria-label={`Move ${rule.name} up`}
                        disabled={index === 0 || reorder.isPending}
                        onClick={() => move(items, index, -1)}
                      >
                        <ArrowUp className="size-4" aria-hidden="true" />
                      </Button>
                      <Button
                        variant="ghost"
                        size="icon-sm"
                        aria-label={`Move ${rule.name} down`}
                        disabled={index === items.length - 1 || reorder.isPending}
                        onClick={() => move(items, index, 1)}
                      >
                        <ArrowDown className="size-4" aria-hidden="true" />
                      </Button>
                      <Button
                        variant="ghost"
                        size="icon-sm"
                        aria-label={`Edit ${rule.name}`}
                        onClick={() => setEditing(rule)}
                      >
                        <Pencil className="size-4" aria-hidden="true" />
                      </Button>
                      <Button
                        variant="ghost"
                        size="icon-sm"
                        aria-label={`Delete ${rule.name}`}
                        onClick={() => removal.ask(rule)}
                      >
                        <Trash2 className="size-4" aria-hidden="true" />
                      </Button>
                    </div>
                  )}
                </li>
              ))}
            </ol>
          )}
        </ListQueryView>
      </CardBody>
      {editing && (
        <RuleDialog
          rule={editing === 'new' ? null : editing}
          choices={choices}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        {...removal.dialog}
        title="Delete this rule?"
        description={`Calls that "${removal.target?.name ?? ''}" routed go to the next matching rule.`}
        confirmLabel="Delete rule"
      />
    </Card>
  );
}
