import { Lock, PlugZap } from 'lucide-react';
import type { AccountType } from '../../../../shared/domain';
import { useIntegrationAccounts } from '../../api/calls';
import { isApiError } from '../../api/client';
import { CallFeatureDisabledState } from '../../components/CallFeatureDisabledState';
import { DataTable } from '../../components/DataTable';
import { ListQueryView } from '../../components/ListQueryView';
import { Badge, type BadgeTone } from '../../components/ui/Badge';
import { EmptyState } from '../../components/ui/EmptyState';
import { PageHeader } from '../../components/ui/PageHeader';
import { TD, TH, TR } from '../../components/ui/Table';
import { formatDateTime, humanize } from '../../lib/format';

const typeLabels: Record<AccountType, string> = { twilio: 'Twilio', whatsapp: 'WhatsApp' };

function statusTone(status: string): BadgeTone {
  if (['active', 'verified', 'connected', 'ok'].includes(status)) return 'green';
  if (['error', 'failed', 'invalid'].includes(status)) return 'red';
  if (['pending', 'unverified'].includes(status)) return 'amber';
  return 'neutral';
}

export function IntegrationAccountsPage() {
  const accounts = useIntegrationAccounts();
  return (
    <>
      <PageHeader
        title="Integration Accounts"
        description="Phone and messaging accounts your call chatbots answer on."
      />
      <ListQueryView
        query={accounts}
        loadingLabel="Loading integration accounts"
        errorTitle="Could not load integration accounts"
        renderError={(error) =>
          isApiError(error, 'call_feature_disabled') ? (
            <CallFeatureDisabledState message={error.message} />
          ) : isApiError(error, 'forbidden') ? (
            <EmptyState
              icon={Lock}
              title="Only company admins can see integration accounts"
              description="Integration accounts hold your Twilio and WhatsApp credentials. Ask a company admin if something needs to change."
            />
          ) : undefined
        }
        empty={{
          icon: PlugZap,
          title: 'No integration accounts yet',
          description:
            'This is where you will connect a Twilio account, so your chatbots answer phone calls, and WhatsApp Business, so they answer WhatsApp calls. Adding accounts is coming soon.',
        }}
      >
        {(items) => (
          <DataTable
            head={
              <>
                <TH>Name</TH>
                <TH>Type</TH>
                <TH>Status</TH>
                <TH>Last verified</TH>
              </>
            }
          >
            {items.map((account) => (
              <TR key={account.id}>
                <TD className="font-medium text-slate-900 dark:text-slate-100">{account.name}</TD>
                <TD>{typeLabels[account.accountType] ?? humanize(account.accountType)}</TD>
                <TD>
                  <Badge tone={statusTone(account.status)} title={account.lastError ?? undefined}>
                    {humanize(account.status)}
                  </Badge>
                </TD>
                <TD>{formatDateTime(account.lastVerifiedAt, 'Never')}</TD>
              </TR>
            ))}
          </DataTable>
        )}
      </ListQueryView>
    </>
  );
}
