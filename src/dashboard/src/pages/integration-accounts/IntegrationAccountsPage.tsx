import { Lock, PlugZap, Plus } from 'lucide-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import {
  useDeleteIntegrationAccount,
  useIntegrationAccounts,
  useTestIntegrationAccount,
} from '../../api/integration-accounts';
import type { IntegrationAccount } from '../../api/types';
import { CallFeatureDisabledState } from '../../components/CallFeatureDisabledState';
import { ListQueryView } from '../../components/ListQueryView';
import { Button } from '../../components/ui/Button';
import { ConfirmDialog } from '../../components/ui/ConfirmDialog';
import { EmptyState } from '../../components/ui/EmptyState';
import { PageHeader } from '../../components/ui/PageHeader';
import { useConfirmRemoval } from '../../components/use-confirm-removal';
import { formatPhoneNumber } from '../../lib/phone';
import { AccountDialog } from './AccountDialog';
import { AccountsTable } from './AccountsTable';
import { TestResultDialog } from './TestResultDialog';

/** `?edit=<id>` opens that account's form; the alert banner's "Fix Integration" links here. */
const EDIT_PARAM = 'edit';

export function IntegrationAccountsPage() {
  const accounts = useIntegrationAccounts();
  const remove = useDeleteIntegrationAccount();
  const test = useTestIntegrationAccount();
  const [searchParams, setSearchParams] = useSearchParams();
  const [adding, setAdding] = useState(false);
  const [testing, setTesting] = useState<IntegrationAccount | null>(null);
  const deletion = useConfirmRemoval(remove, {
    variables: (account: IntegrationAccount) => account.id,
    successTitle: (account) => `${account.name} deleted`,
  });

  const editId = searchParams.get(EDIT_PARAM);
  const editing = (editId && accounts.data?.find((a) => a.id === editId)) || null;
  const edit = (account: IntegrationAccount) => {
    setAdding(false);
    setSearchParams({ [EDIT_PARAM]: account.id });
  };
  const closeDialog = () => {
    setAdding(false);
    if (editId) setSearchParams({}, { replace: true });
  };
  const runTest = (account: IntegrationAccount) => {
    setTesting(account);
    test.mutate(account.id);
  };

  const addButton = (
    <Button variant="primary" onClick={() => setAdding(true)}>
      <Plus className="size-4" aria-hidden="true" />
      Add account
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Integration Accounts"
        description="Phone and messaging accounts your call chatbots answer on."
        actions={accounts.data && accounts.data.length > 0 ? addButton : undefined}
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
            'Connect a Twilio phone number or a WhatsApp Business number and one of your call chatbots answers its calls.',
          action: addButton,
        }}
      >
        {(items) => (
          <AccountsTable
            accounts={items}
            testingId={testing && test.isPending ? testing.id : null}
            onTest={runTest}
            onEdit={edit}
            onDelete={deletion.ask}
          />
        )}
      </ListQueryView>
      <AccountDialog
        account={editing}
        open={adding || editing !== null}
        onOpenChange={(open) => !open && closeDialog()}
        onEdit={edit}
      />
      <TestResultDialog
        test={
          testing && {
            subject: testing.name,
            pending: test.isPending,
            error: test.error,
            result: test.data?.test ?? null,
          }
        }
        onClose={() => setTesting(null)}
      />
      <ConfirmDialog
        {...deletion.dialog}
        title={deletion.target ? `Delete ${deletion.target.name}?` : 'Delete account?'}
        description={
          deletion.target
            ? deletion.target.accountType === 'whatsapp'
              ? `Buzzi stops answering WhatsApp calls to ${formatPhoneNumber(deletion.target.config.phoneNumber)} and forgets its access token and app secret. Remove the callback URL in your Meta app, or WhatsApp callers hear a failed call.`
              : `Buzzi stops answering ${formatPhoneNumber(deletion.target.config.phoneNumber)} and forgets its Twilio credentials. Twilio keeps the number: point its voice URL elsewhere, or callers hear an error.`
            : ''
        }
        confirmLabel="Delete account"
      />
    </>
  );
}
