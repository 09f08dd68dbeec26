import { type FormEvent, useEffect, useState } from 'react';
import {
  useCreateWebhook,
  useUpdateWebhook,
  WEBHOOK_EVENTS,
  type Webhook,
  type WebhookEvent,
  type WebhookWithSecret,
} from '../../api/webhooks';
import { DialogFormLayout } from '../../components/DialogFormLayout';
import { Dialog } from '../../components/ui/Dialog';
import { FormField } from '../../components/ui/FormField';
import { Input } from '../../components/ui/Input';
import { fieldErrorLookup } from '../../lib/errors';
import { eventLabels } from './webhook-labels';

export type WebhookDialogTarget = Webhook | 'new' | null;

/** Add or edit an endpoint: its URL, a description and the events it gets. */
export function WebhookDialog({
  target,
  onClose,
  onCreated,
}: {
  target: WebhookDialogTarget;
  onClose: () => void;
  onCreated: (created: WebhookWithSecret) => void;
}) {
  const editing = target !== null && target !== 'new' ? target : null;
  return (
    <Dialog
      open={target !== null}
      onOpenChange={(open) => !open && onClose()}
      title={editing ? 'Edit endpoint' : 'Add endpoint'}
      description="Buzzi POSTs a signed JSON body to this URL for each event you pick."
    >
      {target !== null && (
        <WebhookForm
          key={editing?.id ?? 'new'}
          editing={editing}
          onClose={onClose}
          onCreated={onCreated}
        />
      )}
    </Dialog>
  );
}

function WebhookForm({
  editing,
  onClose,
  onCreated,
}: {
  editing: Webhook | null;
  onClose: () => void;
  onCreated: (created: WebhookWithSecret) => void;
}) {
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const mutation = editing ? update : create;
  const [url, setUrl] = useState(editing?.url ?? '');
  const [description, setDescription] = useState(editing?.description ?? '');
  const [events, setEvents] = useState<Set<WebhookEvent>>(
    new Set(editing?.events ?? ['call.ended', 'call.analyzed']),
  );
  const [ownErrors, setOwnErrors] = useState<Record<string, string>>({});
  const errorOf = fieldErrorLookup(ownErrors, mutation.error);

  useEffect(() => {
    create.reset();
    update.reset();
  }, [create.reset, update.reset]);

  const toggle = (event: WebhookEvent, on: boolean) =>
    setEvents((current) => {
      const next = new Set(current);
      if (on) next.add(event);
      else next.delete(event);
      return next;
    });

  const submit = (formEvent: FormEvent<HTMLFormElement>) => {
    formEvent.preventDefault();
    const errors: Record<string, string> = {};
    if (!url.trim()) errors.url = 'Enter the URL that receives the events.';
    if (events.size === 0) errors.events = 'Choose at least one event.';
    setOwnErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const input = {
      url: url.trim(),
      description: description.trim(),
      events: WEBHOOK_EVENTS.filter((e) => events.has(e)),
    };
    if (editing) {
      update.mutate({ id: editing.id, ...input }, { onSuccess: onClose });
    } else {
      create.mutate(input, {
        onSuccess: (created) => {
          onClose();
          onCreated(created);
        },
      });
    }
  };

  const eventsError = errorOf('events');
  return (
    <DialogFormLayout
      onSubmit={submit}
      mutation={mutation}
      onCancel={onClose}
      submitLabel={editing ? 'Save changes' : 'Add endpoint'}
    >
      <FormField
        label="Endpoint URL"
        hint="Must be https:// and reachable from the internet."
        error={errorOf('url')}
      >
        {(control) => (
          <Input
            {...control}
            type="url"
            inputMode="url"
            placeholder="https://example.com/webhooks/buzzi"
            value={url}
            maxLength={500}
            onChange={(e) => setUrl(e.target.value)}
          />
        )}
      </FormField>
      <FormField label="Description" optional error={errorOf('description')}>
        {(control) => (
          <Input
            {...control}
            placeholder="e.g. CRM sync"
            value={description}
            maxLength={500}
            onChange={(e) => setDescription(e.target.value)}
          />
        )}
      </FormField>
      <fieldset
        className="min-w-0 space-y-2"
        aria-describedby={eventsError ? 'events-error' : undefined}
      >
        <legend className="text-sm font-medium text-slate-900 dark:text-slate-100">Events</legend>
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {WEBHOOK_EVENTS.map((event) => (
            <li key={event}>
              <label className="flex cursor-pointer items-start gap-3 px-4 py-3">
                <input
                  type="checkbox"
                  checked={events.has(event)}
                  onChange={(e) => toggle(event, e.target.checked)}
                  className="mt-0.5 size-4 shrink-0 accent-blue-600"
                />
                <span className="min-w-0 flex-1">
                  <span className="block text-sm font-medium text-slate-900 dark:text-slate-100">
                    {eventLabels[event].title}{' '}
                    <code className="font-mono text-xs font-normal text-slate-500 dark:text-slate-400">
                      {event}
                    </code>
                  </span>
                  <span className="block text-xs text-slate-500 dark:text-slate-400">
                    {eventLabels[event].description}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {eventsError && (
          <p id="events-error" className="text-xs text-red-600 dark:text-red-400">
            {eventsError}
          </p>
        )}
      </fieldset>
    </DialogFormLayout>
  );
}
