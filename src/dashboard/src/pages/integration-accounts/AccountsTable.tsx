import { Activity } from 'lucide-react';
import type { IntegrationAccount } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { RowActions } from '../../components/RowActions';
import { Badge } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { TD, TH, TR } from '../../components/ui/Table';
import { formatDateTime, formatRelativeTime } from '../../lib/format';
import { formatPhoneNumber } from '../../lib/phone';
import { useNow } from '../../lib/use-now';
import { accountTypeLabels, statusBadges } from './account-labels';

type AccountsTableProps = {
  accounts: IntegrationAccount[];
  /** The account whose connection test is running, if any. */
  testingId: string | null;
  onTest: (account: IntegrationAccount) => void;
  onEdit: (account: IntegrationAccount) => void;
  onDelete: (account: IntegrationAccount) => void;
};

export function AccountsTable({
  accounts,
  testingId,
  onTest,
  onEdit,
  onDelete,
}: AccountsTableProps) {
  const now = useNow();
  return (
    <DataTable
      head={
        <>
          <TH>Name</TH>
          <TH>Status</TH>
          <TH>Phone number</TH>
          <TH>Chatbot</TH>
          <TH>Last verified</TH>
        </>
      }
      withActions
    >
      {accounts.map((account) => {
        const status = statusBadges[account.status];
        return (
          <TR key={account.id}>
            <TD className="max-w-40 sm:max-w-52">
              <span className="block truncate font-medium text-slate-900 dark:text-slate-100">
                {account.name}
              </span>
              {account.description && (
                <span className="block truncate text-xs text-slate-500 dark:text-slate-400">
                  {account.description}
                </span>
              )}
            </TD>
            <TD>
              <Badge tone={status.tone}>{status.label}</Badge>
              {account.status === 'inactive' && account.lastError && (
                <span
                  className="mt-1 block max-w-44 truncate text-xs text-red-700 dark:text-red-400"
                  title={account.lastError}
                >
                  {account.lastError}
                </span>
              )}
            </TD>
            <TD>
              <span className="block tabular-nums">
                {formatPhoneNumber(account.config.phoneNumber)}
              </span>
              <span className="block text-xs text-slate-500 dark:text-slate-400">
                {accountTypeLabels[account.accountType]}
              </span>
            </TD>
            <TD>{account.chatbotName ?? 'No chatbot'}</TD>
            <TD title={account.lastVerifiedAt ? formatDateTime(account.lastVerifiedAt) : undefined}>
              {account.lastVerifiedAt ? formatRelativeTime(account.lastVerifiedAt, now) : 'Never'}
            </TD>
            <TD>
              <div className="flex items-center justify-end gap-1">
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Test connection of ${account.name}`}
                  pending={testingId === account.id}
                  disabled={testingId !== null}
                  onClick={() => onTest(account)}
                >
                  {testingId !== account.id && <Activity className="size-4" aria-hidden="true" />}
                  Test
                </Button>
                <RowActions
                  name={account.name}
                  onEdit={() => onEdit(account)}
                  onDelete={() => onDelete(account)}
                />
              </div>
            </TD>
          </TR>
        );
      })}
    </DataTable>
  );
}
