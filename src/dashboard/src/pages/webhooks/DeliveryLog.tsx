import { useWebhookDeliveries, type WebhookDelivery } from '../../api/webhooks';
import { Badge } from '../../components/ui/Badge';
import { ErrorState } from '../../components/ui/ErrorState';
import { Skeleton } from '../../components/ui/Skeleton';
import { formatDateTime, formatRelativeTime } from '../../lib/format';
import { deliveryStatus, responseLabel } from './webhook-labels';

/** An endpoint's latest deliveries, newest first: what was sent and what the receiver said. */
export function DeliveryLog({ webhookId }: { webhookId: string }) {
  const deliveries = useWebhookDeliveries(webhookId);
  if (deliveries.isPending) {
    return (
      <div role="status" aria-label="Loading deliveries" className="space-y-2">
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-10 w-full" />
      </div>
    );
  }
  if (deliveries.isError) {
    return (
      <ErrorState
        title="Could not load the delivery log"
        error={deliveries.error}
        onRetry={() => deliveries.refetch()}
        retrying={deliveries.isFetching}
      />
    );
  }
  if (deliveries.data.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
        Nothing sent yet. Send a test event to try the endpoint.
      </p>
    );
  }
  return (
    <ul
      aria-label="Delivery log"
      className="divide-y divide-slate-100 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
    >
      {deliveries.data.map((delivery) => (
        <DeliveryRow key={delivery.id} delivery={delivery} />
      ))}
    </ul>
  );
}

function DeliveryRow({ delivery }: { delivery: WebhookDelivery }) {
  const status = deliveryStatus[delivery.status];
  return (
    <li data-testid="webhook-delivery" className="space-y-1 px-3 py-2.5 text-sm sm:px-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <code className="font-mono text-xs font-medium text-slate-900 dark:text-slate-100">
          {delivery.event}
        </code>
        <Badge tone={status.tone}>{status.label}</Badge>
        <span className="tabular-nums text-slate-700 dark:text-slate-300">
          {responseLabel(delivery)}
        </span>
        <span className="text-slate-500 dark:text-slate-400">
          {delivery.attempts} {delivery.attempts === 1 ? 'attempt' : 'attempts'}
        </span>
        <time
          dateTime={delivery.createdAt}
          title={formatDateTime(delivery.createdAt)}
          className="ml-auto text-xs text-slate-500 dark:text-slate-400"
        >
          {formatRelativeTime(delivery.createdAt)}
        </time>
      </div>
      {delivery.responseBody && delivery.status !== 'succeeded' && (
        <p className="break-words font-mono text-xs text-slate-500 dark:text-slate-400">
          {delivery.responseBody}
        </p>
      )}
      {delivery.status === 'pending' && delivery.nextAttemptAt && (
        <p className="text-xs text-amber-700 dark:text-amber-300">
          Next try {formatRelativeTime(delivery.nextAttemptAt)}
        </p>
      )}
    </li>
  );
}
