import { Package, Pencil, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import {
  useDeletePackage,
  useMasterPackages,
  useUpdatePackage,
} from '../../../api/master-packages';
import type { ChatbotPackage } from '../../../api/types';
import { Button } from '../../../components/ui/Button';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorState } from '../../../components/ui/ErrorState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { TableSkeleton } from '../../../components/ui/Skeleton';
import { Switch } from '../../../components/ui/Switch';
import { Table, TableContainer, TBody, TD, TH, THead, TR } from '../../../components/ui/Table';
import { useToast } from '../../../components/ui/toast-context';
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
  const [deleting, setDeleting] = useState<ChatbotPackage | null>(null);

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
      {packages.isPending ? (
        <TableSkeleton label="Loading packages" />
      ) : packages.isError ? (
        <ErrorState
          title="Could not load packages"
          error={packages.error}
          onRetry={() => packages.refetch()}
          retrying={packages.isFetching}
        />
      ) : packages.data.length === 0 ? (
        <EmptyState
          icon={Package}
          title="No packages yet"
          description="Create packages for chat and call chatbots, each with its own limits."
          action={newButton}
        />
      ) : (
        <TableContainer>
          <Table>
            <THead>
              <tr>
                <TH>Name</TH>
                <TH>Type</TH>
                <TH className="text-right">Messages / month</TH>
                <TH className="text-right">Call minutes / month</TH>
                <TH className="text-right">Concurrent calls</TH>
                <TH>Active</TH>
                <TH>
                  <span className="sr-only">Actions</span>
                </TH>
              </tr>
            </THead>
            <TBody>
              {packages.data.map((pkg) => {
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
                    <TD className="text-right tabular-nums">
                      {limit(pkg.limits?.monthlyMessages)}
                    </TD>
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
                      <div className="flex items-center justify-end gap-1">
                        <Button
                          variant="ghost"
                          size="icon-sm"
                          aria-label={`Edit ${pkg.name}`}
                          title="Edit"
                          onClick={() => setEditing(pkg)}
                        >
                          <Pencil className="size-4" aria-hidden="true" />
                        </Button>
                        <Button
                          variant="ghost"
                          size="icon-sm"
                          aria-label={`Delete ${pkg.name}`}
                          title="Delete"
                          onClick={() => {
                            remove.reset();
                            setDeleting(pkg);
                          }}
                        >
                          <Trash2 className="size-4" aria-hidden="true" />
                        </Button>
                      </div>
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        </TableContainer>
      )}
      <PackageDialog
        pkg={editing === 'new' ? null : editing}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={deleting ? `Delete ${deleting.name}?` : 'Delete package?'}
        description="Companies can no longer choose it. A package that chatbots still use cannot be deleted — deactivate it instead."
        confirmLabel="Delete package"
        pending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onConfirm={() => {
          if (!deleting) return;
          const pkg = deleting;
          remove.mutate(pkg.id, {
            onSuccess: () => {
              setDeleting(null);
              toast({ title: `${pkg.name} deleted` });
            },
          });
        }}
      />
    </>
  );
}
