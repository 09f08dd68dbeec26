import { Plus, Webhook as WebhookIcon } from 'lucide-react';
import { useState } from 'react';
import {
  useDeleteWebhook,
  useRotateWebhookSecret,
  useWebhooks,
  type Webhook,
  type WebhookWithSecret,
} from '../../api/webhooks';
import { ListQueryView } from '../../components/ListQueryView';
import { Button } from '../../components/ui/Button';
import { ConfirmDialog } from '../../components/ui/ConfirmDialog';
import { PageHeader } from '../../components/ui/PageHeader';
import { Skeleton } from '../../components/ui/Skeleton';
import { useConfirmRemoval } from '../../components/use-confirm-removal';
import { errorMessage } from '../../lib/errors';
import { SecretDialog } from './SecretDialog';
import { SignatureHelp } from './SignatureHelp';
import { WebhookCard } from './WebhookCard';
import { WebhookDialog, type WebhookDialogTarget } from './WebhookDialog';

/** Company admins' endpoints for call and ticket events, with their delivery logs. */
export function WebhooksPage() {
  const webhooks = useWebhooks();
  const [editing, setEditing] = useState<WebhookDialogTarget>(null);
  const [revealed, setRevealed] = useState<WebhookWithSecret | null>(null);
  const [rotating, setRotating] = useState<Webhook | null>(null);
  const rotate = useRotateWebhookSecret();
  const removal = useConfirmRemoval(useDeleteWebhook(), {
    variables: (webhook: Webhook) => webhook.id,
    successTitle: () => 'Endpoint deleted',
  });
  const addButton = (
    <Button variant="primary" onClick={() => setEditing('new')}>
      <Plus className="size-4" aria-hidden="true" />
      Add endpoint
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Send call and ticket events to your own systems (CRM, helpdesk, automations) as they happen."
        actions={addButton}
      />
      <div className="space-y-6">
        <ListQueryView
          query={webhooks}
          loading={
            <div role="status" aria-label="Loading webhooks" className="space-y-4">
              <Skeleton className="h-40 w-full" />
              <Skeleton className="h-40 w-full" />
            </div>
          }
          errorTitle="Could not load webhooks"
          empty={{
            icon: WebhookIcon,
            title: 'No endpoints yet',
            description:
              'Add a URL and choose events: Buzzi posts each call start, end, analysis and new ticket to it.',
            action: addButton,
          }}
        >
          {(items) => (
            <ul className="space-y-4">
              {items.map((webhook) => (
                <li key={webhook.id}>
                  <WebhookCard
                    webhook={webhook}
                    onEdit={() => setEditing(webhook)}
                    onRotate={() => {
                      rotate.reset();
                      setRotating(webhook);
                    }}
                    onDelete={() => removal.ask(webhook)}
                  />
                </li>
              ))}
            </ul>
          )}
        </ListQueryView>
        <SignatureHelp />
      </div>
      <WebhookDialog target={editing} onClose={() => setEditing(null)} onCreated={setRevealed} />
      <SecretDialog value={revealed} onClose={() => setRevealed(null)} />
      <ConfirmDialog
        open={rotating !== null}
        onOpenChange={(open) => !open && setRotating(null)}
        title="Rotate the signing secret?"
        description="Events are signed with a new secret from now on; your receiver must use it at once."
        confirmLabel="Rotate secret"
        pending={rotate.isPending}
        error={rotate.isError ? errorMessage(rotate.error) : null}
        onConfirm={() => {
          if (!rotating) return;
          rotate.mutate(rotating.id, {
            onSuccess: (rotated) => {
              setRotating(null);
              setRevealed(rotated);
            },
          });
        }}
      />
      <ConfirmDialog
        {...removal.dialog}
        title="Delete this endpoint?"
        description={`${removal.target?.url ?? ''} gets no more events, and its delivery log is deleted.`}
        confirmLabel="Delete endpoint"
      />
    </>
  );
}
