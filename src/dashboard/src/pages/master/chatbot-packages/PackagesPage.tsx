import { Package, Plus } from 'lucide-react';
import { useState } from 'react';
import {
  useDeletePackage,
  useMasterPackages,
  useUpdatePackage,
} from '../../../api/master-packages';
import type { ChatbotPackage } from '../../../api/types';
import { DataTable } from '../../../components/DataTable';
import { ListQueryView } from '../../../components/ListQueryView';
import { RowActions } from '../../../components/RowActions';
import { Button } from '../../../components/ui/Button';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { PageHeader } from '../../../components/ui/PageHeader';
import { Switch } from '../../../components/ui/Switch';
import { TD, TH, TR } from '../../../components/ui/Table';
import { useToast } from '../../../components/ui/toast-context';
import { useConfirmRemoval } from '../../../components/use-confirm-removal';
import { errorMessage } from '../../../lib/errors';
import { ChatbotTypeBadge } from '../../chatbots/ChatbotCard';
import { PackageDialog } from './PackageDialog';

const numberFormat = new Intl.NumberFormat();

function limit(value: number | null | undefined): string {
  return typeof value === 'number' ? numberFormat.format(value) : 'Unlimited';
}

export function PackagesPage() {
  const packages = useMasterPackages();
  const update = useUpdatePackage();
  const remove = useDeletePackage();
  const toast = useToast();
  const [editing, setEditing] = useState<ChatbotPackage | 'new' | null>(null);
  const deletion = useConfirmRemoval(remove, {
    variables: (pkg: ChatbotPackage) => pkg.id,
    successTitle: (pkg) => `${pkg.name} deleted`,
  });

  const setActive = (pkg: ChatbotPackage, isActive: boolean) =>
    update.mutate(
      { id: pkg.id, isActive },
      {
        onSuccess: () => toast({ title: `${pkg.name} ${isActive ? 'activated' : 'deactivated'}` }),
        onError: (error) =>
          toast({
            title: 'Could not update the package',
            description: errorMessage(error),
            variant: 'error',
          }),
      },
    );

  const newButton = (
    <Button variant="primary" onClick={() => setEditing('new')}>
      <Plus className="size-4" aria-hidden="true" />
      New package
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Chatbot Packages"
        description="Plans companies choose for their chatbots, with usage limits."
        actions={newButton}
      />
      <ListQueryView
        query={packages}
        loadingLabel="Loading packages"
        errorTitle="Could not load packages"
        empty={{
          icon: Package,
          title: 'No packages yet',
          description: 'Create packages for chat and call chatbots, each with its own limits.',
          action: newButton,
        }}
      >
        {(items) => (
          <DataTable
            head={
              <>
                <TH>Name</TH>
                <TH>Type</TH>
                <TH className="text-right">Messages / month</TH>
                <TH className="text-right">Call minutes / month</TH>
                <TH className="text-right">Concurrent calls</TH>
                <TH>Active</TH>
              </>
            }
            withActions
          >
            {items.map((pkg) => {
              const pending = update.isPending && update.variables?.id === pkg.id;
              return (
                <TR key={pkg.id}>
                  <TD className="max-w-64">
                    <span className="block font-medium text-slate-900 dark:text-slate-100">
                      {pkg.name}
                    </span>
                    {pkg.description && (
                      <span className="block truncate text-xs text-slate-500 dark:text-slate-400">
                        {pkg.description}
                      </span>
                    )}
                  </TD>
                  <TD>
                    <ChatbotTypeBadge type={pkg.chatbotType} />
                  </TD>
                  <TD className="text-right tabular-nums">{limit(pkg.limits?.monthlyMessages)}</TD>
                  <TD className="text-right tabular-nums">
                    {limit(pkg.limits?.monthlyCallMinutes)}
                  </TD>
                  <TD className="text-right tabular-nums">
                    {limit(pkg.limits?.maxConcurrentCalls)}
                  </TD>
                  <TD>
                    <Switch
                      aria-label={`Active: ${pkg.name}`}
                      checked={
                        pending ? (update.variables?.isActive ?? pkg.isActive) : pkg.isActive
                      }
                      disabled={pending}
                      onCheckedChange={(checked) => setActive(pkg, checked)}
                    />
                  </TD>
                  <TD>
                    <RowActions
                      name={pkg.name}
                      onEdit={() => setEditing(pkg)}
                      onDelete={() => deletion.ask(pkg)}
                    />
                  </TD>
                </TR>
              );
            })}
          </DataTable>
        )}
      </ListQueryView>
      <PackageDialog
        pkg={editing === 'new' ? null : editing}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
      />
      <ConfirmDialog
        {...deletion.dialog}
        title={deletion.target ? `Delete ${deletion.target.name}?` : 'Delete package?'}
        description="Companies can no longer choose it. A package that chatbots still use cannot be deleted — deactivate it instead."
        confirmLabel="Delete package"
      />
    </>
  );
}
