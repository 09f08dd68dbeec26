import { FlaskConical } from 'lucide-react';
import { useState } from 'react';
import {
  type RoutingIntent,
  type RoutingPreview,
  type RoutingSource,
  routingIntentLabels,
  routingIntents,
  routingSources,
} from '../../../../shared/call-routing';
import { type RoutingRuleInput, usePreviewRouting } from '../../api/call-routing';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../components/ui/Card';
import { FormField } from '../../components/ui/FormField';
import { Input } from '../../components/ui/Input';
import { Select } from '../../components/ui/Select';
import { errorMessage, fieldErrors } from '../../lib/errors';
import type { RoutingChoices } from './RuleDialog';
import { actionSummary, routingNames } from './rule-summary';

const ANY = 'any';
const NO_KEY = 'none';

/** A local "YYYY-MM-DDTHH:MM" for the datetime input, now. */
function localNow(): string {
  const now = new Date();
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
  return now.toISOString().slice(0, 16);
}

/** "Test a call": pick a time, a number and a source, and see which saved rule routes it and why. */
export function TestCallCard({ choices }: { choices: RoutingChoices }) {
  return (
    <Card>
      <CardHeader
        title="Test a call"
        description="Times are your browser's; the rules read them in the business hours' time zone."
      />
      <CardBody>
        <TestCallForm choices={choices} />
      </CardBody>
    </Card>
  );
}

/**
 * The test's fields and result; with `rules`, those (unsaved) rules are
 * tested instead of the saved ones. No <form> of its own: it also sits
 * inside the rule dialog's form.
 */
export function TestCallForm(props: {
  choices: RoutingChoices;
  rules?: Array<RoutingRuleInput & { id?: string }>;
}) {
  const { choices, rules } = props;
  const [at, setAt] = useState(localNow);
  const [source, setSource] = useState<RoutingSource>('phone');
  const [callerNumber, setCallerNumber] = useState('');
  const [chatbotId, setChatbotId] = useState(ANY);
  const [integrationAccountId, setIntegrationAccountId] = useState(ANY);
  const [keypress, setKeypress] = useState(NO_KEY);
  const [intent, setIntent] = useState<RoutingIntent | typeof ANY>(ANY);
  const preview = usePreviewRouting();
  const errors = fieldErrors(preview.error);
  const names = routingNames(choices);

  const run = () =>
    preview.mutate({
      at: new Date(at).toISOString(),
      source,
      ...(callerNumber.trim() ? { callerNumber: callerNumber.trim() } : {}),
      ...(chatbotId !== ANY ? { chatbotId } : {}),
      ...(source === 'phone' && integrationAccountId !== ANY ? { integrationAccountId } : {}),
      ...(source === 'phone' && keypress !== NO_KEY
        ? { keypress: keypress === 'silent' ? '' : keypress }
        : {}),
      ...(intent !== ANY ? { intent } : {}),
      ...(rules ? { rules } : {}),
    });
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <FormField label="When">
          {(control) => (
            <Input
              {...control}
              type="datetime-local"
              value={at}
              onChange={(event) => setAt(event.target.value)}
            />
          )}
        </FormField>
        <FormField label="Source">
          {(control) => (
            <Select
              {...control}
              value={source}
              onValueChange={(value) => setSource(value as RoutingSource)}
              options={routingSources.map((s) => ({
                value: s,
                label: s === 'whatsapp' ? 'WhatsApp' : s[0]?.toUpperCase() + s.slice(1),
              }))}
            />
          )}
        </FormField>
        <FormField label="Caller number" optional error={errors.callerNumber}>
          {(control) => (
            <Input
              {...control}
              value={callerNumber}
              placeholder="+1 555 123 4567"
              onChange={(event) => setCallerNumber(event.target.value)}
            />
          )}
        </FormField>
        <FormField label="Chatbot called">
          {(control) => (
            <Select
              {...control}
              value={chatbotId}
              onValueChange={setChatbotId}
              options={[{ value: ANY, label: 'Any chatbot' }, ...choices.callChatbots]}
            />
          )}
        </FormField>
        {source === 'phone' && choices.phoneNumbers.length > 0 && (
          <FormField label="Number called">
            {(control) => (
              <Select
                {...control}
                value={integrationAccountId}
                onValueChange={setIntegrationAccountId}
                options={[{ value: ANY, label: 'Any number' }, ...choices.phoneNumbers]}
              />
            )}
          </FormField>
        )}
        {source === 'phone' && (
          <FormField label="Menu key">
            {(control) => (
              <Select
                {...control}
                value={keypress}
                onValueChange={setKeypress}
                options={[
                  { value: NO_KEY, label: 'Not asked yet' },
                  { value: 'silent', label: 'No key pressed' },
                  ...['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'].map((key) => ({
                    value: key,
                    label: `Pressed ${key}`,
                  })),
                ]}
              />
            )}
          </FormField>
        )}
        <FormField label="Caller then says">
          {(control) => (
            <Select
              {...control}
              value={intent}
              onValueChange={(value) => setIntent(value as RoutingIntent | typeof ANY)}
              options={[
                { value: ANY, label: 'Nothing in particular' },
                ...routingIntents.map((i) => ({ value: i, label: routingIntentLabels[i] })),
              ]}
            />
          )}
        </FormField>
        <div className="flex items-end">
          <Button type="button" variant="primary" disabled={preview.isPending} onClick={run}>
            <FlaskConical className="size-4" aria-hidden="true" />
            {preview.isPending ? 'Testing…' : 'Test call'}
          </Button>
        </div>
      </div>
      {preview.isError && !errors.callerNumber && (
        <Alert variant="error">{errorMessage(preview.error)}</Alert>
      )}
      {preview.data && <PreviewResult result={preview.data} names={names} />}
    </div>
  );
}

function PreviewResult(props: {
  result: RoutingPreview;
  names: Parameters<typeof actionSummary>[1];
}) {
  const { result, names } = props;
  const { action, duringCall } = result;
  const outcome =
    action.type === 'default'
      ? 'No rule matches: the called chatbot answers as usual.'
      : action.type === 'menu'
        ? `The caller first hears the menu: “${action.prompt}”`
        : `${result.matchedRuleName}: ${actionSummary(action, names)}.`;
  return (
    <section aria-label="Test result" aria-live="polite" className="space-y-2">
      <Alert variant={result.matchedRuleId ? 'success' : 'info'} title="Result">
        <span data-testid="preview-outcome">{outcome}</span>
      </Alert>
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
        {result.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {duringCall && (
        <>
          <Alert
            variant={duringCall.matchedRuleId ? 'success' : 'info'}
            title={`Then, once the caller's intent is “${routingIntentLabels[duringCall.intent]}”`}
          >
            <span data-testid="preview-during-call">
              {duringCall.action
                ? `${duringCall.matchedRuleName}: ${actionSummary(duringCall.action, names)}.`
                : 'No intent rule acts: the agent carries on.'}
            </span>
          </Alert>
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
            {duringCall.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
