import { ChevronDown, KeyRound, Pencil, Send, Trash2 } from 'lucide-react';
import { useState } from 'react';
import {
  useSendTestEvent,
  useUpdateWebhook,
  type Webhook,
  type WebhookDelivery,
} from '../../api/webhooks';
import { Alert } from '../../components/ui/Alert';
import { Badge } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { Card } from '../../components/ui/Card';
import { useToast } from '../../components/ui/toast-context';
import { errorMessage } from '../../lib/errors';
import { DeliveryLog } from './DeliveryLog';
import { eventLabels, responseLabel } from './webhook-labels';

type WebhookCardProps = {
  webhook: Webhook;
  onEdit: () => void;
  onRotate: () => void;
  onDelete: () => void;
};

/** One endpoint: status, events, the test button, its actions and its delivery log. */
export function WebhookCard({ webhook, onEdit, onRotate, onDelete }: WebhookCardProps) {
  const [logOpen, setLogOpen] = useState(false);
  const sendTest = useSendTestEvent();
  const update = useUpdateWebhook();
  const toast = useToast();
  const logId = `webhook-log-${webhook.id}`;
  const disabled = !webhook.isActive && webhook.disabledReason !== null;

  const testNow = () =>
    sendTest.mutate(webhook.id, {
      onSuccess: ({ delivery }) => {
        setLogOpen(true);
        toast(testToast(delivery));
      },
      onError: (error) =>
        toast({ variant: 'error', title: 'Test event not sent', description: errorMessage(error) }),
    });

  const setActive = (isActive: boolean) =>
    update.mutate(
      { id: webhook.id, isActive },
      {
        onSuccess: () => toast({ title: isActive ? 'Endpoint enabled' : 'Endpoint paused' }),
        onError: (error) =>
          toast({ variant: 'error', title: 'Not changed', description: errorMessage(error) }),
      },
    );

  return (
    <Card aria-label={webhook.url} className="space-y-4 p-4 sm:p-5">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <p className="break-all font-mono text-sm font-medium text-slate-900 dark:text-slate-50">
            {webhook.url}
          </p>
          {webhook.description && (
            <p className="text-sm text-slate-600 dark:text-slate-300">{webhook.description}</p>
          )}
        </div>
        <StatusBadge webhook={webhook} />
      </div>

      {disabled && (
        <Alert variant="error" title="Not receiving events">
          <p>{webhook.disabledReason}</p>
          <Button
            size="sm"
            variant="danger"
            className="mt-2"
            pending={update.isPending}
            onClick={() => setActive(true)}
          >
            Re-enable
          </Button>
        </Alert>
      )}

      <ul className="flex flex-wrap gap-1.5" aria-label="Events">
        {webhook.events.map((event) => (
          <li key={event}>
            <Badge tone="blue" title={event}>
              {eventLabels[event]?.title ?? event}
            </Badge>
          </li>
        ))}
      </ul>

      <p className="text-xs text-slate-500 dark:text-slate-400">
        Signing secret <code className="font-mono">{webhook.secretHint}</code>
      </p>

      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="primary" pending={sendTest.isPending} onClick={testNow}>
          <Send className="size-3.5" aria-hidden="true" />
          Send test event
        </Button>
        <Button
          size="sm"
          aria-expanded={logOpen}
          aria-controls={logId}
          onClick={() => setLogOpen((open) => !open)}
        >
          <ChevronDown
            className={logOpen ? 'size-3.5 rotate-180' : 'size-3.5'}
            aria-hidden="true"
          />
          Delivery log
        </Button>
        <Button size="sm" onClick={onEdit}>
          <Pencil className="size-3.5" aria-hidden="true" />
          Edit
        </Button>
        <Button size="sm" onClick={onRotate}>
          <KeyRound className="size-3.5" aria-hidden="true" />
          Rotate secret
        </Button>
        {!disabled && (
          <Button size="sm" pending={update.isPending} onClick={() => setActive(!webhook.isActive)}>
            {webhook.isActive ? 'Pause' : 'Resume'}
          </Button>
        )}
        <Button size="sm" variant="danger-outline" onClick={onDelete}>
          <Trash2 className="size-3.5" aria-hidden="true" />
          Delete
        </Button>
      </div>

      {logOpen && (
        <section id={logId} aria-label="Deliveries" className="space-y-2">
          <DeliveryLog webhookId={webhook.id} />
        </section>
      )}
    </Card>
  );
}

function StatusBadge({ webhook }: { webhook: Webhook }) {
  if (webhook.isActive)
    return (
      <Badge tone="green" className="self-start">
        Active
      </Badge>
    );
  if (webhook.disabledReason)
    return (
      <Badge tone="red" className="self-start">
        Disabled
      </Badge>
    );
  return <Badge className="self-start">Paused</Badge>;
}

function testToast(delivery: WebhookDelivery) {
  if (delivery.status === 'succeeded') {
    return { title: 'Test event delivered', description: responseLabel(delivery) };
  }
  const detail = delivery.responseBody ? ` – ${delivery.responseBody.slice(0, 120)}` : '';
  return {
    variant: 'error' as const,
    title: 'Test event failed',
    description: `${responseLabel(delivery)}${detail}`,
  };
}
