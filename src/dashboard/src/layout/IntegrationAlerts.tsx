import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { integrationAccountsQuery } from '../api/integration-accounts';
import type { IntegrationAccount } from '../api/types';
import { Alert } from '../components/ui/Alert';
import { Button } from '../components/ui/Button';

// The server re-checks accounts in the background; a minute is soon enough to hear of a failure.
const REFRESH_MS = 60_000;

function alertText({ name, lastError }: IntegrationAccount): string {
  const reason = (lastError ?? 'the connection test failed').replace(/\.$/, '');
  return `${name}: ${reason}. Calls through this integration are currently unavailable.`;
}

/** One banner per integration account that stopped working, on every page, for the admins. */
export function IntegrationAlerts({ companyId }: { companyId: string }) {
  const accounts = useQuery({
    ...integrationAccountsQuery(companyId),
    refetchInterval: REFRESH_MS,
  });
  const navigate = useNavigate();
  const failing = accounts.data?.filter((account) => account.status === 'inactive') ?? [];
  if (failing.length === 0) return null;
  return (
    <div className="mb-6 space-y-3">
      {failing.map((account) => (
        <Alert key={account.id} variant="error" title="Integration Account Error">
          <p>{alertText(account)}</p>
          <Button
            size="sm"
            variant="danger"
            className="mt-2"
            onClick={() => navigate(`/integration-accounts?edit=${account.id}`)}
          >
            Fix Integration
          </Button>
        </Alert>
      ))}
    </div>
  );
}
