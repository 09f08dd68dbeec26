import { ChevronsUpDown } from 'lucide-react';
import { useLocation, useNavigate } from 'react-router';
import { useSwitchCompany } from '../api/auth';
import { useSession } from '../auth/session-context';
import {
  Menu,
  MenuContent,
  MenuLabel,
  MenuRadioGroup,
  MenuRadioItem,
  MenuTrigger,
} from '../components/ui/Menu';
import { Spinner } from '../components/ui/Spinner';
import { useToast } from '../components/ui/toast-context';
import { cn } from '../lib/cn';
import { errorMessage } from '../lib/errors';
import { roleLabels } from '../lib/labels';
import { focusRing } from '../lib/styles';

export function CompanySwitcher() {
  const { me, activeCompany } = useSession();
  const switchCompany = useSwitchCompany();
  const toast = useToast();
  const navigate = useNavigate();
  const location = useLocation();

  const onSelect = (companyId: string) => {
    if (companyId === activeCompany?.id) return;
    switchCompany.mutate(companyId, {
      onSuccess: (next) => {
        toast({ title: `Switched to ${next.activeCompany?.name ?? 'company'}` });
        // A detail page (e.g. /chatbots/:id) belongs to the previous company: go to its list.
        const section = location.pathname.split('/')[1] ?? '';
        if (section !== 'master' && location.pathname !== `/${section}`) navigate(`/${section}`);
      },
      onError: (error) =>
        toast({
          title: 'Could not switch company',
          description: errorMessage(error),
          variant: 'error',
        }),
    });
  };

  const label = activeCompany?.name ?? 'Select a company';
  return (
    <Menu>
      <MenuTrigger
        aria-label={`Switch company (current: ${label})`}
        className={cn(
          'flex w-full items-center gap-3 rounded-lg border border-slate-200 bg-white px-2.5 py-2 text-left shadow-xs',
          'hover:bg-slate-50 dark:border-slate-800 dark:bg-slate-900 dark:hover:bg-slate-800/70',
          focusRing,
        )}
      >
        <span className="grid size-8 shrink-0 place-items-center rounded-md bg-slate-900 text-xs font-semibold text-white dark:bg-slate-100 dark:text-slate-900">
          {label.slice(0, 1).toUpperCase()}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium text-slate-900 dark:text-slate-50">
            {label}
          </span>
          {activeCompany && (
            <span className="block truncate text-xs text-slate-500 dark:text-slate-400">
              {roleLabels[activeCompany.role]}
            </span>
          )}
        </span>
        {switchCompany.isPending ? (
          <Spinner className="text-slate-500" />
        ) : (
          <ChevronsUpDown className="size-4 shrink-0 text-slate-500" aria-hidden="true" />
        )}
      </MenuTrigger>
      <MenuContent align="start" className="w-[var(--radix-dropdown-menu-trigger-width)] min-w-60">
        <MenuLabel>Companies</MenuLabel>
        <MenuRadioGroup value={activeCompany?.id ?? ''} onValueChange={onSelect}>
          {me.memberships.map((membership) => (
            <MenuRadioItem
              key={membership.companyId}
              value={membership.companyId}
              disabled={switchCompany.isPending}
            >
              <span className="min-w-0">
                <span className="block truncate">{membership.companyName}</span>
                <span className="block truncate text-xs text-slate-500 dark:text-slate-400">
                  {roleLabels[membership.role]}
                </span>
              </span>
            </MenuRadioItem>
          ))}
        </MenuRadioGroup>
      </MenuContent>
    </Menu>
  );
}
