import { useQuery } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { webhooksQuery } from '../api/webhooks';
import { Alert } from '../components/ui/Alert';
import { Button } from '../components/ui/Button';

// Endpoints are disabled in the background; a minute is soon enough to hear of it.
const REFRESH_MS = 60_000;

/** One banner per webhook endpoint disabled for failing, on every page but Webhooks, for the admins. */
export function WebhookAlerts({ companyId }: { companyId: string }) {
  const webhooks = useQuery({ ...webhooksQuery(companyId), refetchInterval: REFRESH_MS });
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const disabled = webhooks.data?.filter((w) => !w.isActive && w.disabledReason) ?? [];
  // The Webhooks page shows the same alert on the endpoint's card.
  if (disabled.length === 0 || pathname === '/webhooks') return null;
  return (
    <div className="mb-6 space-y-3">
      {disabled.map((webhook) => (
        <Alert key={webhook.id} variant="error" title="Webhook disabled">
          <p className="break-words">
            {new URL(webhook.url).host}: events are no longer sent to this endpoint.
          </p>
          <Button size="sm" variant="danger" className="mt-2" onClick={() => navigate('/webhooks')}>
            Review webhooks
          </Button>
        </Alert>
      ))}
    </div>
  );
}
