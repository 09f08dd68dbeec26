import { useState } from 'react';
import {
  midCallActions,
  type RoutingActionType,
  type RoutingIntent,
  type RoutingSource,
  routingActionLabels,
  routingIntentLabels,
  routingIntents,
  routingSources,
  type Weekday,
  weekdayLabels,
  weekdays,
} from '../../../../shared/call-routing';
import {
  type CallerList,
  type RoutingRule,
  useRoutingRules,
  useSaveRoutingRule,
} from '../../api/call-routing';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { Dialog, DialogBody, DialogFooter, DialogForm } from '../../components/ui/Dialog';
import { FormField } from '../../components/ui/FormField';
import { Input } from '../../components/ui/Input';
import type { SelectOption } from '../../components/ui/Select';
import { Select } from '../../components/ui/Select';
import { Textarea } from '../../components/ui/Textarea';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { ANY, type RuleForm, ruleForm, ruleInput } from './rule-form';
import { TestCallForm } from './TestCallCard';

export type RoutingChoices = {
  callChatbots: SelectOption[];
  /** The agents of each multi-agent call chatbot, by chatbot id. */
  agentsOf: Record<string, SelectOption[]>;
  phoneNumbers: SelectOption[];
  callerLists: CallerList[];
};

const sourceLabels: Record<RoutingSource, string> = {
  web: 'Web',
  phone: 'Phone',
  whatsapp: 'WhatsApp',
};
const actionTypes = Object.keys(routingActionLabels) as RoutingActionType[];

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'];

