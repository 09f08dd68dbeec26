import { Lock, PhoneOff, PlugZap } from 'lucide-react';
import type { AccountType } from '../../../../shared/domain';
import { useIntegrationAccounts } from '../../api/calls';
import { isApiError } from '../../api/client';
import { Badge, type BadgeTone } from '../../components/ui/Badge';
import { EmptyState } from '../../components/ui/EmptyState';
import { ErrorState } from '../../components/ui/ErrorState';
import { PageHeader } from '../../components/ui/PageHeader';
import { TableSkeleton } from '../../components/ui/Skeleton';
import { Table, TableContainer, TBody, TD, TH, THead, TR } from '../../components/ui/Table';
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
      {accounts.isPending ? (
        <TableSkeleton label="Loading integration accounts" />
      ) : accounts.isError ? (
        isApiError(accounts.error, 'call_feature_disabled') ? (
          <EmptyState
            icon={PhoneOff}
            title="Voice calls are not enabled"
            description={`${accounts.error.message} Your platform administrator can turn on the Call Feature for your company.`}
          />
        ) : isApiError(accounts.error, 'forbidden') ? (
          <EmptyState
            icon={Lock}
            title="Only company admins can see integration accounts"
            description="Integration accounts hold your Twilio and WhatsApp credentials. Ask a company admin if something needs to change."
          />
        ) : (
          <ErrorState
            title="Could not load integration accounts"
            error={accounts.error}
            onRetry={() => accounts.refetch()}
            retrying={accounts.isFetching}
          />
        )
      ) : accounts.data.length === 0 ? (
        <EmptyState
          icon={PlugZap}
          title="No integration accounts yet"
          description="This is where you will connect a Twilio account, so your chatbots answer phone calls, and WhatsApp Business, so they answer WhatsApp calls. Adding accounts is coming soon."
        />
      ) : (
        <TableContainer>
          <Table>
            <THead>
              <tr>
                <TH>Name</TH>
                <TH>Type</TH>
                <TH>Status</TH>
                <TH>Last verified</TH>
              </tr>
            </THead>
            <TBody>
              {accounts.data.map((account) => (
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
            </TBody>
          </Table>
        </TableContainer>
      )}
    </>
  );
}
