import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import { Button } from '../../../components/ui/Button';
import { FormField } from '../../../components/ui/FormField';
import { Input } from '../../../components/ui/Input';
import { Textarea } from '../../../components/ui/Textarea';
import { type AgentDraft, MAX_AGENT_INSTRUCTIONS, slugify } from './agents-form';

type AgentEditorProps = {
  draft: AgentDraft;
  index: number;
  count: number;
  /** The error of a field of this agent: 'name', 'id', … */
  error: (field: string) => string | undefined;
  onChange: (patch: Partial<AgentDraft>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  disabled: boolean;
};

export function AgentEditor({
  draft,
  index,
  count,
  error,
  onChange,
  onMove,
  onRemove,
  disabled,
}: AgentEditorProps) {
  const label = draft.name.trim() || `Agent ${index + 1}`;
  return (
    <fieldset className="min-w-0 space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <legend className="sr-only">{label}</legend>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-3">
          <span className="text-sm font-semibold text-slate-900 dark:text-slate-50" aria-hidden>
            {label}
          </span>
          <label className="flex items-center gap-1.5 text-sm text-slate-700 dark:text-slate-300">
            <input
              type="radio"
              name="default-agent"
              checked={draft.isDefault}
              disabled={disabled}
              onChange={() => onChange({ isDefault: true })}
              className="size-4 accent-blue-600"
            />
            Default agent
          </label>
        </div>
        {!disabled && (
          <div className="flex items-center gap-1">
            <Button
              variant="ghost"
              size="icon-sm"
              aria-label={`Move ${label} up`}
              title="Move up"
              disabled={index === 0}
              onClick={() => onMove(-1)}
            >
              <ArrowUp className="size-4" aria-hidden="true" />
            </Button>
            <Button
              variant="ghost"
              size="icon-sm"
              aria-label={`Move ${label} down`}
              title="Move down"
              disabled={index === count - 1}
              onClick={() => onMove(1)}
            >
              <ArrowDown className="size-4" aria-hidden="true" />
            </Button>
            <Button
              variant="ghost"
              size="icon-sm"
              aria-label={`Remove ${label}`}
              title="Remove"
              onClick={onRemove}
            >
              <Trash2 className="size-4" aria-hidden="true" />
            </Button>
          </div>
        )}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Name" error={error('name')}>
          {(control) => (
            <Input
              {...control}
              value={draft.name}
              maxLength={60}
              disabled={disabled}
              placeholder="Billing"
              onChange={(e) =>
                onChange({
                  name: e.target.value,
                  ...(draft.idEdited ? {} : { id: slugify(e.target.value) }),
                })
              }
            />
          )}
        </FormField>
        <FormField label="ID" error={error('id')} hint="Lowercase letters, digits, - and _.">
          {(control) => (
            <Input
              {...control}
              value={draft.id}
              maxLength={40}
              disabled={disabled}
              className="font-mono"
              placeholder="billing"
              onChange={(e) => onChange({ id: e.target.value, idEdited: true })}
            />
          )}
        </FormField>
      </div>
      <FormField
        label="Description"
        optional
        error={error('description')}
        hint="When to hand the conversation to this agent."
      >
        {(control) => (
          <Input
            {...control}
            value={draft.description}
            maxLength={300}
            disabled={disabled}
            placeholder="Questions about invoices, payments and refunds"
            onChange={(e) => onChange({ description: e.target.value })}
          />
        )}
      </FormField>
      <FormField
        label="Instructions"
        error={error('instructions')}
        hint={`${draft.instructions.length.toLocaleString()} / ${MAX_AGENT_INSTRUCTIONS.toLocaleString()} characters`}
      >
        {(control) => (
          <Textarea
            {...control}
            rows={4}
            value={draft.instructions}
            disabled={disabled}
            onChange={(e) => onChange({ instructions: e.target.value })}
          />
        )}
      </FormField>
    </fieldset>
  );
}