/** Adds a rule (it goes last) or edits one: who it applies to, when, and what happens. */
export function RuleDialog(props: {
  rule: RoutingRule | null;
  choices: RoutingChoices;
  onClose: () => void;
}) {
  const { rule, choices, onClose } = props;
  const [form, setForm] = useState<RuleForm>(() => ruleForm(rule));
  const set = <K extends keyof RuleForm>(key: K, value: RuleForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  // Once the intent is heard the call is answered: only the actions it can still take.
  const setIntent = (intent: RuleForm['intent']) =>
    setForm((f) => ({
      ...f,
      intent,
      actionType:
        intent === ANY || midCallActions.includes(f.actionType) ? f.actionType : 'offer_person',
    }));
  const agentChoices = choices.agentsOf[form.actionChatbotId] ?? [];
  const save = useSaveRoutingRule();
  const saved = useRoutingRules().data ?? [];
  const errors = fieldErrors(save.error);
  const draft = ruleInput(form);
  // The list as it would be once saved: this rule in its place, or last when new.
  const asInput = (r: RoutingRule) => ({
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    chatbotId: r.chatbotId,
    integrationAccountId: r.integrationAccountId,
    conditions: r.conditions,
    action: r.action,
  });
  const draftRules = rule
    ? saved.map((r) => (r.id === rule.id ? { ...draft, id: r.id } : asInput(r)))
    : [...saved.map(asInput), draft];
  const toggle = <T extends string>(list: T[], value: T) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

  return (
    <Dialog
      open
      size="lg"
      onOpenChange={(open) => !open && onClose()}
      title={rule ? `Edit ${rule.name}` : 'Add a routing rule'}
      description="A call takes the first enabled rule, from the top, whose conditions all hold."
    >
      <DialogForm
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ id: rule?.id, ...ruleInput(form) }, { onSuccess: onClose });
        }}
      >
        <DialogBody>
          <FormField label="Name" error={errors.name}>
            {(control) => (
              <Input
                {...control}
                value={form.name}
                maxLength={120}
                placeholder="After hours"
                onChange={(event) => set('name', event.target.value)}
              />
            )}
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Calls to chatbot" error={errors.chatbotId}>
              {(control) => (
                <Select
                  {...control}
                  value={form.chatbotId}
                  onValueChange={(value) => set('chatbotId', value)}
                  options={[{ value: ANY, label: 'Any chatbot' }, ...choices.callChatbots]}
                />
              )}
            </FormField>
            <FormField label="Calls to phone number" error={errors.integrationAccountId}>
              {(control) => (
                <Select
                  {...control}
                  value={form.integrationAccountId}
                  onValueChange={(value) => set('integrationAccountId', value)}
                  options={[{ value: ANY, label: 'Any number' }, ...choices.phoneNumbers]}
                />
              )}
            </FormField>
          </div>

          <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
            <legend className="px-1 text-sm font-medium text-slate-900 dark:text-slate-100">
              When (all must hold)
            </legend>
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField label="Business hours">
                {(control) => (
                  <Select
                    {...control}
                    value={form.businessHours}
                    onValueChange={(value) =>
                      set('businessHours', value as RuleForm['businessHours'])
                    }
                    options={[
                      { value: ANY, label: 'Any time' },
                      { value: 'inside', label: 'Inside business hours' },
                      { value: 'outside', label: 'Outside business hours' },
                    ]}
                  />
                )}
              </FormField>
              <FormField label="Caller list" error={errors['conditions.callerListId']}>
                {(control) => (
                  <Select
                    {...control}
                    value={form.callerListId}
                    onValueChange={(value) => set('callerListId', value)}
                    options={[
                      { value: ANY, label: 'Any caller' },
                      ...choices.callerLists.map((list) => ({ value: list.id, label: list.name })),
                    ]}
                  />
                )}
              </FormField>
              <FormField label="Caller number">
                {(control) => (
                  <Select
                    {...control}
                    value={form.numberMatch}
                    onValueChange={(value) => set('numberMatch', value as RuleForm['numberMatch'])}
                    options={[
                      { value: ANY, label: 'Any number' },
                      { value: 'exact', label: 'Is exactly' },
                      { value: 'prefix', label: 'Starts with' },
                    ]}
                  />
                )}
              </FormField>
              {form.numberMatch !== ANY && (
                <FormField
                  label={form.numberMatch === 'exact' ? 'Number' : 'Prefix'}
                  error={errors['conditions.callerNumber.value']}
                >
                  {(control) => (
                    <Input
                      {...control}
                      value={form.numberValue}
                      placeholder={form.numberMatch === 'exact' ? '+1 555 123 4567' : '+1900'}
                      onChange={(event) => set('numberValue', event.target.value)}
                    />
                  )}
                </FormField>
              )}
            </div>
            <CheckboxGroup
              legend="Days (none: every day)"
              options={weekdays.map((day) => ({ value: day, label: weekdayLabels[day] }))}
              checked={form.days}
              onToggle={(day: Weekday) => set('days', toggle(form.days, day))}
            />
            <CheckboxGroup
              legend="Call source (none: any)"
              options={routingSources.map((source) => ({
                value: source,
                label: sourceLabels[source],
              }))}
              checked={form.sources}
              onToggle={(source: RoutingSource) => set('sources', toggle(form.sources, source))}
            />
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField label="Phone menu key" hint="Callers hear “Press 1 for …” first.">
                {(control) => (
                  <Select
                    {...control}
                    value={form.keypressDigit}
                    onValueChange={(value) => set('keypressDigit', value)}
                    options={[
                      { value: ANY, label: 'No menu' },
                      ...KEYS.map((key) => ({ value: key, label: `Key ${key}` })),
                    ]}
                  />
                )}
              </FormField>
              {form.keypressDigit !== ANY && (
                <FormField label="Menu label" error={errors['conditions.keypress.label']}>
                  {(control) => (
                    <Input
                      {...control}
                      value={form.keypressLabel}
                      placeholder="appointments"
                      maxLength={80}
                      onChange={(event) => set('keypressLabel', event.target.value)}
                    />
                  )}
                </FormField>
              )}
            </div>
            <FormField
              label="Caller's intent"
              hint="Heard during the call: the rule acts the first time the caller says it."
            >
              {(control) => (
                <Select
                  {...control}
                  value={form.intent}
                  onValueChange={(value) => setIntent(value as RuleForm['intent'])}
                  options={[
                    { value: ANY, label: 'Any (the rule acts as the call starts)' },
                    ...routingIntents.map((intent: RoutingIntent) => ({
                      value: intent,
                      label: routingIntentLabels[intent],
                    })),
                  ]}
                />
              )}
            </FormField>
          </fieldset>

          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Then">
              {(control) => (
                <Select
                  {...control}
                  value={form.actionType}
                  onValueChange={(value) => set('actionType', value as RoutingActionType)}
                  options={actionTypes
                    .filter((type) => form.intent === ANY || midCallActions.includes(type))
                    .map((type) => ({ value: type, label: routingActionLabels[type] }))}
                />
              )}
            </FormField>
            {form.actionType === 'answer' && (
              <FormField label="Chatbot that answers" error={errors['action.chatbotId']}>
                {(control) => (
                  <Select
                    {...control}
                    value={form.actionChatbotId}
                    placeholder="Choose a call chatbot"
                    onValueChange={(value) =>
                      setForm((f) => ({ ...f, actionChatbotId: value, actionAgentId: ANY }))
                    }
                    options={choices.callChatbots}
                  />
                )}
              </FormField>
            )}
            {form.actionType === 'answer' && agentChoices.length > 0 && (
              <FormField label="Agent" error={errors['action.agentId']}>
                {(control) => (
                  <Select
                    {...control}
                    value={form.actionAgentId}
                    onValueChange={(value) => set('actionAgentId', value)}
                    options={[{ value: ANY, label: 'Its default agent' }, ...agentChoices]}
                  />
                )}
              </FormField>
            )}
            {form.actionType === 'transfer' && (
              <FormField
                label="Transfer to"
                hint="Phone calls only."
                error={errors['action.phoneNumber']}
              >
                {(control) => (
                  <Input
                    {...control}
                    value={form.transferNumber}
                    placeholder="+1 555 123 4567"
                    onChange={(event) => set('transferNumber', event.target.value)}
                  />
                )}
              </FormField>
            )}
          </div>
          {form.actionType === 'play_and_hangup' && (
            <FormField label="Message" error={errors['action.message']}>
              {(control) => (
                <Textarea
                  {...control}
                  rows={2}
                  maxLength={500}
                  value={form.message}
                  placeholder="We are closed today. Please call again tomorrow."
                  onChange={(event) => set('message', event.target.value)}
                />
              )}
            </FormField>
          )}
          {save.isError && Object.keys(errors).length === 0 && (
            <Alert variant="error">{errorMessage(save.error)}</Alert>
          )}
          <details className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
            <summary className="cursor-pointer text-sm font-medium text-slate-900 dark:text-slate-100">
              Test before saving
            </summary>
            <div className="mt-4">
              <TestCallForm choices={choices} rules={draftRules} />
            </div>
          </details>
        </DialogBody>
        <DialogFooter>
          <Button type="button" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={save.isPending || !form.name.trim()}>
            {save.isPending ? 'Saving…' : 'Save rule'}
          </Button>
        </DialogFooter>
      </DialogForm>
    </Dialog>
  );
}

function CheckboxGroup<T extends string>(props: {
  legend: string;
  options: Array<{ value: T; label: string }>;
  checked: T[];
  onToggle: (value: T) => void;
}) {
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-slate-900 dark:text-slate-100">
        {props.legend}
      </legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {props.options.map((option) => (
          <label
            key={option.value}
            className="flex items-center gap-1.5 text-sm text-slate-700 dark:text-slate-300"
          >
            <input
              type="checkbox"
              className="size-4 rounded border-slate-300 accent-blue-600"
              checked={props.checked.includes(option.value)}
              onChange={() => props.onToggle(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
